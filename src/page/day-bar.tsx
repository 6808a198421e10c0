// The 90-day bar: one cell per day, coloured by level, with the date, uptime and that day's incidents in a
// tooltip (hover, and keyboard focus for the days that had trouble) and a sentence for screen readers.
import { raw } from 'hono/html';
import { COMPONENT_STATUS_LABEL } from '../core/service-status.js';
import { formatUptime, uptimeOf, type StatusCounts } from '../core/uptime.js';
import { DAY_CODE_POINT, DAY_LEVEL_CODE, levelAtCodePoint } from '../snapshot/day-bars.js';
import type { DayBarData, DayCell, DayLevel } from '../snapshot/types.js';
import { ByteWriter, textOf, written, type TextSink } from './byte-writer.js';
import { escapeHtml, hasMarkup } from './escape.js';
import { formatDay } from './format-time.js';

/** One-letter classes keep 900 cells (10 components) small; page.css maps them to colours and patterns. */
export const LEVEL_CLASS: Record<DayLevel, string> = DAY_LEVEL_CODE;

export const LEVEL_LABEL: Record<DayLevel, string> = { ...COMPONENT_STATUS_LABEL, no_data: 'No data' };

const QUIET_CELL = { operational: `<i class="${LEVEL_CLASS.operational}"></i>`, no_data: `<i class="${LEVEL_CLASS.no_data}"></i>` } as const;
const QUIET_CELL_BYTES = QUIET_CELL.operational.length;
const ascii = new TextEncoder();
/** By level letter (char code; see DAY_CODE_POINT), as bytes: a bar's worth of quiet cells (a run of quiet days is
 * one copy, not a write per cell), or the start of a cell with trouble, up to its tooltip. */
const QUIET_RUN: Array<Uint8Array | undefined> = [];
const LOUD_CELL: Array<Uint8Array | undefined> = [];
for (const level of Object.keys(LEVEL_CLASS) as DayLevel[]) {
  LOUD_CELL[DAY_CODE_POINT[level]] = ascii.encode(`<i class="${LEVEL_CLASS[level]}" tabindex="0" role="img" aria-label="`);
}
QUIET_RUN[DAY_CODE_POINT.operational] = ascii.encode(QUIET_CELL.operational.repeat(366));
QUIET_RUN[DAY_CODE_POINT.no_data] = ascii.encode(QUIET_CELL.no_data.repeat(366));

/**
 * The tooltip of one day: "6 Mar: 99.50 %, Partial outage; API errors". The date, uptime and level texts are fixed
 * ASCII without markup characters (a test holds them to it), so `title` alone decides how titles are escaped.
 */
function emitTip(out: TextSink, dayLabel: string, uptime: number | null, level: DayLevel, incidentIds: readonly string[], title: (id: string) => string): void {
  out.str(dayLabel);
  out.str(': ');
  out.str(uptime === null ? 'no data' : formatUptime(uptime));
  if (level !== 'operational' && level !== 'no_data') (out.str(', '), out.str(LEVEL_LABEL[level]));
  for (const id of incidentIds) (out.str('; '), out.str(title(id)));
}

/** A day's uptime: from its counts, or on a quiet day from its level (operational: every check up). */
const uptimeOfCell = (cell: DayCell): number | null => (cell.counts ? uptimeOf(cell.counts) : cell.level === 'operational' ? 1 : null);

export const dayTip = (cell: DayCell, titles: ReadonlyMap<string, string>): string =>
  textOf((out) => emitTip(out, formatDay(cell.day), uptimeOfCell(cell), cell.level, cell.incidentIds, (id) => titles.get(id) ?? 'incident'));

/** The counts of the note being written (a page writes thousands: no object each). */
const scratch: StatusCounts = { up: 0, degraded: 0, down: 0, maintenance: 0 };

/** What the bars of one page share: incident titles, escaped where they need it (once each: most do not). */
export class DayTips {
  private readonly escaped = new Map<string, string>();
  constructor(private readonly titleOf: (id: string) => string | undefined) {}
  readonly title = (id: string): string => {
    const title = this.titleOf(id) ?? 'incident';
    if (!hasMarkup(title)) return title;
    let safe = this.escaped.get(id);
    if (safe === undefined) this.escaped.set(id, (safe = escapeHtml(title)));
    return safe;
  };
}

const LEVEL_COUNTS = new Int32Array(128);
const DESCRIBE_ORDER: readonly DayLevel[] = ['operational', 'degraded_performance', 'partial_outage', 'major_outage', 'under_maintenance', 'no_data'];

const LOWER_LABEL = Object.fromEntries(Object.entries(LEVEL_LABEL).map(([level, label]) => [level, label.toLowerCase()])) as Record<DayLevel, string>;

/** "Last 90 days: 87 operational, 1 partial outage (6 Mar), 2 no data." */
export const describeDays = (bar: DayBarData): string => textOf((out) => emitDayWords(out, bar));

/**
 * describeDays into a sink (the page writes it straight into its bytes). Labels and dates are free of markup
 * characters (a test holds them to it), so nothing here needs escaping.
 */
function emitDayWords(out: TextSink, bar: DayBarData): void {
  // Counted in one pass; dates listed only for levels with trouble on 5 days or fewer.
  const count = LEVEL_COUNTS.fill(0); // by letter (ASCII)
  for (let i = 0; i < bar.levels.length; i++) count[bar.levels.charCodeAt(i) & 127]!++;
  out.str('Last ');
  out.str(String(bar.levels.length));
  out.str(' days: ');
  let first = true;
  for (const level of DESCRIBE_ORDER) {
    const code = DAY_LEVEL_CODE[level];
    const n = count[code.charCodeAt(0)]!;
    if (!n) continue;
    if (!first) out.str(', ');
    first = false;
    out.str(String(n));
    out.str(' ');
    out.str(LOWER_LABEL[level]);
    if (level === 'operational' || level === 'no_data' || n > 5) continue;
    let sep = ' (';
    for (let i = bar.levels.indexOf(code); i >= 0; i = bar.levels.indexOf(code, i + 1)) {
      out.str(sep);
      out.str(formatDay(bar.first + i * 86400_000));
      sep = ', ';
    }
    out.str(')');
  }
  out.str('.');
}

/**
 * Quiet days (operational, so 100 %, or no data, and no incident) are bare cells: their tooltip is fully given
 * by date and colour, so page.js writes it on hover from the bar's first date, keeping 900 cells (10 components)
 * small. Days with trouble carry their text, take keyboard focus and are read out; the sentence covers the rest.
 * Written straight into the page's bytes (see ByteWriter): thousands of cells per page, no string per cell.
 */
export function writeDayBar(w: ByteWriter, bar: DayBarData, tips: DayTips): void {
  w.str('<div class="days"><p class="sr">');
  emitDayWords(w, bar);
  w.str('</p><div class="bar"');
  if (bar.levels.length) w.str(' data-from="').str(new Date(bar.first).toISOString().slice(0, 10)).str('"');
  w.str('>');
  // Between two notes every day is quiet: runs of the same letter are copied as bytes.
  const { levels, notes } = bar;
  const n = levels.length;
  const labels = dayLabels(bar.first, n);
  for (let i = 0, k = 0; i < n; ) {
    const next = k < bar.noteIncidents.length ? notes[5 * k]! : n;
    const code = levels.charCodeAt(i);
    if (i < next) {
      let end = i + 1;
      while (end < next && end - i < 366 && levels.charCodeAt(end) === code) end++;
      const run = QUIET_RUN[code];
      if (!run) throw new Error(`day ${i} of a bar has level ${levels[i]} but no note`);
      w.bytes(run, (end - i) * QUIET_CELL_BYTES);
      i = end;
      continue;
    }
    const level = levelAtCodePoint(code);
    scratch.up = notes[5 * k + 1]!;
    scratch.degraded = notes[5 * k + 2]!;
    scratch.down = notes[5 * k + 3]!;
    scratch.maintenance = notes[5 * k + 4]!;
    w.bytes(LOUD_CELL[code]!);
    emitTip(w, labels[i]!, uptimeOf(scratch), level, bar.noteIncidents[k]!, tips.title);
    w.str('"></i>');
    i++;
    k++;
  }
  w.str('</div><p class="ends" aria-hidden="true"><span>90 days ago</span><span>today</span></p></div>');
}

/** The date labels of `n` days from `first`: every bar of a page starts the same day, so they are found once. */
function dayLabels(first: number, n: number): readonly string[] {
  if (first !== labelsFirst || labelsCache.length < n) {
    labelsCache = Array.from({ length: n }, (_, i) => formatDay(first + i * 86400_000));
    labelsFirst = first;
  }
  return labelsCache;
}
let labelsFirst = NaN;
let labelsCache: string[] = [];

export const dayBarHtml = (bar: DayBarData, titles: ReadonlyMap<string, string>): string => written((w) => writeDayBar(w, bar, new DayTips((id) => titles.get(id))));

export function DayBar(props: { bar: DayBarData; titles: ReadonlyMap<string, string> }) {
  return raw(dayBarHtml(props.bar, props.titles));
}
