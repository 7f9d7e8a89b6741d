// Request bodies go up gzipped when that saves a round of the weak signal's slow direction (750
// kbit/s up): a shift's push is JSON that gzips to about a tenth. Small bodies (a sign-in, a pull's
// checkpoints) go as they are, where the gzip header would be most of what is saved. The server
// inflates them (src/server/http/inflate.ts).
const GZIP_FROM_BYTES = 1024;

export interface EncodedBody {
  body: string | Uint8Array<ArrayBuffer>;
  /** The Content-Encoding to send, or null for a body as it is. */
  encoding: 'gzip' | null;
}

export async function encodeBody(json: string): Promise<EncodedBody> {
  // A string's length counts UTF-16 units: a Chinese text of n units is about 3n bytes, so a body
  // under the threshold by this count may be over it in bytes, never the reverse.
  if (json.length < GZIP_FROM_BYTES / 3 || typeof CompressionStream !== 'function') {
    return { body: json, encoding: null };
  }
  const bytes = new TextEncoder().encode(json);
  if (bytes.byteLength < GZIP_FROM_BYTES) return { body: json, encoding: null };
  const gzipped = new Blob([bytes]).stream().pipeThrough(new CompressionStream('gzip'));
  return { body: new Uint8Array(await new Response(gzipped).arrayBuffer()), encoding: 'gzip' };
}
