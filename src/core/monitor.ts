/** A check to run on a body: what the response must (or must not) contain. */
export type Assertion =
  | { type: 'bodyContains'; value: string }
  | { type: 'bodyNotContains'; value: string }
  | { type: 'jsonPathEquals'; path: string; value: string | number | boolean | null };

/** A header value: literal text, or the name of an environment variable resolved only by the prober. */
type HeaderValue = string | { env: string };

/** The request methods a monitor may use. */
export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

/** One monitor as the rest of Lookout sees it, after config validation and defaults. */
export interface MonitorSpec {
  id: string;
  name: string;
  component: string;
  group: string | null;
  url: string;
  method: (typeof HTTP_METHODS)[number];
  headers: Record<string, HeaderValue>;
  body: string | null;
  expectedStatus: number[];
  timeoutMs: number;
  intervalSeconds: number;
  degradedAboveMs: number | null;
  assertions: Assertion[];
  failuresBeforeDown: number;
  successesBeforeUp: number;
  retryDelayMs: number;
  followRedirects: boolean;
}
