// Compresses API answers with brotli or gzip, as the client asks: the app syncs on a weak signal,
// and a pull page of 500 visits is 445 KB as JSON, 39 KB as brotli. Every answer but the change
// stream is JSON built whole in memory, so the body is read, measured against the threshold and
// compressed in one go, and the answer keeps its Content-Length.
//
// Not hono/compress: on Node 20 it has no brotli (CompressionStream lacks it) and it compresses
// c.json answers of any size. Brotli at quality 5, not its default 11: 11 takes about 150 ms for a
// page of 100 KB, 5 takes 1 ms for 13% more bytes.
import { promisify } from 'node:util';
import { brotliCompress, brotliCompressSync, constants, gzip, gzipSync } from 'node:zlib';
import type { MiddlewareHandler } from 'hono';

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);
/**
 * Bodies under this are compressed on the event loop: the pull of a worker's sync at the end of a
 * shift (14 KB) takes about 0.2 ms, and handing it to zlib's thread pool cost half as much CPU
 * again. Larger ones, the pages of a first sync, go to the pool so the loop keeps serving.
 */
const ON_THE_LOOP_BELOW = 64 * 1024;

/** JSON and text, but never text/event-stream: the change stream's keep-alives must leave at once. */
const COMPRESSIBLE = /^(?:application\/(?:[^;\s]+\+)?json|text\/(?!event-stream)[^;\s]+)(?:[;\s]|$)/i;
/** Answers that have no body to compress, or a part of one (206). */
const NO_BODY = new Set([204, 205, 206, 304]);

type Encoding = 'br' | 'gzip';

/** br or gzip by the client's q-values (RFC 9110, 12.5.3); br wins a tie, as it is smaller. */
function chooseEncoding(acceptEncoding: string | undefined): Encoding | undefined {
  if (!acceptEncoding) return undefined;
  const weights = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    const q = params.find((p) => p.startsWith('q='));
    weights.set(name, q === undefined ? 1 : Number(q.slice(2)) || 0);
  }
  const weight = (encoding: Encoding) => weights.get(encoding) ?? weights.get('*') ?? 0;
  const br = weight('br');
  const gz = weight('gzip');
  if (br > 0 && br >= gz) return 'br';
  return gz > 0 ? 'gzip' : undefined;
}

export interface CompressOptions {
  /** Bodies smaller than this many bytes go as they are: the few hundred bytes saved are not worth the CPU. */
  threshold?: number;
  brotliQuality?: number;
  gzipLevel?: number;
}

export function compressAnswers({
  threshold = 1024,
  brotliQuality = 5,
  gzipLevel = 6,
}: CompressOptions = {}): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const res = c.res;
    if (c.req.method === 'HEAD' || res.status < 200 || NO_BODY.has(res.status)) return;
    if (res.headers.has('Content-Encoding') || res.headers.has('Transfer-Encoding')) return;
    // Judged on the headers alone, so a stream's body is never read.
    if (!COMPRESSIBLE.test(res.headers.get('Content-Type') ?? '')) return;
    // Whether or not this one is compressed, the answer depends on the header: caches must know.
    res.headers.append('Vary', 'Accept-Encoding');
    const encoding = chooseEncoding(c.req.header('Accept-Encoding'));
    if (encoding === undefined) return;
    const body = await bodyOf(res);
    const headers = new Headers(res.headers);
    let sent = body;
    if (body.byteLength >= threshold) {
      sent = await compress(body, encoding, brotliQuality, gzipLevel);
      headers.set('Content-Encoding', encoding);
    }
    headers.delete('Content-Length');
    // Unset first: assigned over an answer, Hono wraps the new one around its body as a stream, which
    // @hono/node-server then sends chunked. An answer of bytes gets a Content-Length.
    c.res = undefined as unknown as Response;
    c.res = new Response(sent as Uint8Array<ArrayBuffer>, { status: res.status, headers });
  };
}

function compress(body: Uint8Array, encoding: Encoding, brotliQuality: number, gzipLevel: number) {
  const onLoop = body.byteLength < ON_THE_LOOP_BELOW;
  if (encoding === 'gzip')
    return onLoop ? gzipSync(body, { level: gzipLevel }) : gzipAsync(body, { level: gzipLevel });
  const options = {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: brotliQuality,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength,
    },
  };
  return onLoop ? brotliCompressSync(body, options) : brotliAsync(body, options);
}

/**
 * The bytes of an answer. @hono/node-server (2.1.9) keeps the text c.json made inside its answer,
 * under a symbol of its own; read through the web Response instead, the text goes through a web
 * stream and back, which cost as much CPU as compressing it. Any other body, or another version that
 * keeps it elsewhere, is read the standard way.
 */
async function bodyOf(res: Response): Promise<Uint8Array> {
  const cache = Object.getOwnPropertySymbols(res).find((symbol) => symbol.description === 'cache');
  const kept = cache === undefined ? undefined : (res as unknown as Record<symbol, unknown[]>)[cache]?.[1];
  if (typeof kept === 'string') return Buffer.from(kept);
  if (kept instanceof Uint8Array) return kept;
  return new Uint8Array(await res.arrayBuffer());
}
