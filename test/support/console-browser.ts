import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ServerType, serve } from '@hono/node-server';
import { type Browser, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { startTestServices, type TestServices } from './services.js';

/** Debian's chromium, which the console's browser tests drive through playwright-core. */
export const CHROMIUM = '/usr/bin/chromium';

/** The README's screenshots are refreshed with UPDATE_SCREENSHOTS=1; ordinary runs write them to a temp folder. */
export const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS
  ? join(import.meta.dirname, '..', '..', 'docs', 'screenshots')
  : mkdtempSync(join(tmpdir(), 'console-screenshots-'));

export interface ConsoleBrowser {
  service: TestServices;
  /** The service's address on a port of its own, e.g. http://127.0.0.1:40123. */
  base: string;
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

/** The whole service on a real port and a headless chromium page at 1200 × 760 in Beijing time. */
export async function startConsoleBrowser(clock: () => Date): Promise<ConsoleBrowser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `console browser tests need Debian chromium at ${CHROMIUM}: apt-get install -y chromium fonts-noto-cjk (.ci/run does it)`,
    );
  }
  mkdirSync(SCREENSHOTS, { recursive: true });
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
    viewport: { width: 1200, height: 760 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const page = await context.newPage();
  return {
    service,
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

/** A web visitor's message to the service at `base`, over HTTP as the web chat sends it. */
export async function webSays(base: string, userId: string, text: string) {
  const response = await fetch(`${base}/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ channel: 'web', userId, text }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { conversationId: string; handoff: boolean };
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
