// Visitor problem reports: the rules every runtime shares (what a category is, how long a visitor's report counts,
// how reports are bucketed). Declared once; the config, the aggregator, the page and the API import them.
import { componentId } from './ids.js';

/** The categories a component offers when the config names none for it. */
export const DEFAULT_REPORT_CATEGORIES = ["Won't load", "Can't log in", "Links don't open", "Images don't load", 'Other'] as const;

/** One visitor counts once per component in this long; a network prefix is one distinct source in it too. */
export const REPORT_WINDOW_MS = 15 * 60_000;

/** Reports are stored per minute (component × category × minute). */
const REPORT_BUCKET_MS = 60_000;

/** A category as the form posts it and the database keeps it: "Won't load" → "won-t-load". */
export const categoryId = (label: string): string => componentId(label);

/** One category offered for a component. */
export interface ReportCategory {
  id: string;
  label: string;
}

/** The categories of a component: the configured labels (by component name or id), else the defaults. */
export function categoriesFor(configured: Readonly<Record<string, readonly string[]>>, component: { id: string; name: string }): ReportCategory[] {
  const labels = configured[component.name] ?? configured[component.id] ?? DEFAULT_REPORT_CATEGORIES;
  return labels.map((label) => ({ id: categoryId(label), label }));
}

/** The start of the minute bucket holding `ms`. */
export const reportBucket = (ms: number): number => ms - (ms % REPORT_BUCKET_MS);
