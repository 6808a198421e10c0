// Tokens (admin scope only, core/scopes.ts) and the audit log. A new token's secret is shown on the answer to the
// form that made it, once; the database keeps only its hash.
import type { Hono } from 'hono';
import { TOKEN_SCOPES } from '../core/scopes.js';
import { listAudit } from '../db/audit-store.js';
import { NotFoundError } from '../db/admin-errors.js';
import { listTokens, revokeToken } from '../db/token-store.js';
import { createNamedToken } from '../db/token-verbs.js';
import { AuditQuery, CreateToken } from '../http/admin/schemas.js';
import { idParam, validate } from '../http/admin/validate.js';
import { field, parseForm, readForm } from './forms.js';
import type { ConsoleDeps } from './index.js';
import { ActionButton, ConsoleLayout, Csrf } from './layout.js';
import { Scroll, When } from './parts.js';
import { page, seeOther } from './render.js';
import type { Session } from './session.js';

export function registerTokenPages(app: Hono, deps: ConsoleDeps): void {
  const tz = deps.page.timeZone;

  const tokensPage = async (session: Session, created?: { name: string; secret: string }) => {
    const tokens = await listTokens(deps.sql());
    return (
      <ConsoleLayout title="Tokens" session={session} current="/admin/tokens">
        <h1>Tokens</h1>
        {created && (
          <div role="status" class="notice">
            <p>Token <strong>{created.name}</strong> created. Copy it now: it is not shown again.</p>
            <p><code id="new-token">{created.secret}</code></p>
          </div>
        )}
        <p><code>LOOKOUT_ADMIN_TOKEN</code> is a bootstrap admin token from the environment; it is not listed here.</p>
        <Scroll label="Tokens">
          <table>
            <thead><tr><th scope="col">Name</th><th scope="col">Scope</th><th scope="col">From</th><th scope="col">Created</th><th scope="col">Last used</th><th scope="col">State</th></tr></thead>
            <tbody>
              {tokens.map((t) => (
                <tr class="token">
                  <th scope="row">{t.name}</th>
                  <td>{t.scope}</td>
                  <td>{t.origin}</td>
                  <td><When at={t.createdAt} tz={tz} /></td>
                  <td>{t.lastUsedAt ? <When at={t.lastUsedAt} tz={tz} /> : 'never'}</td>
                  <td>{t.revokedAt ? <>revoked <When at={t.revokedAt} tz={tz} /></> : <ActionButton session={session} action={`/admin/tokens/${encodeURIComponent(t.id)}/revoke`} label={`Revoke ${t.name}`} danger />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Scroll>
        <h2>New token</h2>
        <form method="post" action="/admin/tokens" class="stack">
          <Csrf session={session} />
          <label for="tk-name">Name (shown in the audit log)</label>
          <input id="tk-name" name="name" required maxlength={80} />
          <label for="tk-scope">Scope</label>
          <select id="tk-scope" name="scope">{TOKEN_SCOPES.map((s) => <option>{s}</option>)}</select>
          <button type="submit">Create token</button>
        </form>
      </ConsoleLayout>
    );
  };

  app.get('/tokens', async (c) => page(c, await tokensPage(c.var.session)));

  app.post('/tokens', async (c) => {
    const f = await readForm(c);
    const body = parseForm(CreateToken, { name: field(f, 'name'), scope: field(f, 'scope') });
    const { row, secret } = await createNamedToken(deps.sql(), body, deps.clock(), deps.newId);
    // Answered directly (not redirected): the secret exists only in this answer.
    const res = page(c, await tokensPage(c.var.session, { name: row.name, secret }));
    res.headers.set('x-lookout-target', row.id);
    return res;
  });

  app.post('/tokens/:id/revoke', async (c) => {
    const id = idParam(c, 'id');
    if (!(await revokeToken(deps.sql(), id, deps.clock()))) throw new NotFoundError('live token', id);
    return seeOther(c, '/admin/tokens');
  });

  app.get('/audit', async (c) => {
    const query = Object.fromEntries(Object.entries(c.req.query()).filter(([, v]) => v !== ''));
    const q = validate(AuditQuery, query, '(query)');
    const entries = await listAudit(deps.sql(), { limit: q.limit, tokenName: q.token });
    return page(c, (
      <ConsoleLayout title="Audit log" session={c.var.session} current="/admin/audit">
        <h1>Audit log</h1>
        <form method="get" action="/admin/audit" class="filters">
          <label for="a-token">Token name</label>
          <input id="a-token" name="token" value={q.token ?? ''} />
          <button type="submit">Filter</button>
        </form>
        <Scroll label="Audit log">
          <table>
            <thead><tr><th scope="col">When</th><th scope="col">Token</th><th scope="col">Via</th><th scope="col">What</th><th scope="col">Row</th><th scope="col">Answer</th></tr></thead>
            <tbody>
              {entries.map((e) => (
                <tr class="audit">
                  <td><When at={e.at} tz={tz} /></td>
                  <th scope="row">{e.tokenName}</th>
                  <td>{e.via}</td>
                  <td><code>{e.method} {e.route}</code></td>
                  <td>{e.target ?? ''}</td>
                  <td>{e.status ?? 'none yet (under way, or interrupted)'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Scroll>
      </ConsoleLayout>
    ));
  });
}
