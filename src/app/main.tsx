import { render } from 'preact';
import { createApiClient } from './api/client';
import { loadSession } from './session';
import { App } from './ui/App';
import './ui/styles.css';

const api = createApiClient({ baseUrl: '', getToken: () => loadSession()?.token ?? null });

const root = document.getElementById('app');
if (root) render(<App api={api} />, root);

// Ask the browser not to evict the visits kept on this phone when space runs low.
void navigator.storage?.persist?.().catch(() => false);
