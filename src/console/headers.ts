// Headers of every console answer: the public page's strict CSP, except that forms may post back to the console,
// and nothing is cached (every answer is for one signed-in operator).
import { SECURITY_HEADERS } from '../site/headers.js';

const CONSOLE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

export const CONSOLE_HEADERS: Readonly<Record<string, string>> = {
  ...SECURITY_HEADERS,
  'content-security-policy': CONSOLE_CSP,
  'cache-control': 'no-store',
  'referrer-policy': 'same-origin',
};
