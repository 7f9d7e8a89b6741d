// `npm start`: the server with the demo data loaded into an empty database (seeds/demo-server.ts).
import { runServer } from '../src/server/start';
import { demoHooks, readLoadDemo } from './demo-server';

try {
  runServer(process.env, demoHooks(readLoadDemo(process.env)));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
