import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ConsoleRig,
  consoleLogin,
  customerReads,
  customerSays,
  screenshotFolder,
  startConsoleRig,
  withAgentPage,
} from './support/console-browser.js';
import { webUser } from './support/services.js';
import { staffCall, staffSession } from './support/staff-session.js';

/** Agent assist in a real browser: knowledge suggestions and canned replies put into the reply box. */
const SCREENSHOTS = screenshotFolder();
const now = Date.parse('2026-11-26T02:00:00Z'); // Thursday 10:00 Beijing time
const QUESTION = '居民报装多久能答复供电方案？';

let rig: ConsoleRig;
let page: Page;
beforeAll(async () => {
  rig = await startConsoleRig(() => new Date(now));
  page = rig.page;
  await consoleLogin(page, rig.base);
});
afterAll(async () => rig?.close());

describe('agent assist on the conversation page', () => {
  it('offers the top entries for the customer’s last message; one click fills the reply box and sending delivers it', async () => {
    // What the assistant itself answers to the question, asked by another visitor.
    const bot = await customerSays(rig.base, webUser('assist-bot'), QUESTION);
    const expected = bot.sources[0]?.id;
    expect(expected).toBeDefined();

    const user = webUser('assist-visitor');
    const { conversationId } = await customerSays(rig.base, user, '转人工');
    const silent = await customerSays(rig.base, user, QUESTION);
    expect(silent.replies).toEqual([]); // handed off: the bot says nothing, a person answers

    await page.goto(`${rig.base}/console/conversations/${conversationId}`);
    const suggestions = page.locator('#kb-suggestions li.suggestion');
    expect(await suggestions.count()).toBeGreaterThanOrEqual(1);
    expect(await suggestions.count()).toBeLessThanOrEqual(3);
    expect(await page.textContent('#kb-suggestions')).toContain(QUESTION);
    const first = suggestions.first();
    expect(await first.getAttribute('data-entry-id')).toBe(expected);
    expect(await first.locator('.title').textContent()).not.toBe('');
    expect(await first.locator('.clause').textContent()).toMatch(/^依据：.+/);
    const answer = (await first.locator('.answer').textContent()) ?? '';
    expect(answer).toContain('3个工作日');
    await page.screenshot({ path: join(SCREENSHOTS, 'assist.png') });

    // What the agent typed stays: the answer goes in at the cursor.
    await page.fill('#reply-text', '您好，');
    await first.locator('button.insert-reply').click();
    expect(await page.inputValue('#reply-text')).toBe(`您好，${answer}`);
    await Promise.all([page.waitForEvent('load'), page.click('#reply-send')]);
    await expect
      .poll(() => page.locator('.msg.role-staff .msg-text').last().textContent())
      .toBe(`您好，${answer}`);
    expect((await customerReads(rig.base, user)).items.at(-1)).toEqual(
      expect.objectContaining({ role: 'staff', text: `您好，${answer}` }),
    );
  });

  it('inserts a canned reply created on its page, found with the quick filter', async () => {
    const admin = await staffSession(rig.service.app);
    const other = await staffCall(rig.service.app, admin, 'POST', '/v1/canned-replies', {
      title: '结束语',
      text: '感谢您的来电，祝您生活愉快！',
    });
    expect(other.status).toBe(201);

    await page.goto(`${rig.base}/console/canned-replies`);
    const text = '请提供您的户号（10位数字），以便为您查询。';
    await page.fill('#canned-title', '询问户号');
    await page.fill('#canned-text', text);
    await Promise.all([page.waitForEvent('load'), page.click('#canned-form button[type=submit]')]);
    const row = page.locator('tr.canned-row', { has: page.locator('input[value="询问户号"]') });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.locator('textarea').inputValue()).toBe(text);
    expect(await row.locator('td.meta').textContent()).toBe('2026-11-26 10:00 · admin');
    await page.screenshot({ path: join(SCREENSHOTS, 'canned-replies.png'), fullPage: true });

    const user = webUser('assist-canned');
    const { conversationId } = await customerSays(rig.base, user, '转人工');
    await customerSays(rig.base, user, '我想查一下电费');
    await page.goto(`${rig.base}/console/conversations/${conversationId}`);
    const items = page.locator('#canned-picker li.canned');
    expect(await items.count()).toBe(2);
    await page.fill('#canned-filter', '户号');
    const shown = () =>
      items.evaluateAll((lis) => lis.flatMap((li) => (li.checkVisibility() ? [li.textContent] : [])));
    expect(await shown()).toEqual(['询问户号']);
    await page.fill('#canned-filter', '没有这样的');
    expect(await page.locator('#canned-none').isVisible()).toBe(true);
    await page.fill('#canned-filter', '户号');
    await page.locator('#canned-picker button.insert-reply', { hasText: '询问户号' }).click();
    expect(await page.inputValue('#reply-text')).toBe(text);
    await Promise.all([page.waitForEvent('load'), page.click('#reply-send')]);
    expect((await customerReads(rig.base, user)).items.at(-1)).toEqual(
      expect.objectContaining({ role: 'staff', text }),
    );
  });

  it('shows an agent the canned replies without the means to change them', async () => {
    await withAgentPage(rig, { username: 'zhao', password: 'zhao-password-0123' }, async (agentPage) => {
      await agentPage.goto(`${rig.base}/console/canned-replies`);
      expect(await agentPage.locator('tr.canned-row').count()).toBe(2);
      expect(await agentPage.locator('#canned-form, form.canned-edit').count()).toBe(0);
      expect(await agentPage.textContent('main')).toContain('只有班长可以新增、修改或删除快捷回复');
    });
  });
});
