// Standard Webhooks signing with Web Crypto, so the same code signs on Workers and on Node (≥ 20: globalThis.crypto).

const encoder = new TextEncoder();

/** The key bytes of a `whsec_…` secret (base64 after the prefix); a secret without the prefix is used as base64 too. */
export function secretKeyBytes(secret: string): Uint8Array<ArrayBuffer> {
  const b64 = secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret;
  const bin = atob(b64);
  const out = new Uint8Array(new ArrayBuffer(bin.length));
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** One `v1,<base64 HMAC-SHA256>` signature of `{id}.{timestamp}.{body}`. */
export async function signStandardWebhook(secret: string, id: string, timestampSec: number, body: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', secretKeyBytes(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(`${id}.${timestampSec}.${body}`)));
  let bin = '';
  for (const b of mac) bin += String.fromCharCode(b);
  return `v1,${btoa(bin)}`;
}

/**
 * The three Standard Webhooks headers for one attempt. Several secrets give several space-separated signatures,
 * so a secret can be rotated without a window where receivers reject us.
 */
export async function standardWebhookHeaders(secrets: readonly string[], id: string, now: Date, body: string): Promise<Record<string, string>> {
  const timestamp = Math.floor(now.getTime() / 1000);
  const signatures = await Promise.all(secrets.map((s) => signStandardWebhook(s, id, timestamp, body)));
  return { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': signatures.join(' ') };
}

/** A fresh secret: `whsec_` and the base64 of 24 random bytes (the spec's minimum). */
export function generateWebhookSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return `whsec_${btoa(bin)}`;
}
