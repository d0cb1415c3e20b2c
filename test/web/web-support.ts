import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/app';
import { authHeaders, tokenFor } from '../support/auth';

const ROOT = resolve(__dirname, '../..');
const WEB = join(ROOT, 'apps/web');
const DIST = join(ROOT, 'dist/web/index.html');

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** Builds the web app (into dist/web) unless the build is newer than its sources; one builder at a time. */
export function ensureWebBuilt(): void {
  const lock = join(ROOT, 'dist/.web-build.lock');
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  for (const until = Date.now() + 120_000; ; ) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > until) rmSync(lock, { recursive: true, force: true });
      execFileSync('sleep', ['0.5']);
    }
  }
  try {
    if (existsSync(DIST) && statSync(DIST).mtimeMs >= newest(WEB)) return;
    execFileSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', join(WEB, 'vite.config.mts'), '--logLevel', 'warn'], {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
    });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/** What a web test file drives: the platform, the address of its web app, a Chromium. */
export interface WebApp {
  readonly t: TestApp;
  readonly browser: Browser;
  /** The platform's address (`http://localhost:<port>`), the web app under `/app`. */
  readonly base: string;
}

/**
 * The set-up of a web test file, registered as its `beforeAll`/`afterAll`: the web app built
 * (`ensureWebBuilt`), the platform started as `npm start` starts it (`startTestApp`, with `env`),
 * a Chromium launched; `then`, the file's own data, once they run. The fields exist from
 * `beforeAll` on: read them in hooks and tests (`web.browser`), not at the file's top level.
 */
export function useWebApp(env: Record<string, string> = {}, then?: (web: WebApp) => Promise<void>): WebApp {
  const web = {} as { t: TestApp; browser: Browser; base: string };
  beforeAll(async () => {
    ensureWebBuilt();
    web.t = await startTestApp(env);
    web.base = (await web.t.app.getUrl()).replace('[::1]', 'localhost');
    web.browser = await launchChromium();
    await then?.(web);
  });
  afterAll(async () => {
    await web.browser?.close();
    await web.t?.close();
  });
  return web;
}

export interface TestClaims {
  sub: string;
  role: 'secretariat' | 'state' | 'donor' | 'authority';
  country?: string;
  organisation?: string;
  name?: string;
}

/** A bearer token for a test user, signed with the key the test apps accept. */
export function testToken(claims: TestClaims): string {
  return tokenFor(claims);
}

export const USERS = {
  state: { sub: 'fp-ke', role: 'state', country: 'KE', name: 'Focal point Kenya' },
  otherState: { sub: 'fp-ug', role: 'state', country: 'UG', name: 'Focal point Uganda' },
  secretariat: { sub: 'unodc-officer-1', role: 'secretariat', name: 'UNODC officer' },
  donor: { sub: 'donor-giz-officer', role: 'donor', organisation: 'donor-giz', name: 'GIZ officer' },
} as const satisfies Record<string, TestClaims>;

/** A signed-in user in its own browser context (its own session storage). */
export async function signedIn(browser: Browser, baseURL: string, claims: TestClaims, lang = 'en'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL, locale: lang === 'ar' ? 'ar' : 'en-GB', viewport: { width: 1280, height: 900 } });
  await context.addInitScript(`localStorage.setItem('ta.lang', ${JSON.stringify(lang)})`);
  const page = await context.newPage();
  await page.goto('/app/sign-in');
  await page.locator('#token').fill(testToken(claims));
  await page.locator('form button[type=submit]').click();
  await page.waitForURL((u) => !u.pathname.endsWith('/sign-in'));
  return { context, page };
}

/** The API headers of a test user, for setting up data without the UI. */
export function headersOf(claims: TestClaims): Record<string, string> {
  return { ...authHeaders(claims), 'Content-Type': 'application/json' };
}

/** What the API answers to a command: the new id where one is created, the event's position. */
export interface CommandAnswer {
  id: string;
  globalPosition: number;
  milestoneId?: string;
}

/**
 * Sends a command to the API at `base` as a test user (setting up data without the UI); a
 * refused command fails the test with the API's answer.
 */
export async function apiPost(base: string, path: string, user: keyof typeof USERS, body: unknown = {}): Promise<CommandAnswer> {
  const res = await fetch(`${base}${path}`, { method: 'POST', headers: headersOf(USERS[user]), body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as CommandAnswer;
}
