import { html, raw } from 'hono/html';

type Schema = { type?: string | string[]; $ref?: string; enum?: unknown[]; format?: string; items?: Schema; anyOf?: Schema[] };
interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: Array<{ name: string; in: string; required?: boolean; description?: string; schema?: Schema }>;
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: Schema }> }>;
}
export interface OpenApiDoc {
  info: { title: string; version: string; description?: string };
  servers?: Array<{ url: string }>;
  paths: Record<string, Record<string, Operation>>;
}

/** A short, human type name for a schema: `Monitor`, `string (date-time)`, `"24h" | "7d"`. */
function typeName(s: Schema | undefined): string {
  if (!s) return '';
  if (s.$ref) return s.$ref.split('/').pop()!;
  if (s.enum) return s.enum.map((e) => JSON.stringify(e)).join(' | ');
  if (s.anyOf) return s.anyOf.map(typeName).join(' | ');
  if (s.type === 'array') return `${typeName(s.items)}[]`;
  const t = Array.isArray(s.type) ? s.type.join(' | ') : (s.type ?? 'object');
  return s.format ? `${t} (${s.format})` : t;
}

/**
 * The API reference, rendered on the server from the OpenAPI document itself (so it cannot drift from the
 * routes): one section per operation with its parameters and responses. No scripts, no third-party assets.
 */
export function renderReferencePage(doc: OpenApiDoc) {
  const base = doc.servers?.[0]?.url ?? '';
  const ops = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));
  const anchor = (method: string, path: string) => `${method}-${path.replace(/[^a-z0-9]+/gi, '-')}`;
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${doc.info.title} — API reference</title>
<style>${raw(`body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1f24}
code,.path{font-family:ui-monospace,monospace}.op{border-top:1px solid #d0d7de;padding:1rem 0}.method{display:inline-block;min-width:3.5rem;
font-weight:700;text-transform:uppercase;color:#0b5cad}table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.25rem .5rem;
border-bottom:1px solid #eaeef2;vertical-align:top}nav li{list-style:none}`)}</style></head>
<body><main>
<h1>${doc.info.title} <small>${doc.info.version}</small></h1>
${doc.info.description ? html`<p>${doc.info.description}</p>` : ''}
<p>Base URL: <code>${base}</code> · Machine-readable: <a href="${base}/openapi.json">openapi.json</a> (OpenAPI 3.1)</p>
<nav aria-label="Operations"><ul>${ops.map(({ path, method, op }) => html`<li><a href="#${anchor(method, path)}"><span class="method">${method}</span> <span class="path">${path}</span></a> — ${op.summary ?? ''}</li>`)}</ul></nav>
${ops.map(
  ({ path, method, op }) => html`<section class="op" id="${anchor(method, path)}">
<h2><span class="method">${method}</span> <span class="path">${base}${path}</span></h2>
<p>${op.summary ?? ''}</p>${op.description ? html`<p>${op.description}</p>` : ''}
${op.parameters?.length
  ? html`<h3>Parameters</h3><table><thead><tr><th>name</th><th>in</th><th>type</th><th>required</th><th>description</th></tr></thead><tbody>
${op.parameters.map((p) => html`<tr><td><code>${p.name}</code></td><td>${p.in}</td><td><code>${typeName(p.schema)}</code></td><td>${p.required ? 'yes' : 'no'}</td><td>${p.description ?? ''}</td></tr>`)}
</tbody></table>`
  : ''}
<h3>Responses</h3><table><tbody>
${Object.entries(op.responses ?? {}).map(([status, r]) => html`<tr><td><code>${status}</code></td><td>${r.description ?? ''}</td><td>${Object.entries(r.content ?? {}).map(([type, m]) => html`<code>${type}</code> <code>${typeName(m.schema)}</code>`)}</td></tr>`)}
</tbody></table></section>`,
)}
</main></body></html>`;
}
