// Reads request bodies the app sends gzipped (`Content-Encoding: gzip`, src/app/api/gzipBody.ts).
//
// On a weak signal the upload is the slow direction (750 kbit/s against 1.6 down), and a shift's
// push is JSON that gzips to about a tenth. The compressed body has passed the body limit before
// this runs; the inflated one is held to the same limit (`maxOutputLength`), so a small body cannot
// expand into a large one. Inflating runs on zlib's thread pool, off the event loop. Any other
// encoding is refused (415), and a body that is not gzip is a 400; neither reaches a handler.
import { gunzip } from 'node:zlib';
import type { Context, MiddlewareHandler } from 'hono';
import type { ApiError } from '../../domain/api';

type Refuse = (c: Context, status: 400 | 413 | 415, body: ApiError) => Response;

export function inflateBodies(maxSize: number, refuse: Refuse): MiddlewareHandler {
  return async (c, next) => {
    const encoding = c.req.header('content-encoding')?.trim().toLowerCase();
    if (encoding === undefined || encoding === '' || encoding === 'identity') return next();
    if (encoding !== 'gzip') {
      return refuse(c, 415, {
        error: 'unsupported_encoding',
        message: `a request body may be sent as gzip or as it is, not as ${encoding}`,
      });
    }
    const compressed = Buffer.from(await c.req.raw.arrayBuffer());
    let body: Buffer;
    try {
      body = await inflate(compressed, maxSize);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
        return refuse(c, 413, {
          error: 'too_large',
          message: `the body is larger than ${maxSize} bytes once inflated`,
        });
      }
      return refuse(c, 400, { error: 'invalid_body', message: 'the body is not valid gzip' });
    }
    const headers = new Headers(c.req.raw.headers);
    headers.delete('content-encoding');
    headers.delete('content-length');
    // As text: the handlers read JSON, and a Request cannot take a Node Buffer as its body.
    c.req.raw = new Request(c.req.raw.url, {
      method: c.req.raw.method,
      headers,
      body: body.toString('utf8'),
    });
    return next();
  };
}

function inflate(compressed: Buffer, maxSize: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    gunzip(compressed, { maxOutputLength: maxSize }, (error, result) =>
      error ? reject(error) : resolve(result),
    );
  });
}
