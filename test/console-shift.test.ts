import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCase } from '../api/cases/open-case.js';
import { createDefaultWorkdayCalendar } from '../api/standard/calendar.js';
import { type ConsoleBrowser, SCREENSHOTS, startConsoleBrowser, webSays } from './support/console-browser.js';
import { ADMIN_PASSWORD, type TestServices, webUser } from './support/services.js';
import { staffCall, staffSession } from './support/staff-session.js';

/**
 * The console for a whole shift, in a real browser (Debian chromium): bulk assignment and the
 * case's history, the customer's earlier conversations, live delivery failures and overdue cases.
 */
let now = Date.parse('2026-11-26T02:00:00Z'); // Thursday 10:00 Beijing time
const clock = () => new Date(now);

let opened: ConsoleBrowser;
let service: TestServices;
let base: string;
let page: Page;

beforeAll(async () => {
  opened = await startConsoleBrowser(clock);
  ({ service, base, page } = opened);
  const admin = await staffSession(service.app);
  const created = await staffCall(service.app, admin, 'POST', '/v1/staff/users', {
    username: 'wang',
    password: 'agent-password-1',
    role: 'agent',
  });
  expect(created.status).toBe(201);
  await page.goto(`${base}/console/login`);
  await page.fill('#username', 'admin');
  await page.fill('#password', ADMIN_PASSWORD);
  await Promise.all([page.waitForURL('**/console/queue'), page.click('#login-form button[type=submit]')]);
});

afterAll(async () => {
  await opened?.close();
});

const calendar = createDefaultWorkdayCalendar();
const fileCase = (kind: 'complaint' | 'repair', description: string) =>
  openCase(
    { kind, description, contactPhone: '13700001234', channel: 'form' },
    { tickets: service.tickets, calendar, now: clock(), newId: () => crypto.randomUUID() },
  );

const customerSays = (userId: string, text: string) => webSays(base, userId, text);

/** The page's text of one element, or '' when it is not there. */
const textOf = async (p: Page, selector: string) =>
  (await p.locator(selector).count()) ? await p.textContent(selector) : '';

describe('the console for a shift', () => {
  it('assigns two ticked cases to a colleague picked from a list; both show the assignee and the history says who did it', async () => {
    const first = await fileCase('complaint', '电费突然翻倍，要求核实');
    const second = await fileCase('repair', '门口电线杆倾斜');
    await page.goto(`${base}/console/cases`);
    // Nothing ticked: the form says so and assigns nothing.
    await page.selectOption('#assign-to', 'wang');
    await page.click('#bulk-assign button[type=submit]');
    await expect.poll(() => page.textContent('#assign-error')).toContain('请先勾选');

    for (const { number } of [first, second]) await page.check(`input.case-select[value="${number}"]`);
    expect(await page.textContent('#bulk-count')).toBe('已选 2 件');
    await Promise.all([page.waitForEvent('load'), page.click('#bulk-assign button[type=submit]')]);
    for (const { id } of [first, second]) {
      await expect.poll(() => textOf(page, `tr.case-row[data-case-id="${id}"] td.assignee`)).toBe('wang');
    }
    await page.screenshot({ path: join(SCREENSHOTS, 'cases-assigned.png'), fullPage: true });

    for (const { id } of [first, second]) {
      await page.goto(`${base}/console/cases/${id}`);
      expect(await page.textContent('#case-assignee')).toBe('wang');
      const entries = await page.locator('#history li').allTextContents();
      // Newest first: the assignment by admin, then the acceptance by the system, in Beijing time.
      expect(entries[0]).toContain('2026-11-26 10:00');
      expect(entries[0]).toContain('分派给 wang');
      expect(entries[0]).toContain('admin');
      expect(entries.at(-1)).toContain('受理');
      expect(entries.at(-1)).toContain('系统');
    }
    await page.fill('#case-note', '客户要求下午回电');
    await Promise.all([page.waitForEvent('load'), page.click('#case-note-form button[type=submit]')]);
    await expect.poll(() => page.locator('#history li').first().textContent()).toContain('客户要求下午回电');
    await page.screenshot({ path: join(SCREENSHOTS, 'case-history.png'), fullPage: true });
  });

  it('lists the customer’s earlier conversation in the side panel, newest first, and its link opens it', async () => {
    // Last week on the web site, and today from another browser: the same account proved both times.
    const before = webUser('shift-last-week');
    for (const text of ['查电费', '1000000001', '1234']) await customerSays(before, text);
    const { conversationId: earlier } = await customerSays(before, '上个月电费为什么这么高');
    now += 60_000;
    const today = webUser('shift-today');
    for (const text of ['查电费', '1000000001', '1234']) await customerSays(today, text);
    const { conversationId } = await customerSays(today, '转人工');
    now += 60_000;

    await page.goto(`${base}/console/conversations/${conversationId}`);
    const links = page.locator('#panel-conversations a');
    expect(await links.count()).toBe(1);
    expect(await links.first().textContent()).toContain('网页');
    expect(await page.locator('#panel-conversations').textContent()).not.toContain(conversationId);
    await page.screenshot({ path: join(SCREENSHOTS, 'conversation-panel.png') });
    await Promise.all([page.waitForURL(`**/console/conversations/${earlier}`), links.first().click()]);
    expect(await page.locator('#transcript').textContent()).toContain('上个月电费为什么这么高');
    // And from there, today's conversation is the earlier one's "other" conversation.
    expect(await page.locator('#panel-conversations a').count()).toBe(1);
    expect(await page.locator('#panel-conversations a').getAttribute('href')).toBe(
      `/console/conversations/${conversationId}`,
    );
  });
});
