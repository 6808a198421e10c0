import { html } from 'hono/html';
import type { PageConfig } from '../config/schema.js';
import { formatUptime, UPTIME_RULE } from '../core/uptime.js';
import type { MonitorStatusRow } from '../db/status-queries.js';

const LABEL: Record<string, string> = { up: 'Operational', degraded: 'Degraded performance', down: 'Down', unknown: 'No data yet', maintenance: 'Under maintenance' };

/** A minimal server-rendered page: components and their status (the full page is its own module). */
export function renderPlainPage(page: PageConfig, rows: MonitorStatusRow[], now: Date) {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.title}</title></head>
<body><main><h1>${page.title}</h1><p>${page.description}</p>
<p>As of ${now.toISOString()}</p>
<ul>${rows.map(
    (m) => html`<li><strong>${m.component}</strong> — ${m.name}: <span data-status="${m.status}">${LABEL[m.status] ?? m.status}</span>
${m.lastCheck?.error ? html` (${m.lastCheck.error})` : ''} · 24 h uptime ${formatUptime(m.uptime['24h'])}</li>`,
  )}</ul>
<p><small>${UPTIME_RULE}</small></p></main></body></html>`;
}
