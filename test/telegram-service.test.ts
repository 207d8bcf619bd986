import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildService } from '../scripts/build.js';
import { startAsrStandIn } from './support/asr-stand-in.js';
import { startTelegramStandIn, type TelegramStandIn } from './support/telegram-stand-in.js';

/**
 * `npm start` as an operator runs it (the service built to JavaScript, bot/main.js under plain node
 * in its own process, on a real port), with the Telegram Bot API and the speech service replaced by
 * local stand-ins. Running the build also checks that the lazily loaded parts (the Telegram adapter,
 * the voice decoders) and the files read beside modules are all there.
 */
const TOKEN = '424242:service-process-token';
const SECRET = 'process-webhook-secret';
const SPOKEN = '居民用电的供电方案多久答复';
const VOICE = readFileSync(new URL('./fixtures/voice/zh-question.ogg', import.meta.url));

let telegram: TelegramStandIn;
let asr: Awaited<ReturnType<typeof startAsrStandIn>>;
let child: ChildProcess | undefined;
let dir: string;
let log = '';
/** Below node_modules, so the built modules find the project's packages. */
const BUILD = `node_modules/.cache/test-build-telegram-${process.pid}`;

beforeAll(async () => {
  await buildService(BUILD);
}, 60_000);
afterAll(async () => {
  await rm(BUILD, { recursive: true, force: true });
});

beforeEach(async () => {
  telegram = await startTelegramStandIn(TOKEN);
  asr = await startAsrStandIn(SPOKEN);
  dir = await mkdtemp(join(tmpdir(), 'telegram-service-'));
  log = '';
});
afterEach(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child?.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  await telegram.close();
  await asr.close();
  await rm(dir, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function startService(env: Record<string, string>): Promise<string> {
  const port = await freePort();
  child = spawn(process.execPath, ['--enable-source-maps', join(BUILD, 'bot/main.js')], {
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_PATH: join(dir, 'assistant.db'),
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: telegram.apiRoot,
      ASR_URL: asr.url,
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => {
    log += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    log += chunk.toString();
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (
      await fetch(`${base}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return base;
    if (i > 400 || child.exitCode !== null) throw new Error(`service did not start:\n${log}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const voiceMessage = (chat: number) => ({
  voice: { file_id: `v${chat}`, file_unique_id: `uv${chat}`, duration: 5, mime_type: 'audio/ogg' },
});

describe('npm start with a Telegram bot', () => {
  it('answers a text and a voice question by long polling', async () => {
    await startService({});
    const chat = telegram.newChatId();
    telegram.addFile(`v${chat}`, `voice/v${chat}.oga`, VOICE);
    telegram.queue(telegram.update(chat, { text: '居民客户供电方案答复期限是多少' }));
    await telegram.waitForSent(1, 30_000);
    telegram.queue(telegram.update(chat, voiceMessage(chat)));
    await telegram.waitForSent(2, 30_000);
    const [text, voice] = telegram.sentTo(chat);
    expect(text?.text).toContain('3个工作日');
    expect(voice?.text.startsWith(`您说的是：“${SPOKEN}”`)).toBe(true);
    expect(voice?.text).toContain('3个工作日');
    // What the customer said stays out of the service's log.
    expect(log).toContain('service ready');
    expect(log).not.toContain('供电方案答复期限');
    expect(log).not.toContain(SPOKEN);
  });

  it('takes webhook updates only with the secret, and a retried update once', async () => {
    const base = await startService({ TELEGRAM_WEBHOOK_SECRET: SECRET });
    const chat = telegram.newChatId();
    const update = telegram.update(chat, { text: '居民客户供电方案答复期限是多少' });
    const post = (secret: string) =>
      fetch(`${base}/telegram/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
        body: JSON.stringify(update),
      });
    expect((await post('not-the-secret')).status).toBe(401);
    expect(telegram.sentTo(chat)).toEqual([]);
    expect((await post(SECRET)).status).toBe(200);
    expect((await post(SECRET)).status).toBe(200);
    expect(telegram.sentTo(chat)).toHaveLength(1);
    expect(telegram.sentTo(chat)[0]?.text).toContain('3个工作日');
    expect(telegram.calls).not.toContain('getUpdates');
  });
});
