import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/parse.js';

const monitor = { id: 'api', name: 'API', component: 'App (API)', url: 'https://example.com/health' };

describe('config: reports', () => {
  it('is on by default, with the default categories, no trusted proxy header and a 10 s flush', () => {
    const cfg = parseConfig({ monitors: [monitor] }, 'c.json');
    expect(cfg.reports).toEqual({ enabled: true, categories: {}, minReporters: 10, flushSeconds: 10 });
  });

  it('takes categories per component and a trusted proxy header', () => {
    const cfg = parseConfig({ monitors: [monitor], reports: { categories: { 'App (API)': ['Timeouts', 'Other'] }, trustProxyHeader: 'CF-Connecting-IP' } }, 'c.json');
    expect(cfg.reports.categories['App (API)']).toEqual(['Timeouts', 'Other']);
    expect(cfg.reports.trustProxyHeader).toBe('CF-Connecting-IP');
  });

  it('names the field of every problem: an unknown component, a repeated category, a bad header, unknown keys', () => {
    let message = '';
    try {
      parseConfig({ monitors: [monitor], reports: { categories: { Nope: ['Other'], 'App (API)': ["Won't load", 'won t load'] }, trustProxyHeader: 'not a header', colour: 1 } }, 'c.json');
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain('c.json');
    expect(message).toMatch(/reports.*colour/);
    expect(message).toMatch(/reports\.trustProxyHeader/);
    expect(message).toMatch(/reports\.categories\.App \(API\)\.1.*same category/);
    // The unknown component is checked only once the section itself is valid.
    const second = (() => {
      try {
        parseConfig({ monitors: [monitor], reports: { categories: { Nope: ['Other'] } } }, 'c.json');
        return '';
      } catch (err) {
        return (err as Error).message;
      }
    })();
    expect(second).toMatch(/reports\.categories\.Nope.*no monitor reports into a component "Nope"/);
  });
});
