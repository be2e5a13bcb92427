import http from 'node:http';
import next from 'next';

/**
 * The production web server: Next.js (a custom server over the same build `next start` serves),
 * with the hot JSON routes answered first by the fast path (lib/server/fast-path.ts). Started by
 * `npm start` (lib/cli/start.ts) with `serverCommand()`: `--port` (else PORT, else 3000) and
 * `--hostname` (else every interface), as `next start -p -H`.
 */
// tsx turns source maps on for the TypeScript it runs; with them on, Node also reads the map of
// every chunk of the Next build it loads (megabytes, on the first request to each route) and
// maps every stack trace. The production server does without; logs keep the compiled positions.
process.setSourceMapsEnabled(false);

const argument = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const port = Number(argument('port') ?? process.env.PORT ?? 3000);
const hostname = argument('hostname');
const app = next({ dev: false, dir: process.cwd(), port, hostname });
await app.prepare();
const handle = app.getRequestHandler();
// Only now: the routes' modules reach into Next's request storage, which Next sets up on start.
const { serveFast } = await import('@/lib/server/fast-path');
const { FAST_ROUTES } = await import('@/lib/server/fast-routes');

const server = http.createServer((req, res) => {
  if (!serveFast(FAST_ROUTES, req, res)) void handle(req, res);
});
server.listen(port, hostname, () => console.log(`quorum: web server listening on ${hostname ?? '*'}:${port}`));

let stopping = false;
function stop() {
  if (stopping) return;
  stopping = true;
  // Open live streams (SSE) would hold `close` forever: stop accepting, end idle keep-alive
  // sockets, give requests in flight a few seconds, then leave.
  server.close(() => process.exit(0));
  server.closeIdleConnections();
  setTimeout(() => process.exit(0), 5_000).unref();
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
