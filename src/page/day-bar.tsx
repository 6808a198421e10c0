// The 90-day bar: one cell per day, coloured by level, with the date, uptime and that day's incidents in a
// tooltip (hover, and keyboard focus for the days that had trouble) and a sentence for screen readers.
import { raw } from 'hono/html';
import { COMPONENT_STATUS_LABEL } from '../core/service-status.js';
import { formatUptime, uptimeOf } from '../core/uptime.js';
import { dayCellAt } from '../snapshot/day-bars.js';
import type { DayBarData, DayCell, DayLevel } from '../snapshot/types.js';
import { escapeHtml } from './escape.js';
import { formatDay } from './format-time.js';

/** One-letter classes keep 900 cells (10 components) small; page.css maps them to colours and patterns. */
export const LEVEL_CLASS: Record<DayLevel, string> = {
  operational: 'o', degraded_performance: 'g', partial_outage: 'p', major_outage: 'm', under_maintenance: 'u', no_data: 'n',
};

export const LEVEL_LABEL: Record<DayLevel, string> = { ...COMPONENT_STATUS_LABEL, no_data: 'No data' };

const QUIET_CELL = { operational: `<i class="${LEVEL_CLASS.operational}"></i>`, no_data: `<i class="${LEVEL_CLASS.no_data}"></i>` } as const;

/** The tooltip of one day: "6 Mar: 99.50 %, Partial outage; API errors". */
export function dayTip(cell: DayCell, titles: ReadonlyMap<string, string>): string {
  const u = uptimeOf(cell);
  let tip = `${formatDay(cell.day)}: ${u === null ? 'no data' : formatUptime(u)}`;
  if (cell.level !== 'operational' && cell.level !== 'no_data') tip += `, ${LEVEL_LABEL[cell.level]}`;
  for (const id of cell.incidentIds) tip += `; ${titles.get(id) ?? 'incident'}`;
  return tip;
}

/** "Last 90 days: 87 operational, 1 partial outage (6 Mar), 2 no data." */
export function describeDays(bar: DayBarData): string {
  const order: DayLevel[] = ['operational', 'degraded_performance', 'partial_outage', 'major_outage', 'under_maintenance', 'no_data'];
  const parts = order
    .map((level) => {
      const days: number[] = [];
      bar.levels.forEach((l, i) => l === level && days.push(bar.first + i * 86400_000));
      if (days.length === 0) return null;
      const which = level !== 'operational' && level !== 'no_data' && days.length <= 5 ? ` (${days.map((d) => formatDay(d)).join(', ')})` : '';
      return `${days.length} ${LEVEL_LABEL[level].toLowerCase()}${which}`;
    })
    .filter((p) => p !== null);
  return `Last ${bar.levels.length} days: ${parts.join(', ')}.`;
}

/**
 * Quiet days (operational, so 100 %, or no data, and no incident) are bare cells: their tooltip is fully given
 * by date and colour, so page.js writes it on hover from the bar's first date, keeping 900 cells (10 components)
 * small. Days with trouble carry their text, take keyboard focus and are read out; the sentence covers the rest.
 */
export function dayBarHtml(bar: DayBarData, titles: ReadonlyMap<string, string>): string {
  // Built as one escaped string rather than 90 JSX nodes per component: a cold page with 100 monitors renders
  // thousands of cells, and this is where the time went. Every variable part goes through escapeHtml.
  // Quiet cells are shared constant strings and the row is joined once: no string per cell, no deep rope to
  // flatten when the page is encoded.
  const cells: string[] = new Array(bar.levels.length);
  for (let i = 0; i < bar.levels.length; i++) {
    const level = bar.levels[i]!;
    if ((level === 'operational' || level === 'no_data') && bar.incidentIds[i]!.length === 0) cells[i] = QUIET_CELL[level];
    else cells[i] = `<i class="${LEVEL_CLASS[level]}" tabindex="0" role="img" aria-label="${escapeHtml(dayTip(dayCellAt(bar, i), titles))}"></i>`;
  }
  const from = bar.levels.length ? ` data-from="${new Date(bar.first).toISOString().slice(0, 10)}"` : '';
  return (
    `<div class="days"><p class="sr">${escapeHtml(describeDays(bar))}</p><div class="bar"${from}>${cells.join('')}</div>` +
    '<p class="ends" aria-hidden="true"><span>90 days ago</span><span>today</span></p></div>'
  );
}

export function DayBar(props: { bar: DayBarData; titles: ReadonlyMap<string, string> }) {
  return raw(dayBarHtml(props.bar, props.titles));
}
