import { isolateCache } from '../api/worker/isolate.js';
import { type Background, createWorkerCore, type Env } from '../api/worker/platform.js';
import { createTelegramBot } from './telegram/bot.js';
import { VoiceError } from './voice/types.js';
import type { TokenCache } from './wechat-official/api.js';
import { createWechatOfficialAccount } from './wechat-official/official.js';

export type { Env } from '../api/worker/platform.js';

/**
 * The Cloudflare Worker (wrangler.toml `main`): the same Hono app as `npm start` (chat contract,
 * standards and deadlines, cases, staff API and console, Telegram webhook, the WeChat Official
 * Account's server URL) on D1, and the every-minute cron running the deadline scanner and the
 * delivery outbox.
 *
 * Bindings reach the code per event (`env`), never through module globals: the core is built on
 * each request's D1 binding (api/worker/platform.ts); only build-time data is kept for the isolate
 * (api/worker/isolate.ts). What this entry adds is the Telegram and Official Account adapters: no
 * voice decoding (the audio decoders compile WebAssembly at run time, which workerd forbids), so
 * voice notes get the polite "please type" reply (the 公众号's Recognition text is still used).
 */

/**
 * The Official Account's access token, kept for the isolate like the bot's getMe answer: plain data
 * learnt from the platform (no binding), so that requests do not each fetch a token, which WeChat
 * limits per day.
 */
const officialTokens: TokenCache = new Map();

function workerServices(env: Env, background: Background) {
  const cache = isolateCache;
  const core = createWorkerCore(env, background, cache);
  const { config, logger } = core;
  // No recognizer on Workers: voice is answered with the "please type" reply and never decoded.
  const inbound = {
    turns: core.turns,
    events: core.inboundEvents,
    clock: core.clock,
    decode: () => Promise.reject(new VoiceError('asr_unavailable', 'no voice decoding on Workers')),
  };
  const token = config.TELEGRAM_BOT_TOKEN;
  const telegram = token
    ? createTelegramBot({
        token,
        apiRoot: config.TELEGRAM_API_ROOT,
        inbound,
        logger,
        botInfo: cache.botInfo.get(token),
        sendLater: (chatId, text) => core.sendLater('telegram', chatId, text),
      })
    : undefined;

  // The WeChat Official Account (公众号): its server URL here, its replies and staff messages through
  // the customer-service API (the outbox on the cron and after each turn). Web Crypto for the
  // signatures and encryption, as on Node; voice only by WeChat's own Recognition text.
  const later = (work: Promise<unknown>, failure: string) =>
    background.waitUntil(work.catch((error: unknown) => logger.error({ err: error }, failure)));
  const official = config.WECHAT_OA_TOKEN
    ? createWechatOfficialAccount({
        token: config.WECHAT_OA_TOKEN,
        appId: config.WECHAT_OA_APPID,
        secret: config.WECHAT_OA_SECRET,
        aesKey: config.WECHAT_OA_AES_KEY,
        apiRoot: config.WECHAT_API_ROOT,
        inbound,
        logger,
        clock: core.clock,
        sendLater: (openId, text) => core.sendLater('wechat_oa', openId, text),
        background: later,
        tokenCache: officialTokens,
      })
    : undefined;
  if (official) {
    core.addChannel({ channel: 'wechat_oa', sender: official.sender, webhooks: official.webhooks });
  }

  const secret = config.TELEGRAM_WEBHOOK_SECRET;
  if (telegram && token) {
    // The app checks the secret (and the body) before grammY, whose handler first asks Telegram who
    // the bot is (getMe): a forged request costs nothing. The getMe answer is kept for the
    // isolate's later updates.
    const webhook = secret ? telegram.webhook(secret) : undefined;
    core.addChannel({
      channel: 'telegram',
      sender: telegram.sender,
      webhooks: webhook
        ? [
            {
              ...webhook,
              handler: async (c, next) => {
                if (!cache.botInfo.has(token)) {
                  await telegram.init();
                  cache.botInfo.set(token, telegram.bot.botInfo);
                }
                return webhook.handler(c, next);
              },
            },
          ]
        : [],
    });
  }
  return { ...core, telegram, official };
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
   * linked customers, planned-outage notices), then the outbox (Telegram, 公众号); once an hour, the
   * abuse limits' counters of past minutes are forgotten.
   */
  async scheduled(event: ScheduledEvent, env: Env, ctx: Background): Promise<void> {
    const services = workerServices(env, ctx);
    ctx.waitUntil(
      (async () => {
        await services.scanOnce(new Date(event.scheduledTime));
        await services.outagePass(new Date(event.scheduledTime));
        const { sent, failed } = await services.deliveryWorker.runOnce();
        if (sent || failed) services.logger.info({ sent, failed }, 'delivery pass');
        const at = new Date(event.scheduledTime);
        if (at.getUTCMinutes() === 0) await services.pruneLimits(at);
      })().catch((error: unknown) => services.logger.error({ err: error }, 'scheduled pass failed')),
    );
  },
};
