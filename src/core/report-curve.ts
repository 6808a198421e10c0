// Report curves as sources give them (imported history: Downdetector's reports of X's outage of 10 March 2025),
// and the split of reports by component as a page states it ("56 % App (API), 33 % Website").

/** A report curve: counts at instants, as roughly as the sources give them. */
export interface ReportCurve {
  /** Counts at instants (epoch ms), oldest first, each with how the sources put it ("more than 40,000"). */
  points: Array<{ at: number; reports: number; label?: string }>;
  /** What the sources say beyond the figures. */
  note?: string;
  /** Share of reports by component name, in percent, as the sources give it (need not add up to 100). */
  split: Record<string, number>;
  /** The figures are approximate (read off a chart, or "more than 40,000"). */
  approximate: boolean;
  /** Who counted (e.g. "Downdetector"), and where the figures were read. */
  counter: string;
  sources: Array<{ title: string; url: string }>;
}

/** Whole percentages of a total, largest first, dropping zeros. */
export function percentSplit(counts: ReadonlyArray<{ name: string; reports: number }>): Array<{ name: string; reports: number; percent: number }> {
  const total = counts.reduce((n, c) => n + c.reports, 0);
  if (!total) return [];
  return counts
    .filter((c) => c.reports > 0)
    .map((c) => ({ ...c, percent: Math.round((100 * c.reports) / total) }))
    .sort((a, b) => b.reports - a.reports || a.name.localeCompare(b.name));
}

/** "56 % App (API), 33 % Website". */
export const describeSplit = (split: ReadonlyArray<{ name: string; percent: number }>): string => split.map((s) => `${s.percent} % ${s.name}`).join(', ');
