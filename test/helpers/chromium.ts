// Helpers for end-to-end tests: Debian's Chromium through playwright-core, and
// the app started the way `npm start` starts it.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export const chromiumPath = (): string => process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function hasChromium(): boolean {
  return existsSync(chromiumPath());
}

/** Throws a clear error when Chromium is missing (end-to-end tests must fail, not skip). */
export function requireChromium(): void {
  if (!hasChromium()) {
    throw new Error(
      `Chromium not found at ${chromiumPath()}. Install it (Debian: apt-get install -y chromium) ` +
        'or set CHROMIUM_PATH to a Chromium binary. End-to-end tests need a real browser.'
    );
  }
}

export async function launchBrowser(): Promise<Browser> {
  requireChromium();
  return chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync'
    ]
  });
}

/** A TCP port that is free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** The organiser key the test servers are started with (YANLIAN_ADMIN_KEY), unless a test gives its own. */
export const TEST_ADMIN_KEY = 'test-organiser-key-0123456789abcdef';

export interface StartAppOptions {
  /** Default: a free loopback port. */
  port?: number;
  /** The address to listen on (HOST). Default 127.0.0.1; the tests reach the server by 127.0.0.1 in any case. */
  host?: string;
  /** Extra environment (e.g. YANLIAN_SCENARIOS). YANLIAN_DB defaults to a temp file, YANLIAN_ADMIN_KEY to TEST_ADMIN_KEY. */
  env?: Record<string, string | undefined>;
  /** How long to wait for GET / to answer, build included. Default 120 s. */
  timeoutMs?: number;
}

export interface RunningApp {
  url: string;
  port: number;
  /** The organiser key (undefined when the test started the server without one). */
  adminKey: string | undefined;
  /** Everything the server printed so far. */
  output(): string;
  stop(): Promise<void>;
}

// Variables of the test runner that must not leak into the child's vite build or server.
function childEnv(extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (k === 'NODE_ENV' || k === 'TEST' || k.startsWith('VITEST')) continue;
    env[k] = v;
  }
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

function waitExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/**
 * Spawns `node src/cli/start.mjs` (which builds first if needed) and waits until
 * GET / answers.
 */
export async function startApp(opts: StartAppOptions = {}): Promise<RunningApp> {
  const port = opts.port ?? (await freePort());
  const host = '127.0.0.1';
  const listen = opts.host ?? host;
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'yanlian-app-'));
  const env = childEnv({
    YANLIAN_DB: path.join(tmp, 'yanlian.db'),
    YANLIAN_ADMIN_KEY: TEST_ADMIN_KEY,
    ...opts.env,
    HOST: listen,
    PORT: String(port)
  });

  let out = '';
  const child = spawn(process.execPath, [path.join(repoRoot, 'src', 'cli', 'start.mjs')], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe']
  });
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));

  const url = `http://${host}:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      if (!(await waitExit(child, 5_000))) {
        child.kill('SIGKILL');
        await waitExit(child, 5_000);
      }
    }
    rmSync(tmp, { recursive: true, force: true });
  };

  const timeoutMs = opts.timeoutMs ?? 120_000;
  const deadline = Date.now() + timeoutMs;
  const tail = () => out.split('\n').slice(-30).join('\n');
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await stop();
      throw new Error(`app exited early (${child.signalCode ?? `code ${child.exitCode}`}):\n${tail()}`);
    }
    try {
      const res = await fetch(`${url}/`, { signal: AbortSignal.timeout(5_000) });
      await res.arrayBuffer();
      if (res.status < 500) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`app did not answer GET ${url}/ within ${timeoutMs / 1000} s:\n${tail()}`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }

  return { url, port, adminKey: env.YANLIAN_ADMIN_KEY, output: () => out, stop };
}

/** Log the browser context in as the organiser (the login page's call: an HttpOnly session cookie). */
export async function loginOrganiser(ctx: BrowserContext, app: RunningApp): Promise<void> {
  const res = await ctx.request.post(`${app.url}/api/login`, { data: { key: app.adminKey } });
  if (res.status() !== 200) throw new Error(`organiser login failed: ${res.status()} ${await res.text()}`);
}

export interface BrowserSession {
  app: RunningApp;
  browser: Browser;
  /** A context in the given language, logged in as the organiser. */
  ctx: BrowserContext;
  close(): Promise<void>;
}

/**
 * What most browser tests start with: the app as `npm start` starts it, Chromium, and one context
 * in Chinese or English (locale and Accept-Language) logged in as the organiser.
 */
export async function startBrowserSession(lang: 'zh' | 'en', viewport = { width: 1440, height: 900 }): Promise<BrowserSession> {
  requireChromium();
  const app = await startApp();
  const browser = await launchBrowser();
  const locale = lang === 'zh' ? 'zh-CN' : 'en-GB';
  const ctx = await browser.newContext({ locale, extraHTTPHeaders: { 'Accept-Language': `${locale},${lang};q=0.9` }, viewport });
  await loginOrganiser(ctx, app);
  return {
    app, browser, ctx,
    async close() {
      await browser.close();
      await app.stop();
    }
  };
}
