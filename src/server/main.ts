// The server as deployed: `npm run serve` (after `npm run build`), settings from the environment
// (docs/operations.md). It loads no demo data; `npm start` is the demo (seeds/serve-demo.ts).
import { runServer } from './start';

runServer(process.env);
