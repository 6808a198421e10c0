// Small pieces the console pages share.
import type { Child } from 'hono/jsx';
import { formatMoment } from '../page/format-time.js';

/** A time in the page's zone with UTC beside it, machine-readable in `datetime`. */
export function When(props: { at: Date | number | null; tz: string }) {
  if (props.at === null) return <span>—</span>;
  const ms = typeof props.at === 'number' ? props.at : props.at.getTime();
  return <time datetime={new Date(ms).toISOString()}>{formatMoment(ms, props.tz)}</time>;
}

/** A status word with a class for its colour (the word carries the meaning; the colour only helps). */
export function Badge(props: { value: string }) {
  return <span class={`badge b-${props.value.replace(/[^a-z_]/g, '')}`}>{props.value.replace(/_/g, ' ')}</span>;
}

/** A table that scrolls sideways on a narrow screen instead of widening the page. */
export function Scroll(props: { label: string; children: Child }) {
  return <section class="scroll" aria-label={props.label} tabindex={0}>{props.children}</section>;
}

/** "12 ms" or "—". */
export function ms(v: number | null): string {
  return v === null ? '—' : `${Math.round(v)} ms`;
}
