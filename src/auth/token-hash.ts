// Tokens and session ids are kept only as hashes. They are 256-bit random values (or an operator's long secret), so
// one SHA-256 is enough: there is nothing to guess that a slow password hash would protect. Web Crypto: the same
// on Workers and Node.

/** Hex SHA-256 of a secret. */
export async function hashSecret(secret: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(secret));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** A new random secret with a readable prefix (`lk_` for tokens), 32 random bytes in base64url. */
export function newSecret(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return `${prefix}${btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '')}`;
}
