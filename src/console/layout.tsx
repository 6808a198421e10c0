// The console's frame: a skip link, the areas, who is signed in (and their scope), and the sign-out form.
import type { Child } from 'hono/jsx';
import type { Session } from './session.js';

// Tokens are for admin tokens only (core/scopes.ts); the other areas can be read with any scope.
const AREAS = [
  { href: '/admin', label: 'Overview', adminOnly: false },
  { href: '/admin/incidents', label: 'Incidents', adminOnly: false },
  { href: '/admin/maintenance', label: 'Maintenance', adminOnly: false },
  { href: '/admin/alerts', label: 'Alerts', adminOnly: false },
  { href: '/admin/tokens', label: 'Tokens', adminOnly: true },
  { href: '/admin/audit', label: 'Audit log', adminOnly: false },
] as const;

/** The hidden field every console form carries (checked by the session guard on every write). */
export function Csrf(props: { session: Session }) {
  return <input type="hidden" name="_csrf" value={props.session.csrf} />;
}

/** A one-button form (resolve, revoke, redeliver…): a POST with the CSRF token. */
export function ActionButton(props: { session: Session; action: string; label: string; danger?: boolean; fields?: Record<string, string> }) {
  return (
    <form method="post" action={props.action} class="inline">
      <Csrf session={props.session} />
      {Object.entries(props.fields ?? {}).map(([k, v]) => <input type="hidden" name={k} value={v} />)}
      <button type="submit" class={props.danger ? 'danger' : undefined}>{props.label}</button>
    </form>
  );
}

export function ConsoleLayout(props: { title: string; session: Session | null; current?: string; children: Child }) {
  const s = props.session;
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <meta name="robots" content="noindex" />
        <title>{`${props.title} · Lookout console`}</title>
        <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/assets/admin.css" />
        <script src="/assets/admin.js" defer />
      </head>
      <body>
        <a class="skip" href="#main">Skip to content</a>
        <header class="top">
          <a class="home" href="/admin">Lookout console</a>
          {s && (
            <nav aria-label="Console">
              {AREAS.filter((a) => !a.adminOnly || s.principal.scope === 'admin').map((a) => <a href={a.href} aria-current={props.current === a.href ? 'page' : undefined}>{a.label}</a>)}
            </nav>
          )}
          {s && (
            <form method="post" action="/admin/logout" class="who">
              <Csrf session={s} />
              <span>Signed in as <strong>{s.principal.name}</strong> ({s.principal.scope})</span>
              <button type="submit">Sign out</button>
            </form>
          )}
        </header>
        <main id="main">{props.children}</main>
      </body>
    </html>
  );
}

/** An error answer in the console: what was refused and why, field by field, with the way back. */
export function ErrorPage(props: { session: Session | null; status: number; title: string; detail?: string; errors?: Array<{ field: string; message: string }>; back: string }) {
  return (
    <ConsoleLayout title={props.title} session={props.session}>
      <h1>{props.title}</h1>
      <div role="alert" class="error">
        {props.detail && <p>{props.detail}</p>}
        {props.errors && props.errors.length > 0 && (
          <ul>{props.errors.map((e) => <li><code>{e.field}</code>: {e.message}</li>)}</ul>
        )}
        <p>Nothing was changed (HTTP {props.status}).</p>
      </div>
      <p><a href={props.back}>Back</a></p>
    </ConsoleLayout>
  );
}
