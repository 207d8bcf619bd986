import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ConsoleRig,
  consoleLogin,
  customerSays,
  screenshotFolder,
  startConsoleRig,
} from './support/console-browser.js';
import { webUser } from './support/services.js';

/**
 * The concept words (知识库 → 词汇) in a real browser: a customer's new way of saying "how long" added
 * to 时限 in the draft, published, and the running chat answers the question it was about.
 */
const SCREENSHOTS = screenshotFolder();
let now = Date.parse('2026-11-26T02:00:00Z'); // Thursday 10:00 Beijing time
/** 猴年马月 (a long, unknown time) is no concept's word yet: the chat reads this as about the process. */
const QUESTION = '居民新装猴年马月才能用上电';
const TIME_LIMIT_ANSWER = '3个工作日内装表接电';

let rig: ConsoleRig;
let page: Page;
beforeAll(async () => {
  rig = await startConsoleRig(() => new Date(now));
  page = rig.page;
  await consoleLogin(page, rig.base);
});
afterAll(async () => rig?.close());

/** The answer the question is read as (a second, nearly as good entry may follow it). */
const chatAnswer = async (text: string) =>
  (await customerSays(rig.base, webUser('kb-visitor'), text)).replies[0]?.text ?? '';
const row = (term: string) => page.locator(`#kb-concepts tr.kb-concept[data-term="${term}"]`);

describe('the concept words in the console', () => {
  it('adds a variant in the 词汇 view, publishes it, and the chat answers accordingly', async () => {
    expect(await chatAnswer(QUESTION)).not.toContain(TIME_LIMIT_ANSWER);

    // Found by searching for one of its words.
    await page.goto(`${rig.base}/console/kb`);
    await Promise.all([page.waitForURL('**/console/kb/concepts'), page.click('#kb-tabs a:text("词汇")')]);
    expect(await page.locator('#kb-concepts tr.kb-concept').count()).toBeGreaterThan(50);
    await page.fill('#kb-concepts-q', '多久');
    await Promise.all([
      page.waitForURL('**/console/kb/concepts?q=*'),
      page.click('#kb-concepts-search button[type=submit]'),
    ]);
    const timeLimit = row('时限');
    expect(await timeLimit.count()).toBe(1);
    expect(await timeLimit.locator('td.status').textContent()).toBe('已发布');
    expect(await timeLimit.locator('.variant-list').textContent()).toContain('多久');

    // Its variants edited one per line: 猴年马月 added.
    await timeLimit.locator('details.kb-concept-edit summary').click();
    const box = timeLimit.locator('textarea');
    const variants = await box.inputValue();
    now += 60_000;
    await box.fill(`${variants}\n猴年马月\n`);
    await Promise.all([page.waitForEvent('load'), timeLimit.locator('button[value=save]').click()]);
    await expect.poll(() => row('时限').locator('td.status').textContent()).toBe('草稿：已修改');
    expect(await row('时限').locator('.variant-list').textContent()).toContain('猴年马月');
    expect(await page.textContent('#kb-state')).toContain('草稿中有尚未发布的修改');
    // The draft is not what customers get.
    expect(await chatAnswer(QUESTION)).not.toContain(TIME_LIMIT_ANSWER);

    // A word another concept has is refused, naming that concept; nothing is saved.
    await page.goto(`${rig.base}/console/kb/concepts?q=${encodeURIComponent('时限')}`);
    await row('时限').locator('details.kb-concept-edit summary').click();
    const again = await row('时限').locator('textarea').inputValue();
    await row('时限').locator('textarea').fill(`${again}\n电表`);
    await row('时限').locator('button[value=save]').click();
    await expect.poll(() => row('时限').locator('.error').textContent()).toContain('已属于概念“电能表”');

    // A concept added, then removed again in the draft.
    await page.goto(`${rig.base}/console/kb/concepts`);
    await page.click('#kb-concept-new-box summary');
    await page.fill('#kb-concept-term', '久等');
    await page.fill('#kb-concept-new-variants', '等到天荒地老\n等得花儿都谢了');
    await Promise.all([page.waitForURL('**/console/kb/concepts?q=*'), page.click('#kb-concept-add')]);
    expect(await row('久等').locator('td.status').textContent()).toBe('草稿：新增');
    expect(await row('久等').locator('td.meta').textContent()).toContain('admin');
    await page.screenshot({ path: join(SCREENSHOTS, 'kb-concepts.png') });
    await row('久等').locator('details.kb-concept-edit summary').click();
    page.once('dialog', (dialog) => dialog.accept());
    await Promise.all([page.waitForEvent('load'), row('久等').locator('button[value=delete]').click()]);
    await expect.poll(() => row('久等').count()).toBe(0);

    // Published from the publish page with everything else in the draft.
    await page.goto(`${rig.base}/console/kb/publish`);
    expect(await page.textContent('#kb-concept-changes')).toContain('时限');
    expect(await page.textContent('#kb-concept-changes')).toContain('草稿：已修改');
    await page.fill('#kb-note', '时限：客户说“猴年马月”');
    await Promise.all([page.waitForEvent('load'), page.click('#kb-publish')]);
    await expect.poll(() => page.textContent('#kb-state')).toContain('第 2 版');
    expect(await chatAnswer(QUESTION)).toContain(TIME_LIMIT_ANSWER);
    await page.goto(`${rig.base}/console/kb/concepts?q=${encodeURIComponent('猴年马月')}`);
    expect(await row('时限').locator('td.status').textContent()).toBe('已发布');
  }, 120_000);
});
