// A tiny, inert Markdown subset for incident bodies: paragraphs (blank lines), **bold** and [links](https://…).
// It produces a tree of plain text pieces, never HTML: the JSX renderer escapes every piece, so nothing a
// writer types can become markup or script. Links are kept only for http(s) URLs; anything else stays text.

type Inline = { kind: 'text'; text: string } | { kind: 'bold'; text: string } | { kind: 'link'; text: string; href: string };
export type Paragraph = Inline[];

const TOKEN = /\*\*([^*\n]+)\*\*|\[([^\]\n]+)\]\(([^)\s]+)\)/g;

/** Parse one body into paragraphs of inline pieces. */
export function parseBody(body: string): Paragraph[] {
  return body
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.trim().replace(/\s*\n\s*/g, ' '))
    .filter((p) => p.length > 0)
    .map(parseInline);
}

function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let last = 0;
  for (const m of text.matchAll(TOKEN)) {
    if (m.index > last) out.push({ kind: 'text', text: text.slice(last, m.index) });
    if (m[1] !== undefined) out.push({ kind: 'bold', text: m[1] });
    else {
      const href = safeHref(m[3]!);
      out.push(href ? { kind: 'link', text: m[2]!, href } : { kind: 'text', text: m[0] });
    }
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ kind: 'text', text: text.slice(last) });
  return mergeText(out);
}

/** An absolute http(s) URL, normalised; null for anything else (javascript:, data:, relative, malformed). */
export function safeHref(raw: string): string | null {
  try {
    const u = new URL(raw);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

function mergeText(items: Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const it of items) {
    const prev = out[out.length - 1];
    if (it.kind === 'text' && prev?.kind === 'text') prev.text += it.text;
    else out.push({ ...it });
  }
  return out;
}

/** The body as plain text (bold markers and link syntax removed), e.g. for a one-line summary. */
export function plainBody(body: string): string {
  return parseBody(body).map((p) => p.map((i) => i.text).join('')).join(' ');
}
