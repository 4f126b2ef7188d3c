import { render } from 'preact';
import { App } from './App.tsx';
import { api, session, signedOut } from './lib/api.ts';
import { startEventLoop } from './lib/events.ts';
import { interceptLinks } from './lib/router.ts';
import { loadTaxonomy } from './lib/taxonomy.ts';
import './styles.css';

const root = document.getElementById('app') as HTMLElement;
interceptLinks(root);
startEventLoop();
void loadTaxonomy();
// A stored session the server no longer knows (expired, or the database was reset) is dropped at once.
if (session.get()) api.me().catch((err: { status?: number }) => err.status === 401 && signedOut());
root.textContent = '';
render(<App />, root);
document.body.dataset.ready = 'true';
