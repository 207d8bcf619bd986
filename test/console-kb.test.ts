import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ConsoleRig,
  consoleLogin,
  customerSays,
  screenshotFolder,
  startConsoleRig,
  withAgentPage,
} from './support/console-browser.js';
import { webUser } from './support/services.js';
import { staffCall, staffSession } from './support/staff-session.js';

/**
 * The knowledge base in the console, in a real browser: an answer edited, the preview listing the
 * questions whose answers change, published to the running chat without a restart, rolled back;
 * and the review queue of what customers asked that it did not answer.
 */
const SCREENSHOTS = screenshotFolder();
let now = Date.parse('2026-11-26T02:00:00Z'); // Thursday 10:00 Beijing time
const QUESTION = '投诉以后多久有人联系我';
const ENTRY = 'complaint-time-limits';
const ADDED = '（另设投诉绿色通道，可优先处理）';
const XSS = '<img src=x onerror="window.__xss=1">';
/** A question the chat cannot answer, and the words that find the entry it belongs to. */
const ATTACHED = '电费发票怎么开，我要报销用的那种';
const ATTACH_FILTER = '电费缴纳';

let rig: ConsoleRig;
let page: Page;
beforeAll(async () => {
  rig = await startConsoleRig(() => new Date(now));
  page = rig.page;
  await consoleLogin(page, rig.base);
});
afterAll(async () => rig?.close());

const chatAnswer = async (text: string) =>
  (await customerSays(rig.base, webUser('kb-visitor'), text)).replies.map((r) => r.text).join('\n');

describe('the knowledge base in the console', () => {
  it('edits an answer, previews the changed questions, publishes to the chat without a restart, and rolls back', async () => {
    const before = await chatAnswer(QUESTION);
    expect(before).toContain('7个工作日');
    expect(before).not.toContain(ADDED);

    // Found by search, opened, its answer edited and saved into the draft.
    await page.goto(`${rig.base}/console/kb`);
    expect(await page.textContent('#kb-state')).toContain('第 1 版');
    await page.fill('#kb-q', '投诉 工作日');
    await Promise.all([page.waitForURL('**/console/kb?q=*'), page.click('#kb-search button[type=submit]')]);
    const row = page.locator(`tr.kb-row[data-entry-id="${ENTRY}"]`);
    expect(await row.count()).toBe(1);
    await page.screenshot({ path: join(SCREENSHOTS, 'kb.png') });
    await Promise.all([page.waitForURL(`**/console/kb/entries/${ENTRY}`), row.locator('a').click()]);
    const answer = await page.inputValue('#kb-answer');
    now += 60_000;
    await page.fill('#kb-answer', `${answer}${ADDED}`);
    await Promise.all([page.waitForEvent('load'), page.click('#kb-save')]);
    await expect.poll(() => page.textContent('#kb-entry-form h2')).toContain('草稿：已修改');
    expect(await page.inputValue('#kb-answer')).toBe(`${answer}${ADDED}`);
    // The draft is not what customers get.
    expect(await chatAnswer(QUESTION)).not.toContain(ADDED);

    // The preview lists the questions whose answers change, before and after.
    await page.goto(`${rig.base}/console/kb/publish`);
    expect(await page.locator('#kb-changes li').textContent()).toContain('草稿：已修改');
    await page.click('#kb-preview-run');
    await expect
      .poll(() => page.textContent('#kb-preview-summary'), { timeout: 60_000 })
      .toMatch(/共检查 \d+ 个问题/);
    const changes = page.locator('#kb-preview li.preview-change');
    expect(await changes.count()).toBeGreaterThan(0);
    const questions = await changes.locator('ul.questions > li').allTextContents();
    expect(questions).toContain(QUESTION);
    const changed = changes.filter({ has: page.locator('ul.questions > li', { hasText: QUESTION }) }).first();
    expect(await changed.locator('.question').textContent()).toMatch(/^\d+ 个问题的答复改变/);
    // Only the added words are marked: the rest of the answer is the same before and after.
    expect(await changed.locator('ins').textContent()).toBe(ADDED);
    expect(await changed.locator('del').textContent()).toBe('');
    await page.locator('#kb-preview').scrollIntoViewIfNeeded();
    await page.evaluate(() => document.getElementById('kb-draft')?.scrollIntoView());
    await page.screenshot({ path: join(SCREENSHOTS, 'kb-preview.png') });

    // Published with a note: the running chat answers with the new text.
    await page.fill('#kb-note', '投诉答复加上绿色通道');
    await Promise.all([page.waitForEvent('load'), page.click('#kb-publish')]);
    await expect.poll(() => page.textContent('#kb-state')).toContain('第 2 版');
    const newest = page.locator('tr.kb-version').first();
    expect(await newest.getAttribute('data-version')).toBe('2');
    expect(await newest.textContent()).toContain('投诉答复加上绿色通道');
    expect(await newest.textContent()).toContain('admin');
    expect(await newest.textContent()).toContain('2026-11-26 10:01');
    expect(await chatAnswer(QUESTION)).toContain(ADDED);
    // The agent's suggestions beside a conversation come from the published version too.
    const user = webUser('kb-handoff');
    const { conversationId } = await customerSays(rig.base, user, '转人工');
    await customerSays(rig.base, user, QUESTION);
    const suggestion = page.locator(`#kb-suggestions li.suggestion[data-entry-id="${ENTRY}"] .answer`);
    await page.goto(`${rig.base}/console/conversations/${conversationId}`);
    expect(await suggestion.textContent()).toContain(ADDED);

    // Rolled back to version 1: a new version 3, and the old text is back.
    await page.goto(`${rig.base}/console/kb/publish`);
    page.once('dialog', (dialog) => dialog.accept());
    await Promise.all([
      page.waitForEvent('load'),
      page.locator('button.kb-rollback[data-version="1"]').click(),
    ]);
    await expect.poll(() => page.textContent('#kb-state')).toContain('第 3 版');
    expect(await page.locator('tr.kb-version').first().textContent()).toContain('回滚到第 1 版');
    const after = await chatAnswer(QUESTION);
    expect(after).not.toContain(ADDED);
    expect(after).toContain('7个工作日');
    await page.goto(`${rig.base}/console/conversations/${conversationId}`);
    expect(await suggestion.textContent()).not.toContain(ADDED);
    await page.goto(`${rig.base}/console/kb/publish`);
    await page.screenshot({ path: join(SCREENSHOTS, 'kb-versions.png'), fullPage: true });
  }, 180_000); // the preview answers every regression question twice; publish and rollback each build a version

  it('flags the questions that stop reaching their entry when it is removed in the draft', async () => {
    await page.goto(`${rig.base}/console/kb/entries/business-hall-environment`);
    page.once('dialog', (dialog) => dialog.accept());
    await Promise.all([page.waitForURL('**/console/kb/publish'), page.click('#kb-delete')]);
    expect(await page.locator('#kb-changes').textContent()).toContain('草稿：删除');
    await page.click('#kb-preview-run');
    await expect
      .poll(() => page.textContent('#kb-preview-summary'), { timeout: 60_000 })
      .toMatch(/不再命中原来的条目/);
    const lost = page.locator('#kb-preview li.preview-change.lost');
    expect(await lost.count()).toBeGreaterThan(0);
    expect(await lost.first().locator('ul.questions > li.lost').first().textContent()).toContain(
      '（不再命中：营业厅环境与等候）',
    );
    // The flagged change comes first.
    expect(await page.locator('#kb-preview li.preview-change').first().getAttribute('class')).toContain(
      'lost',
    );
  }, 120_000);

  it('shows an agent publishing and rollback disabled, with the reason', async () => {
    await withAgentPage(rig, { username: 'qian', password: 'qian-password-0123' }, async (agentPage) => {
      await agentPage.goto(`${rig.base}/console/kb/publish`);
      expect(await agentPage.locator('#kb-publish').isDisabled()).toBe(true);
      expect(await agentPage.textContent('#kb-publish-why')).toContain('只有班长可以发布');
      expect(await agentPage.locator('button.kb-rollback').first().isDisabled()).toBe(true);
    });
  });

  it('attaches a question the chat could not answer to an entry from a searchable list, or to a new entry, or marks it out of scope', async () => {
    const parking = await customerSays(rig.base, webUser('kb-unknown'), '供电所的停车场晚上开放吗？');
    expect(parking.replies.length).toBeGreaterThan(0);
    await customerSays(rig.base, webUser('kb-unknown'), '能不能帮我换个灯泡 138 1234 5678');
    await customerSays(rig.base, webUser('kb-unknown'), ATTACHED);
    await customerSays(rig.base, webUser('kb-unknown'), XSS);

    await page.goto(`${rig.base}/console/kb/review`);
    const rows = page.locator('tr.review-row');
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(2);
    const text = await page.textContent('#kb-review');
    expect(text).toContain('供电所的停车场晚上开放吗');
    expect(text).toContain('*** **** ****');
    expect(text).not.toContain('1234 5678');
    // Customer text is text: shown as written, never run (in the list and in the attach dialog).
    const hostile = rows.filter({ hasText: XSS });
    expect(await hostile.locator('td.text').textContent()).toBe(XSS);
    await hostile.locator('button.attach-open').click();
    expect(await page.textContent('#attach-question')).toBe(XSS);
    await page.keyboard.press('Escape');
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    await page.screenshot({ path: join(SCREENSHOTS, 'kb-review.png'), fullPage: true });

    // Out of scope in one click.
    const bulb = rows.filter({ hasText: '灯泡' });
    await Promise.all([page.waitForEvent('load'), bulb.locator('button.out-of-scope').click()]);
    await expect.poll(() => rows.filter({ hasText: '灯泡' }).count()).toBe(0);

    // Attached to an existing entry, picked from the list by typing part of its title.
    const unanswered = rows.filter({ hasText: ATTACHED });
    await unanswered.locator('button.attach-open').click();
    expect(await page.textContent('#attach-question')).toBe(ATTACHED);
    await page.fill('#attach-filter', ATTACH_FILTER);
    const choices = page.locator('#attach-dialog li:visible button.attach-to');
    expect(await choices.count()).toBeGreaterThan(0);
    expect(await choices.count()).toBeLessThan(await page.locator('#attach-dialog li').count());
    const entryId = await choices.first().getAttribute('data-entry-id');
    await Promise.all([page.waitForEvent('load'), choices.first().click()]);
    await expect.poll(() => rows.filter({ hasText: ATTACHED }).count()).toBe(0);
    const session = await staffSession(rig.service.app);
    const entry = (await (
      await staffCall(rig.service.app, session, 'GET', `/v1/kb/entries/${entryId}`)
    ).json()) as {
      examples: string[];
    };
    expect(entry.examples).toContain(ATTACHED);

    // To a new entry: the question is its first example.
    const park = rows.filter({ hasText: '停车场' });
    await Promise.all([
      page.waitForURL('**/console/kb/new?question=*'),
      park.locator('a', { hasText: '新建条目' }).click(),
    ]);
    expect(await page.inputValue('#kb-examples')).toBe('供电所的停车场晚上开放吗？');
    await page.fill('#kb-title', '供电所停车场开放时间');
    await page.fill('#kb-category', '便民服务');
    await page.fill('#kb-answer', '供电所停车场每天7:00至21:00开放，办理业务的客户可免费停车。');
    await page.fill(
      '#kb-examples',
      '供电所的停车场晚上开放吗？\n营业厅的停车场可以停车吗\n供电所停车场收费吗',
    );
    await Promise.all([page.waitForURL('**/console/kb/entries/*'), page.click('#kb-save')]);
    expect(await page.textContent('#kb-entry-form h2')).toContain('草稿：新增');
    await page.goto(`${rig.base}/console/kb/review`);
    expect(await rows.filter({ hasText: '停车场' }).count()).toBe(0);
  });
});
