import type { Child } from 'hono/jsx';
import type { ReportsConfig } from '../config/reports-schema.js';
import type { PageConfig } from '../config/schema.js';
import { UPTIME_RULE } from '../core/uptime.js';
import { formatMoment } from './format-time.js';

/** Stylesheet and script are same-origin files (public/assets): the CSP forbids anything inline or third-party. */
const ASSET_CSS = '/assets/page.css';
const ASSET_JS = '/assets/page.js';

export interface PageFrame {
  page: PageConfig;
  now: number;
  /** Set when serving an old snapshot because the database could not be read: when that data is from. */
  staleSince: number | null;
  /** Visitor reports as configured: the form, notices and charts are shown when they are enabled. */
  reports?: ReportsConfig;
}

export function StaleNote(props: { frame: PageFrame }) {
  if (props.frame.staleSince === null) return null;
  return (
    <p class="stale" role="status">
      Live data is temporarily unavailable; showing data as of <time datetime={new Date(props.frame.staleSince).toISOString()}>{formatMoment(props.frame.staleSince, props.frame.page.timeZone)}</time>.
    </p>
  );
}

export function Layout(props: { frame: PageFrame; title: string; children: Child }) {
  const { page } = props.frame;
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <title>{props.title}</title>
        {page.description && <meta name="description" content={page.description} />}
        <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href={ASSET_CSS} />
        <script src={ASSET_JS} defer />
      </head>
      <body>
        <header class="top">
          <a class="home" href="/">
            {page.logo && <img src={page.logo} alt="" width="32" height="32" />}
            <span>{page.title}</span>
          </a>
          <nav aria-label="Links">
            <a href="/history">History</a>
            {page.links.map((l) => <a href={l.url} rel="noopener">{l.label}</a>)}
          </nav>
        </header>
        <main>{props.children}</main>
        <footer>
          <p>{UPTIME_RULE}</p>
          <p>Times are shown in {page.timeZone}{page.timeZone === 'UTC' ? '' : ' with UTC in brackets'}. Powered by Lookout.</p>
        </footer>
      </body>
    </html>
  );
}
