// A public answer as bytes, made once per refresh: its ETag (a digest of the bytes), and gzip and brotli copies
// so a request is a lookup and a write, whatever the client accepts.
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

export type Encoding = 'br' | 'gzip' | 'identity';

/** What a route renders: a status, a body and its own headers (content type, caching, CORS, …). */
export interface RenderedAnswer {
  status: number;
  body: string;
  headers: Record<string, string>;
}

export interface PublishedFile {
  status: number;
  headers: Record<string, string>;
  /** A strong validator of the identity bytes (the compressed copies carry it with a suffix). */
  etag: string;
  /** Epoch ms of the data it shows (Last-Modified). */
  dataAt: number;
  /** When the site it belongs to was read (epoch ms). */
  generatedAt: number;
  bodies: Partial<Record<Encoding, Uint8Array<ArrayBuffer>>> & { identity: Uint8Array<ArrayBuffer> };
}

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);
const encoder = new TextEncoder();
/** Below this, compression saves less than its headers cost. */
const COMPRESS_FROM = 1024;

const copy = (b: Uint8Array): Uint8Array<ArrayBuffer> => new Uint8Array(b);

/** The bytes of `answer` with their digest and compressed copies (brotli at a quality that stays in milliseconds). */
export async function publish(answer: RenderedAnswer, times: { dataAt: number; generatedAt: number }): Promise<PublishedFile> {
  const identity = encoder.encode(answer.body) as Uint8Array<ArrayBuffer>;
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', identity));
  const etag = `"${btoa(String.fromCharCode(...digest.subarray(0, 16))).replace(/[+/=]/g, (c) => (c === '+' ? '-' : c === '/' ? '_' : ''))}"`;
  const bodies: PublishedFile['bodies'] = { identity };
  if (identity.length >= COMPRESS_FROM) {
    const [gz, br] = await Promise.all([
      gzipAsync(identity, { level: 6 }),
      brotliAsync(identity, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: identity.length } }),
    ]);
    bodies.gzip = copy(gz);
    bodies.br = copy(br);
  }
  return { status: answer.status, headers: answer.headers, etag, ...times, bodies };
}

/** One encoding of a published file: what a request is answered with. */
export interface Representation extends Omit<PublishedFile, 'bodies'> {
  encoding: Encoding;
  body: Uint8Array<ArrayBuffer>;
}

/** The encodings `accept` (an Accept-Encoding header) takes, best first: br, gzip, then identity always. */
export function acceptedEncodings(accept: string | undefined): Encoding[] {
  const takes = (name: string) => (accept ?? '').split(',').some((part) => {
    const [token, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return (token === name || token === '*') && (q === undefined || Number(q.slice(2)) > 0);
  });
  return [...(['br', 'gzip'] as const).filter(takes), 'identity'];
}

/** The best representation of `file` for a client taking `accepted` (see acceptedEncodings). */
export function representationOf(file: PublishedFile, accepted: readonly Encoding[]): Representation {
  const encoding = accepted.find((e) => file.bodies[e]) ?? 'identity';
  const { bodies, ...meta } = file;
  return { ...meta, encoding, body: bodies[encoding] ?? bodies.identity };
}

/** The ETag of one encoding of a file: each representation has its own strong validator. */
export const etagOf = (file: Pick<PublishedFile, 'etag'>, encoding: Encoding): string =>
  encoding === 'identity' ? file.etag : `${file.etag.slice(0, -1)}-${encoding === 'br' ? 'br' : 'gz'}"`;
