// Refuses request bodies over a size, before they are read.
//
// A request has a body only with a Content-Length or a Transfer-Encoding (RFC 9112, 6.3). A body of
// declared length (Node's parser then reads exactly that many bytes) is judged by its header and
// left to be read straight from the socket. Hono's bodyLimit looks at every request's `raw.body`
// first, which makes @hono/node-server build a full web Request and a web stream for it: under the
// end-of-shift rush that was about 8% of the server's CPU. A body of unknown length (chunked) is
// counted as it arrives, by Hono's bodyLimit.
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';

export function limitBodies(maxSize: number, onError: (c: Context) => Response): MiddlewareHandler {
  const counted = bodyLimit({ maxSize, onError });
  return async (c, next) => {
    if (c.req.header('transfer-encoding') !== undefined) return counted(c, next);
    const declared = c.req.header('content-length');
    // Node refuses a request whose Content-Length is not a number, so this parses.
    if (declared !== undefined && Number(declared) > maxSize) return onError(c);
    await next();
  };
}
