import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ServerType, serve } from '@hono/node-server';
import { type Browser, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { ADMIN_PASSWORD, startTestServices, type TestServices } from './services.js';
import { staffCall, staffSession } from './staff-session.js';

/** Debian's chromium, which the console's browser tests drive through playwright-core. */
export const CHROMIUM = '/usr/bin/chromium';

/** Where screenshots go: the README's folder with UPDATE_SCREENSHOTS=1, else a temporary one. */
export function screenshotFolder(): string {
  const folder = process.env.UPDATE_SCREENSHOTS
    ? join(import.meta.dirname, '..', '..', 'docs', 'screenshots')
    : mkdtempSync(join(tmpdir(), 'console-screenshots-'));
  mkdirSync(folder, { recursive: true });
  return folder;
}

/** The README's screenshots are refreshed with UPDATE_SCREENSHOTS=1; ordinary runs write them to a temp folder. */
export const SCREENSHOTS = screenshotFolder();

export interface ConsoleRig {
  service: TestServices;
  server: ServerType;
  /** The service's address on a port of its own, e.g. http://127.0.0.1:40123. */
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

/**
 * A new agent account signed in on a browser page of its own (1024 × 768), for what an agent, not a
 * supervisor, may see and do; the page's context is closed after `use`.
 */
export async function withAgentPage(
  rig: ConsoleRig,
  account: { username: string; password: string },
  use: (page: Page) => Promise<void>,
): Promise<void> {
  const admin = await staffSession(rig.service.app);
  const made = await staffCall(rig.service.app, admin, 'POST', '/v1/staff/users', {
    ...account,
    role: 'agent',
  });
  expect(made.status).toBe(201);
  const context = await rig.browser.newContext({ viewport: { width: 1024, height: 768 }, locale: 'zh-CN' });
  try {
    const page = await context.newPage();
    await consoleLogin(page, rig.base, account.username, account.password);
    await use(page);
  } finally {
    await context.close();
  }
}

/** Signs a staff member in on the console's login page. */
export async function consoleLogin(page: Page, base: string, username = 'admin', password = ADMIN_PASSWORD) {
  await page.goto(`${base}/console/login`);
  await page.fill('#username', username);
  await page.fill('#password', password);
  await Promise.all([page.waitForURL('**/console/queue'), page.click('#login-form button[type=submit]')]);
}

/** A web visitor's message to the service at `base`, over HTTP as the web chat sends it. */
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

/** Telegram refused a conversation's first queued delivery for good (the customer blocked the bot). */
export async function blockedByCustomer(service: TestServices, conversationId: string) {
  const [delivery] = await service.deliveries.forConversation(conversationId);
  if (!delivery) throw new Error('the staff reply was not queued for delivery');
  await service.deliveries.markFailed(
    delivery.id,
    'telegram 403: Forbidden: bot was blocked by the user',
    null,
  );
  return delivery;
}
