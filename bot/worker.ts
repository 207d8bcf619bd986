import { timingSafeEqual } from 'node:crypto';
import type { Handler } from 'hono';
import { isolateCache } from '../api/worker/isolate.js';
import { type Background, createWorkerCore, type Env } from '../api/worker/platform.js';
import { createTelegramBot } from './telegram/bot.js';
import { VoiceError } from './voice/types.js';

export type { Env } from '../api/worker/platform.js';

/**
 * The Cloudflare Worker (wrangler.toml `main`): the same Hono app as `npm start` (chat contract,
 * standards and deadlines, cases, staff API and console, Telegram webhook) on D1, and the
 * every-minute cron running the deadline scanner and the delivery outbox.
 *
 * Bindings reach the code per event (`env`), never through module globals: the core is built on
 * each request's D1 binding (api/worker/platform.ts); only build-time data is kept for the isolate
 * (api/worker/isolate.ts). What this entry adds is the Telegram adapter: no voice (the audio
 * decoders compile WebAssembly at run time, which workerd forbids), so voice notes get the polite
 * "please type" reply.
 */
function workerServices(env: Env, background: Background) {
  const cache = isolateCache;
  const core = createWorkerCore(env, background, cache);
  const { config, logger } = core;
  const token = config.TELEGRAM_BOT_TOKEN;
  const telegram = token
    ? createTelegramBot({
        token,
        apiRoot: config.TELEGRAM_API_ROOT,
        // No recognizer: voice is answered with the "please type" reply and never decoded.
        inbound: {
          turns: core.turns,
          events: core.inboundEvents,
          clock: core.clock,
          decode: () => Promise.reject(new VoiceError('asr_unavailable', 'no voice decoding on Workers')),
        },
        logger,
        botInfo: cache.botInfo.get(token),
        sendLater: (chatId, text) => core.sendLater('telegram', chatId, text),
      })
    : undefined;

  const secret = config.TELEGRAM_WEBHOOK_SECRET;
  if (telegram && token) {
    // The secret is checked before grammY, whose handler first asks Telegram who the bot is (getMe):
    // a forged request costs nothing. The getMe answer is kept for the isolate's later updates.
    const handler: Handler | undefined = secret
      ? async (c) => {
          if (!sameSecret(c.req.header('x-telegram-bot-api-secret-token'), secret)) {
            return c.text('secret token is wrong', 401);
          }
          if (!cache.botInfo.has(token)) {
            await telegram.init();
            cache.botInfo.set(token, telegram.bot.botInfo);
          }
          return telegram.webhook(secret)(c);
        }
      : undefined;
    core.addChannel({
      channel: 'telegram',
      sender: telegram.sender,
      webhooks: handler ? [{ method: 'POST', path: '/telegram/webhook', handler }] : [],
    });
  }
  return { ...core, telegram };
}

function sameSecret(given: string | undefined, expected: string): boolean {
  const a = Buffer.from(given ?? '');
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Where staff sign in (every other staff path needs a session from there): the admin must exist first. */
const STAFF_SIGN_IN = /^\/(console|v1\/staff)(\/|$)/;

/** The cron event's details the scanner needs. */
interface ScheduledEvent {
  scheduledTime: number;
}

export default {
  async fetch(request: Request, env: Env, ctx: Background): Promise<Response> {
    const services = workerServices(env, ctx);
    if (STAFF_SIGN_IN.test(new URL(request.url).pathname)) await services.ensureAdmin();
    return (await services.app()).fetch(request);
  },

  /**
   * Every minute (wrangler.toml `[triggers]`): the deadline scanner, the outage pass (changes told to
   * linked customers, planned-outage notices), then the Telegram outbox.
   */
  async scheduled(event: ScheduledEvent, env: Env, ctx: Background): Promise<void> {
    const services = workerServices(env, ctx);
    ctx.waitUntil(
      (async () => {
        await services.scanOnce(new Date(event.scheduledTime));
        await services.outagePass(new Date(event.scheduledTime));
        const { sent, failed } = await services.deliveryWorker.runOnce();
        if (sent || failed) services.logger.info({ sent, failed }, 'delivery pass');
      })().catch((error: unknown) => services.logger.error({ err: error }, 'scheduled pass failed')),
    );
  },
};
