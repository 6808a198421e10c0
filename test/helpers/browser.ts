// Debian's Chromium through playwright-core, launched and watched the same way by every browser test. Every wait is
// bounded: Playwright's own steps by a default timeout, and the calls it never times out (evaluate, closing a page or
// a context, closing a server a browser still holds a connection to) by `within`, so a stuck step fails naming
// itself instead of as the test's timeout.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** Longer than any step takes on a loaded CI machine, well under a test's timeout. */
const STEP_MS = 20_000;

/** `promise`, or an error naming `what` once `ms` have passed. */
async function within<T>(what: string, promise: Promise<T>, ms = STEP_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

export interface Chromium {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A fresh profile and a persistent context on it; `close()` ends the browser and removes the profile. */
export async function launchChromium(opts: { javaScriptEnabled?: boolean; viewport?: { width: number; height: number } } = {}): Promise<Chromium> {
  const profile = await mkdtemp(join(tmpdir(), 'lookout-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS, ...opts });
  context.setDefaultTimeout(STEP_MS);
  context.setDefaultNavigationTimeout(STEP_MS);
  return {
    context,
    close: async () => {
      await within('closing Chromium', context.close()).catch(() => undefined);
      await rm(profile, { recursive: true, force: true });
    },
  };
}

export interface WatchedPage {
  page: Page;
  /** Messages of dialogs that opened (a script payload that ran); each is dismissed. */
  dialogs: string[];
  /** Console errors (CSP violations land there) and uncaught exceptions. */
  errors: string[];
  /** Requests to anywhere but `home`, when given. */
  foreign: string[];
  close(): Promise<void>;
}

export async function openPage(context: BrowserContext, home?: string): Promise<WatchedPage> {
  const page = await within('opening a page', context.newPage());
  return watchPage(page, home);
}

export function watchPage(page: Page, home?: string): WatchedPage {
  const watched: WatchedPage = { page, dialogs: [], errors: [], foreign: [], close: () => within('closing a page', page.close()) };
  page.on('dialog', (d) => {
    watched.dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('console', (m) => m.type() === 'error' && watched.errors.push(m.text()));
  page.on('pageerror', (e) => watched.errors.push(e.message));
  if (home) page.on('request', (r) => !r.url().startsWith(home) && watched.foreign.push(r.url()));
  return watched;
}

let axeSource: Promise<string> | undefined;

/** axe-core's serious and critical violations, evaluated through the DevTools protocol (the page's CSP rightly refuses injected script tags). */
export async function seriousViolations(page: Page): Promise<Array<{ id: string; nodes: string[] }>> {
  axeSource ??= readFile(join(process.cwd(), 'node_modules/axe-core/axe.min.js'), 'utf8');
  const source = await axeSource;
  const scan = async () => {
    await page.evaluate(source);
    return page.evaluate(async () => {
      const axe = (globalThis as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> }> } }).axe;
      const r = await axe.run(document, { resultTypes: ['violations'] });
      return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')) }));
    });
  };
  const found = await within('the axe-core scan', scan());
  return found.filter((v) => v.impact === 'serious' || v.impact === 'critical').map(({ id, nodes }) => ({ id, nodes }));
}

export interface ServedApp {
  base: string;
  close(): Promise<void>;
}

/** A Hono app on a free port of 127.0.0.1; `close()` drops the connections a browser keeps open, then stops it. */
export async function serveApp(fetch: (req: Request) => Response | Promise<Response>): Promise<ServedApp> {
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => {
      const closing = new Promise<void>((resolve) => server.close(() => resolve()));
      if ('closeAllConnections' in server) server.closeAllConnections();
      return within('closing the app server', closing);
    },
  };
}

/**
 * Browser tests get one retry on CI: Chromium on a loaded two-core machine has stalled once on a step that takes two
 * seconds on a quiet one. Locally none, so a test that is flaky rather than stalled shows as failing where it is run.
 */
export const BROWSER_RETRY = process.env.CI ? 1 : 0;
