import { describe, expect, it } from 'vitest';
import { readLoadDemo } from '../../seeds/demo-server';
import { ConfigError } from '../../src/server/config';

describe('LOAD_DEMO, read by `npm start`', () => {
  it('loads the demo data by default, also when set empty, and not when set to never', () => {
    expect(readLoadDemo({})).toBe('auto');
    expect(readLoadDemo({ LOAD_DEMO: '' })).toBe('auto');
    expect(readLoadDemo({ LOAD_DEMO: 'auto' })).toBe('auto');
    expect(readLoadDemo({ LOAD_DEMO: 'never' })).toBe('never');
  });

  it('refuses any other value, naming the variable', () => {
    expect(() => readLoadDemo({ LOAD_DEMO: 'yes' })).toThrow(ConfigError);
    expect(() => readLoadDemo({ LOAD_DEMO: 'yes' })).toThrow(/LOAD_DEMO/);
  });
});
