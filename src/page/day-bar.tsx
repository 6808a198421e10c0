// The 90-day bar: one cell per day, coloured by level, with the date, uptime and that day's incidents in a
// tooltip (hover, and keyboard focus for the days that had trouble) and a sentence for screen readers.
import { COMPONENT_STATUS_LABEL } from '../core/service-status.js';
import { formatUptime } from '../core/uptime.js';
import type { DayCell, DayLevel } from '../snapshot/types.js';
import { formatDay } from './format-time.js';

/** One-letter classes keep thousands of cells small; page.css maps them to colours and patterns. */
const LEVEL_CLASS: Record<DayLevel, string> = {
  operational: 'o', degraded_performance: 'g', partial_outage: 'p', major_outage: 'm', under_maintenance: 'u', no_data: 'n',
};

const LEVEL_LABEL: Record<DayLevel, string> = { ...COMPONENT_STATUS_LABEL, no_data: 'No data' };

const DESCRIBE_ORDER: readonly DayLevel[] = ['operational', 'degraded_performance', 'partial_outage', 'major_outage', 'under_maintenance', 'no_data'];

/** A quiet day (operational all day, or no data, and no incident) says all there is by its colour. */
const isQuiet = (cell: DayCell) => cell.incidentIds.length === 0 && (cell.level === 'no_data' || (cell.level === 'operational' && cell.uptime === 1));

/** "6 Mar: 99.50 %, Partial outage; API errors" */
export function dayTip(cell: DayCell, titles: Readonly<Record<string, string>>): string {
  const level = cell.level !== 'operational' && cell.level !== 'no_data' ? `, ${LEVEL_LABEL[cell.level]}` : '';
  const incidents = cell.incidentIds.map((id) => `; ${Object.hasOwn(titles, id) ? titles[id] : 'incident'}`).join('');
  return `${formatDay(cell.day)}: ${formatUptime(cell.uptime)}${level}${incidents}`;
}

/** "Last 90 days: 87 operational, 1 partial outage (6 Mar), 2 no data." Dates only for levels seen on 5 days or fewer. */
export function describeDays(cells: readonly DayCell[]): string {
  const parts = DESCRIBE_ORDER.flatMap((level) => {
    const days = cells.filter((c) => c.level === level);
    if (days.length === 0) return [];
    const dates = level !== 'operational' && level !== 'no_data' && days.length <= 5 ? ` (${days.map((c) => formatDay(c.day)).join(', ')})` : '';
    return [`${days.length} ${LEVEL_LABEL[level].toLowerCase()}${dates}`];
  });
  return `Last ${cells.length} days: ${parts.join(', ')}.`;
}

/**
 * Quiet days are bare cells: page.js writes their tooltip on hover from the bar's first date. Days with trouble
 * carry their text, take keyboard focus and are read out; the sentence covers the rest.
 */
export function DayBar(props: { cells: readonly DayCell[]; titles: Readonly<Record<string, string>> }) {
  const first = props.cells[0];
  return (
    <div class="days">
      <p class="sr">{describeDays(props.cells)}</p>
      <div class="bar" data-from={first ? new Date(first.day).toISOString().slice(0, 10) : undefined}>
        {props.cells.map((cell) =>
          isQuiet(cell) ? <i class={LEVEL_CLASS[cell.level]}></i> : <i class={LEVEL_CLASS[cell.level]} tabindex={0} role="img" aria-label={dayTip(cell, props.titles)}></i>,
        )}
      </div>
      <p class="ends" aria-hidden="true"><span>90 days ago</span><span>today</span></p>
    </div>
  );
}
