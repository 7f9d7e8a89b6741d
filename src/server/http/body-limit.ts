// Refuses request bodies over a size, before they are read.
//
// A body of declared length (Content-Length without Transfer-Encoding: Node's parser then reads
// exactly that many bytes) is judged by its header, and left to be read straight from the socket.
// Hono's bodyLimit looks at every request's `raw.body` first, which makes @hono/node-server build a
// full web Request and a web stream for the body; under the end-of-shift rush that was about 5% of
// the server's CPU. A body of unknown length (chunked) is counted as it arrives, by Hono's bodyLimit.
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';

export function limitBodies(maxSize: number, onError: (c: Context) => Response): MiddlewareHandler {
  const counted = bodyLimit({ maxSize, onError });
  return async (c, next) => {
    const declared = c.req.header('content-length');
    if (declared === undefined || c.req.header('transfer-encoding') !== undefined) return counted(c, next);
    // Node refuses a request whose Content-Length is not a number, so this parses.
    if (Number(declared) > maxSize) return onError(c);
    await next();
  };
}
