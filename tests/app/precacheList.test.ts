import { describe, expect, it } from 'vitest';
import { contentHashedUrls } from '../../src/app/pwa/precacheList';

describe('the files a service worker fetches ahead at install', () => {
  const base = 'https://tanfang.example/sw.js';

  it('are the content-hashed files only, as absolute URLs', () => {
    const urls = contentHashedUrls(
      [
        { url: 'index.html', revision: '6e1b5e83' },
        { url: 'assets/index-BXJ_D43G.js', revision: null },
        { url: 'icon-192.png', revision: '9952878e' },
        { url: 'assets/index-DlHabgtw.css' },
      ],
      base,
    );
    expect(urls).toEqual([
      'https://tanfang.example/assets/index-BXJ_D43G.js',
      'https://tanfang.example/assets/index-DlHabgtw.css',
    ]);
  });

  it('name a file listed twice once, bare URLs included', () => {
    const urls = contentHashedUrls(
      [{ url: 'assets/a-1.js', revision: null }, { url: '/assets/a-1.js', revision: null }, 'offline.html'],
      base,
    );
    expect(urls).toEqual(['https://tanfang.example/assets/a-1.js', 'https://tanfang.example/offline.html']);
  });
});
