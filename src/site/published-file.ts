// A public answer as bytes, made once per refresh: its ETag (a digest of the bytes), gzip and brotli copies, and
// each copy's complete response headers, so a request is a lookup and a write, whatever the client accepts.
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

export type Encoding = 'br' | 'gzip' | 'identity';

/** What a route renders: a status, a body and its own headers (content type, caching, CORS, …). */
export interface RenderedAnswer {
  status: number;
  body: string;
  headers: Record<string, string>;
}

/** One encoding of a published answer, ready to send. */
export interface Representation {
  status: number;
  encoding: Encoding;
  /** Every header of the answer, validators and encoding included. */
  headers: Record<string, string>;
  /** The headers of a 304 for it (no content headers). */
  notModifiedHeaders: Record<string, string>;
  /** The ETags of every encoding of the same bytes: any of them makes a 304. */
  etags: string[];
  /** Epoch ms of the data it shows (Last-Modified). */
  dataAt: number;
  /** When the site it belongs to was read (epoch ms). */
  generatedAt: number;
  body: Uint8Array<ArrayBuffer>;
}

/** A published answer in every encoding it has (identity always). */
export type PublishedFile = Partial<Record<Encoding, Representation>> & { identity: Representation };

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);
const encoder = new TextEncoder();
/** Below this, compression saves less than its headers cost. */
const COMPRESS_FROM = 1024;

/**
 * The smallest brotli window that holds the whole answer: it compresses as well as the default 4 MB window (brotli never
 * looks further back than the input reaches), without the encoder's 4 MB ring buffer and tables for a 2 KB badge.
 * The compressors run on libuv's threads, whose malloc arenas keep what they once held (bench/STEADY.md).
 */
const brotliWindowBits = (bytes: number): number =>
  Math.min(constants.BROTLI_DEFAULT_WINDOW, Math.max(constants.BROTLI_MIN_WINDOW_BITS, Math.ceil(Math.log2(bytes + 16))));

/** RFC 7231 date for Last-Modified. */
const httpDate = (ms: number): string => new Date(Math.floor(ms / 1000) * 1000).toUTCString();

/** The bytes of `answer` with their digest and compressed copies (brotli at a quality that stays in milliseconds). */
export async function publish(answer: RenderedAnswer, times: { dataAt: number; generatedAt: number }): Promise<PublishedFile> {
  const identity = encoder.encode(answer.body) as Uint8Array<ArrayBuffer>;
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', identity));
  const tag = btoa(String.fromCharCode(...digest.subarray(0, 16))).replace(/[+/=]/g, (c) => (c === '+' ? '-' : c === '/' ? '_' : ''));
  const bodies: Partial<Record<Encoding, Uint8Array<ArrayBuffer>>> = { identity };
  if (identity.length >= COMPRESS_FROM) {
    const [gz, br] = await Promise.all([
      gzipAsync(identity, { level: 6 }),
      brotliAsync(identity, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: identity.length, [constants.BROTLI_PARAM_LGWIN]: brotliWindowBits(identity.length) } }),
    ]);
    bodies.gzip = new Uint8Array(gz);
    bodies.br = new Uint8Array(br);
  }
  // Each representation has its own strong validator.
  const etagOf = (e: Encoding) => `"${tag}${e === 'identity' ? '' : e === 'br' ? '-br' : '-gz'}"`;
  const encodings = (Object.keys(bodies) as Encoding[]).filter((e) => bodies[e]);
  const etags = encodings.map(etagOf);
  const file = {} as PublishedFile;
  for (const encoding of encodings) {
    const body = bodies[encoding]!;
    const validators = { etag: etagOf(encoding), 'last-modified': httpDate(times.dataAt), vary: 'Accept-Encoding' };
    const { 'content-type': _, ...rest } = answer.headers;
    file[encoding] = {
      status: answer.status, encoding, etags, ...times, body,
      headers: { ...answer.headers, ...validators, ...(encoding === 'identity' ? {} : { 'content-encoding': encoding }), 'content-length': String(body.length) },
      notModifiedHeaders: { ...rest, ...validators },
    };
  }
  return file;
}

/** The encodings `accept` (an Accept-Encoding header) takes, best first: br, gzip, then identity always. */
export function acceptedEncodings(accept: string | undefined): Encoding[] {
  if (!accept) return ['identity'];
  const takes = (name: string) => accept.split(',').some((part) => {
    const [token, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return (token === name || token === '*') && (q === undefined || Number(q.slice(2)) > 0);
  });
  return [...(['br', 'gzip'] as const).filter(takes), 'identity'];
}

/** The best representation of `file` for a client taking `accepted` (see acceptedEncodings). */
export function representationOf(file: PublishedFile, accepted: readonly Encoding[]): Representation {
  for (const e of accepted) {
    const rep = file[e];
    if (rep) return rep;
  }
  return file.identity;
}
