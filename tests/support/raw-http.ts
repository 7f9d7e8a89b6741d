// Requests over real HTTP with node:http, which (unlike fetch) leaves bodies as they were sent: to
// see what crosses the wire, compressed or not, both ways.
import { type IncomingHttpHeaders, request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';

export interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  /** The body as it came over the wire. */
  wire: Buffer;
}

/** One request with node:http, which (unlike fetch) leaves the body as it was sent. */
export function send(
  url: string,
  options: {
    method?: string;
    token?: string;
    acceptEncoding?: string;
    /** Sent as JSON. */
    body?: unknown;
    /** Sent as it is, with `headers` (a Content-Encoding, say). */
    rawBody?: Buffer;
    headers?: Record<string, string>;
  } = {},
): Promise<RawAnswer> {
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const headers: Record<string, string> = { ...options.headers };
  if (options.token !== undefined) headers.Authorization = `Bearer ${options.token}`;
  if (options.acceptEncoding !== undefined) headers['Accept-Encoding'] = options.acceptEncoding;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, wire: Buffer.concat(chunks) }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

export function decoded(answer: RawAnswer): unknown {
  const encoding = answer.headers['content-encoding'];
  const bytes =
    encoding === 'br'
      ? brotliDecompressSync(answer.wire)
      : encoding === 'gzip'
        ? gunzipSync(answer.wire)
        : answer.wire;
  return JSON.parse(bytes.toString('utf8'));
}
