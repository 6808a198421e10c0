// A cookie-keeping client for the console through app.request (or a Worker's fetch): sign in as a browser would
// (the login form's CSRF cookie and field, then the session cookie), read each page's CSRF token, post forms.
type Fetch = (req: Request) => Promise<Response>;

export interface ConsoleClient {
  cookies: Map<string, string>;
  get(path: string): Promise<Response>;
  post(path: string, fields: Record<string, string | string[]>, headers?: Record<string, string>): Promise<Response>;
  /** The CSRF token in the page at `path` (every console form carries it). */
  csrf(path?: string): Promise<string>;
}

export function consoleClient(fetcher: Fetch, origin = 'http://lookout.test'): ConsoleClient {
  const cookies = new Map<string, string>();
  const keep = (res: Response) => {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, ...rest] = pair!.split('=');
      const value = rest.join('=');
      if (value === '' || /max-age=0/i.test(line)) cookies.delete(name!.trim());
      else cookies.set(name!.trim(), value);
    }
    return res;
  };
  const cookieHeader = () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const client: ConsoleClient = {
    cookies,
    get: async (path) => keep(await fetcher(new Request(`${origin}${path}`, { headers: { cookie: cookieHeader() }, redirect: 'manual' }))),
    post: async (path, fields, headers = {}) => {
      const body = new URLSearchParams();
      for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
      return keep(await fetcher(new Request(`${origin}${path}`, {
        method: 'POST', body, redirect: 'manual',
        headers: { cookie: cookieHeader(), 'content-type': 'application/x-www-form-urlencoded', origin, 'sec-fetch-site': 'same-origin', ...headers },
      })));
    },
    csrf: async (path = '/admin') => {
      const html = await (await client.get(path)).text();
      const m = /name="_csrf" value="([^"]+)"/.exec(html);
      if (!m) throw new Error(`no CSRF field on ${path}`);
      return m[1]!;
    },
  };
  return client;
}

/** Sign a new client in with `token`; returns it and the sign-in answer. */
export async function signIn(fetcher: Fetch, token: string, origin?: string): Promise<{ client: ConsoleClient; res: Response }> {
  const client = consoleClient(fetcher, origin);
  const csrf = await client.csrf('/admin/login');
  const res = await client.post('/admin/login', { _csrf: csrf, token });
  return { client, res };
}
