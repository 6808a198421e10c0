// Cron expressions as node-cron reads them (5 fields, or 6 with seconds first), checked field by field with the
// ranges spelled out: node-cron itself accepts steps larger than the field (`*/61` seconds) and reports a wrong
// field count without saying which setting it came from.

interface Field {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
}

const SECOND: Field = { name: 'second', min: 0, max: 59 };
const FIELDS_5: readonly Field[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] },
  { name: 'day of week', min: 0, max: 7, names: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] },
];

/** What is wrong with a cron expression, or null when it is one Lookout can schedule. */
export function cronExpressionProblem(expr: string): string | null {
  const parts = expr.trim().split(/\s+/).filter(Boolean);
  if (parts.length !== 5 && parts.length !== 6) return `expected 5 or 6 fields (6 = with seconds first) but got ${parts.length}`;
  const fields = parts.length === 6 ? [SECOND, ...FIELDS_5] : FIELDS_5;
  for (let i = 0; i < parts.length; i++) {
    const problem = fieldProblem(parts[i]!, fields[i]!);
    if (problem) return `${fields[i]!.name} field "${parts[i]}": ${problem}`;
  }
  return null;
}

function fieldProblem(text: string, f: Field): string | null {
  for (const item of text.split(',')) {
    const m = /^([^/]+)(?:\/(.+))?$/.exec(item);
    if (!m) return `"${item}" is not a value, range or step`;
    const [, range, step] = m;
    if (step !== undefined) {
      if (!/^\d+$/.test(step)) return `step "${step}" is not a number`;
      const n = Number(step);
      const span = f.max - f.min + 1;
      if (n < 1 || n > span) return `step ${n} is outside 1-${span}`;
    }
    if (range === '*') continue;
    const ends = range!.split('-');
    if (ends.length > 2) return `"${range}" is not a value or a range`;
    const values = ends.map((e) => fieldValue(e, f));
    for (let k = 0; k < values.length; k++) {
      if (values[k] === null) return `"${ends[k]}" is not a ${f.name} (${f.min}-${f.max}${f.names ? ' or a name' : ''})`;
    }
    if (values.length === 2 && values[0]! > values[1]!) return `range ${range} runs backwards`;
  }
  return null;
}

function fieldValue(text: string, f: Field): number | null {
  const named = f.names?.indexOf(text.toLowerCase()) ?? -1;
  if (named >= 0) return named + (f.min === 1 ? 1 : 0);
  if (!/^\d+$/.test(text)) return null;
  const n = Number(text);
  return n >= f.min && n <= f.max ? n : null;
}
