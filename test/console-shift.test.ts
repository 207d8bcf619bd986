import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCase } from '../api/cases/open-case.js';
import { scanDeadlines } from '../api/cases/scanner.js';
import { createDefaultWorkdayCalendar } from '../api/standard/calendar.js';
import {
  blockedByCustomer,
  type ConsoleRig,
  customerSays as customerSaysAt,
  SCREENSHOTS,
  startConsoleRig,
} from './support/console-browser.js';
import { ADMIN_PASSWORD, type TestServices, webUser } from './support/services.js';
import { staffCall, staffSession } from './support/staff-session.js';

/**
 * The console for a whole shift, in a real browser (Debian chromium): bulk assignment and the
 * case's history, the customer's earlier conversations, live delivery failures and overdue cases.
 */
let now = Date.parse('2026-11-26T02:00:00Z'); // Thursday 10:00 Beijing time
const clock = () => new Date(now);

let opened: ConsoleRig;
let service: TestServices;
let base: string;
let page: Page;

beforeAll(async () => {
  opened = await startConsoleRig(clock, { width: 1200, height: 760 });
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

const customerSays = (userId: string, text: string) => customerSaysAt(base, userId, text);

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
    // On a tablet held upright the list, its boxes and the assignment form fit the width.
    await page.setViewportSize({ width: 768, height: 1024 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(768);
    expect(await page.locator('#bulk-assign button[type=submit]').isVisible()).toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, 'cases-tablet.png') });
    await page.setViewportSize({ width: 1200, height: 760 });

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
    await Promise.all([page.waitForURL(`**/console/conversations/${earlier}`), links.first().click()]);
    expect(await page.locator('#transcript').textContent()).toContain('上个月电费为什么这么高');
    // And from there, today's conversation is the earlier one's "other" conversation.
    expect(await page.locator('#panel-conversations a').count()).toBe(1);
    expect(await page.locator('#panel-conversations a').getAttribute('href')).toBe(
      `/console/conversations/${conversationId}`,
    );
  });

  it('shows a reply’s delivery failure in an open conversation without a reload, keeping what the agent types', async () => {
    const { conversationId } = await service.say('转人工', 'shift-telegram', 'telegram');
    await page.goto(`${base}/console/conversations/${conversationId}`);
    await page.fill('#reply-text', '您好，请问您的户号是多少？');
    await Promise.all([page.waitForEvent('load'), page.click('#reply-send')]);
    const note = page.locator('.msg.role-staff .delivery');
    await expect.poll(() => note.textContent()).toContain('发送中');
    const loads: string[] = [];
    page.on('load', () => loads.push(page.url()));
    await page.fill('#reply-text', '还没写完的下一句');

    await blockedByCustomer(service, conversationId);
    await expect
      .poll(() => textOf(page, '.msg.role-staff .delivery.failed'), { timeout: 10_000 })
      .toContain('403');
    expect(await page.locator('.retry-delivery').isVisible()).toBe(true);
    expect(await page.inputValue('#reply-text')).toBe('还没写完的下一句');
    expect(loads).toEqual([]);
  });

  it('shows a case that became overdue in an open case list and dashboard without a reload, keeping the ticks', async () => {
    const repair = await fileCase('repair', '变压器冒烟');
    await page.goto(`${base}/console/cases`);
    const row = page.locator(`tr.case-row[data-case-id="${repair.id}"]`);
    expect(await row.getAttribute('class')).not.toContain('overdue');
    await page.check(`input.case-select[value="${repair.number}"]`);
    const loads: string[] = [];
    page.on('load', () => loads.push(page.url()));
    const dashboard = await page.context().newPage();
    await dashboard.goto(`${base}/console/dashboard`);
    const overdueRepairs = () =>
      dashboard.locator('#kind-section tbody tr', { hasText: '故障报修' }).locator('td').nth(3).textContent();
    const before = Number(await overdueRepairs());

    now += 2 * 3600_000; // past the repair's 45 minutes to arrive
    const escalated = await scanDeadlines(service.tickets, clock());
    expect(escalated.map((e) => [e.ticket.id, e.type])).toContainEqual([repair.id, 'overdue']);
    await expect.poll(() => row.getAttribute('class'), { timeout: 10_000 }).toContain('overdue');
    expect(await row.locator('td').nth(6).textContent()).toContain('已超期');
    expect(await page.isChecked(`input.case-select[value="${repair.number}"]`)).toBe(true);
    await expect.poll(() => page.title()).toMatch(/^\(1\) 工单/);
    expect(loads).toEqual([]);
    await expect
      .poll(async () => Number(await overdueRepairs()), { timeout: 10_000 })
      .toBeGreaterThan(before);
    await dashboard.close();
  });

  it('plays a sound on a new handoff only once the agent turned it on, kept across pages', async () => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      // The browser's own request for /favicon.ico (the console has none) is not the page's doing.
      if (message.location().url.endsWith('/favicon.ico')) return;
      if (message.type() === 'error' || message.type() === 'warning') errors.push(message.text());
    });
    await page.goto(`${base}/console/queue`);
    expect(await page.textContent('#sound-toggle')).toBe('提示音：关');
    await customerSays(webUser('shift-quiet'), '转人工');
    await expect.poll(() => page.title(), { timeout: 10_000 }).toMatch(/^\(1\) 队列/);
    expect(await page.evaluate(() => document.body.dataset.chimes)).toBeUndefined();

    await page.click('#sound-toggle');
    expect(await page.textContent('#sound-toggle')).toBe('提示音：开');
    expect(await page.evaluate(() => localStorage.getItem('console.sound'))).toBe('on');
    await customerSays(webUser('shift-loud'), '转人工');
    await expect.poll(() => page.evaluate(() => document.body.dataset.chimes), { timeout: 10_000 }).toBe('1');
    // Kept across pages; after a reload nothing plays before the agent's next click or key (no autoplay).
    await page.reload();
    expect(await page.textContent('#sound-toggle')).toBe('提示音：开');
    await customerSays(webUser('shift-reloaded'), '转人工');
    await expect.poll(() => page.locator('tr.queue-row').count(), { timeout: 10_000 }).toBe(3);
    expect(await page.evaluate(() => document.body.dataset.chimes)).toBeUndefined();
    await page.click('h1');
    await customerSays(webUser('shift-after-click'), '转人工');
    await expect.poll(() => page.evaluate(() => document.body.dataset.chimes), { timeout: 10_000 }).toBe('1');
    // In an open conversation, the customer's new message plays it too (the page's own click first).
    const writer = webUser('shift-writing');
    const { conversationId } = await customerSays(writer, '转人工');
    await page.goto(`${base}/console/conversations/${conversationId}`);
    await page.click('h1');
    await customerSays(writer, '我家的电表不走了');
    await expect
      .poll(() => page.locator('#transcript > li:last-child .msg-text').textContent(), { timeout: 10_000 })
      .toBe('我家的电表不走了');
    expect(await page.evaluate(() => document.body.dataset.chimes)).toBe('1');
    await page.click('#sound-toggle');
    expect(await page.evaluate(() => localStorage.getItem('console.sound'))).toBe('off');
    expect(errors).toEqual([]);
  });
});
