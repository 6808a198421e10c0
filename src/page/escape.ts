/**
 * Escape text for HTML text or a double-quoted attribute. Used only where the page builds markup as a string
 * for speed (the 90-day bars: thousands of cells); everything else goes through JSX, which escapes by itself.
 */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => (ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : ch === '"' ? '&quot;' : '&#39;'));
}

const MARKUP = /[&<>"']/;

/** Whether `s` holds a character escapeHtml would change (most texts do not, and are written as they are). */
export const hasMarkup = (s: string): boolean => MARKUP.test(s);
