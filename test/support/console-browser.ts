import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ServerType, serve } from '@hono/node-server';
import { type Browser, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { ADMIN_PASSWORD, startTestServices, type TestServices } from './services.js';

/** The console's browser tests: Debian's chromium driven by playwright-core. */
export const CHROMIUM = '/usr/bin/chromium';

/** Where screenshots go: the README's folder with UPDATE_SCREENSHOTS=1, else a temporary one. */
export function screenshotFolder(): string {
  const folder = process.env.UPDATE_SCREENSHOTS
    ? join(import.meta.dirname, '..', '..', 'docs', 'screenshots')
    : mkdtempSync(join(tmpdir(), 'console-screenshots-'));
  mkdirSync(folder, { recursive: true });
  return folder;
}

export interface ConsoleRig {
  service: TestServices;
  server: ServerType;
  base: string;
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

/** The whole service on a port of its own, and a browser page (1280×800 unless given) in Beijing time. */
export async function startConsoleRig(
  clock: () => Date,
  viewport = { width: 1280, height: 800 },
): Promise<ConsoleRig> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `console browser tests need Debian chromium at ${CHROMIUM}: apt-get install -y chromium fonts-noto-cjk (.ci/run does it)`,
    );
  }
  const service = await startTestServices({}, { clock });
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: service.app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const context = await browser.newContext({
    viewport,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const page = await context.newPage();
  return {
    service,
    server,
    base,
    browser,
    page,
    async close() {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
      service.dispose();
    },
  };
}

/** Signs a staff member in on the console's login page. */
export async function consoleLogin(page: Page, base: string, username = 'admin', password = ADMIN_PASSWORD) {
  await page.goto(`${base}/console/login`);
  await page.fill('#username', username);
  await page.fill('#password', password);
  await Promise.all([page.waitForURL('**/console/queue'), page.click('#login-form button[type=submit]')]);
}

/** A web visitor's message through the chat API, as a customer's browser sends it. */
export async function customerSays(base: string, userId: string, text: string) {
  const response = await fetch(`${base}/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ channel: 'web', userId, text }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as {
    conversationId: string;
    handoff: boolean;
    replies: { text: string }[];
    sources: { id: string }[];
  };
}

/** What a web visitor's client reads by polling: the messages since the start. */
export async function customerReads(base: string, userId: string) {
  const response = await fetch(`${base}/v1/messages?channel=web&userId=${encodeURIComponent(userId)}`);
  return (await response.json()) as { items: { role: string; text: string }[] };
}
