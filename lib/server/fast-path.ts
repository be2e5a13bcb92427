import 'server-only';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { logger } from '@/lib/log/logger';
import type { RouteReply, RouteRequest } from './route';
import { SECURITY_HEADERS } from './security-headers';

/**
 * A JSON API route served by Quorum's own HTTP server before Next's request pipeline (lib/cli/serve.ts):
 * the same route (`defineRoute(...).serve`) as Next serves at that path, so permissions, validation,
 * audit and error bodies are the same. Only for hot paths: Next's pipeline costs about a
 * millisecond of CPU per request, which caps a 2-core server near 1,000 requests/s whatever the
 * route does, too few for a whole committee voting in the same second.
 */
export type FastRoute = {
  method: string;
  /** Matched against the path; its named groups are the route's dynamic segments. */
  path: RegExp;
  serve: (request: RouteRequest, params: Record<string, string>) => Promise<RouteReply>;
};

/** A JSON body larger than this is not read (answered as invalid JSON). */
const MAX_BODY_BYTES = 64 * 1024;

const RESPONSE_HEADERS: Record<string, string> = {
  ...Object.fromEntries(SECURITY_HEADERS.map(({ key, value }) => [key, value])),
  'Content-Type': 'application/json',
  'Cache-Control': 'no-store',
};

/** Serves the request when a fast route matches it and says so; otherwise leaves it for Next. */
export function serveFast(routes: readonly FastRoute[], req: IncomingMessage, res: ServerResponse): boolean {
  const url = req.url ?? '/';
  const query = url.indexOf('?');
  const pathname = query < 0 ? url : url.slice(0, query);
  for (const route of routes) {
    if (route.method !== req.method) continue;
    const match = route.path.exec(pathname);
    if (!match) continue;
    void answer(route, { ...match.groups }, req, res);
    return true;
  }
  return false;
}

async function answer(route: FastRoute, params: Record<string, string>, req: IncomingMessage, res: ServerResponse) {
  let reply: RouteReply;
  try {
    reply = await route.serve(routeRequest(req), params);
  } catch (error) {
    // `serve` answers every failure itself; this is a bug, and the client still gets JSON.
    logger.error({ err: error, path: req.url }, 'fast route failed');
    reply = { status: 500, body: { error: { code: 'INTERNAL' } } };
  }
  const body = JSON.stringify(reply.body);
  res.writeHead(reply.status, { ...RESPONSE_HEADERS, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

/** Node's request as a `RouteRequest`, with the client address where Next would put it. */
function routeRequest(req: IncomingMessage): RouteRequest {
  const header = (name: string): string | null => {
    const value = req.headers[name.toLowerCase()];
    if (value === undefined) return name.toLowerCase() === 'x-forwarded-for' ? (req.socket.remoteAddress ?? null) : null;
    return Array.isArray(value) ? value.join(', ') : value;
  };
  return {
    method: req.method ?? 'GET',
    url: `http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`,
    headers: { get: header },
    json: () => readJson(req),
  };
}

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('error', reject);
    req.on('end', () => {
      if (size > MAX_BODY_BYTES) return reject(new Error('request body too large'));
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch (error) {
        reject(error);
      }
    });
  });
}
