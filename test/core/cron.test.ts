import { describe, expect, it } from 'vitest';
import { cronExpressionProblem } from '../../src/core/cron.js';
import { parseNodeEnv } from '../../src/env.js';

describe('cron expressions', () => {
  it.each(['*/10 * * * * *', '* * * * *', '0 9-17 * * mon-fri', '0 0 1 jan *', '1,2,30 */5 * * * sun', '0 0 * * 7'])('accepts %s', (expr) => {
    expect(cronExpressionProblem(expr)).toBeNull();
  });

  it.each([
    ['* *', 'expected 5 or 6 fields'],
    ['*/61 * * * * *', 'second field "*/61": step 61'],
    ['60 * * * *', 'minute field "60"'],
    ['0 24 * * *', 'hour field "24"'],
    ['0 0 0 * *', 'day of month field "0"'],
    ['0 0 * 13 *', 'month field "13"'],
    ['5-1 * * * *', 'runs backwards'],
    ['*/0 * * * *', 'step 0'],
    ['@hourly', 'expected 5 or 6 fields'],
  ])('refuses %s', (expr, why) => {
    expect(cronExpressionProblem(expr)).toContain(why);
  });

  it('names LOOKOUT_CRON in the environment error', () => {
    expect(() => parseNodeEnv({ LOOKOUT_CRON: '*/61 * * * * *' })).toThrow(/LOOKOUT_CRON: "\*\/61 \* \* \* \* \*" is not a cron expression: second field/);
  });
});
