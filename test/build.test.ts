import { existsSync, readlinkSync, realpathSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCurrent } from '../scripts/build.js';

/**
 * `npm run build` (run by `npm start`): the service as JavaScript beside the files it reads.
 * test/telegram-service.test.ts starts a built service and talks to it.
 */
const DIST = resolve(`node_modules/.cache/test-dist-${process.pid}`);
afterAll(() => rmSync(DIST, { recursive: true, force: true }));

describe('the build', () => {
  it('builds once per version of the sources and links dist/current to it', async () => {
    const first = await buildCurrent(DIST);
    expect(first.built?.modules).toBeGreaterThan(50);
    expect(realpathSync(join(DIST, 'current'))).toBe(realpathSync(first.path));
    expect(readlinkSync(join(DIST, 'current'))).toMatch(/^builds\/[0-9a-f]{16}$/);

    const again = await buildCurrent(DIST);
    expect(again.built).toBeUndefined();
    expect(again.path).toBe(first.path);
  }, 60_000);

  it('carries what the modules read beside themselves, and leaves tests and the Worker out', async () => {
    const { path } = await buildCurrent(DIST);
    for (const file of [
      'bot/main.js',
      'bot/wechat/main.js',
      'knowledge/entries/practical.yaml',
      'knowledge/tariff.yaml',
      'api/assistant/intent-examples.yaml',
      'api/standard/calendar-overrides.yaml',
      'db/migrations/meta/_journal.json',
    ]) {
      expect(existsSync(join(path, file)), file).toBe(true);
    }
    expect(existsSync(join(path, 'bot/worker.js'))).toBe(false);
    expect(existsSync(join(path, 'api/worker/platform.js'))).toBe(false);
    expect(existsSync(join(path, 'knowledge/knowledge.test.js'))).toBe(false);
  }, 60_000);
});
