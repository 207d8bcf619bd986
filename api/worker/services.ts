import { timingSafeEqual } from 'node:crypto';
import type { AnyD1Database } from 'drizzle-orm/d1';
import type { UserFromGetMe } from 'grammy/types';
import type { Handler } from 'hono';
import type { TurnClient } from '../../bot/channel/turns.js';
import { createTelegramBot } from '../../bot/telegram/bot.js';
import { VoiceError } from '../../bot/voice/types.js';
import type { ChatChannel } from '../../db/channel-store.js';
import { openD1 } from '../../db/d1.js';
import { isUniqueViolation } from '../../db/handle.js';
import { createStores } from '../../db/stores.js';
import { createApp } from '../app.js';
import { type Assistant, createAssistant } from '../assistant/assistant.js';
import { scanAndNotify } from '../cases/scanner.js';
import { parseConfig } from '../config.js';
import type { ConsoleAssets } from '../console/assets.js';
import { type ChannelSender, createDeliveryWorker } from '../delivery/worker.js';
import { createStaffNotices } from '../notify/staff-notices.js';
import { bootstrapAdmin } from '../staff/bootstrap.js';
import { parseStaffedHours } from '../staff/hours.js';
import type { ConfiguredWorkdayCalendar } from '../standard/calendar.js';
import { createDueSoonRule, parseOfficeHours } from '../standard/working-hours.js';
import { createConsoleLogger } from './logger.js';
import type { WorkerKnowledge } from './statics.js';

/**
 * The Worker's bindings: the D1 database `DB`, and the settings of api/config.ts as wrangler vars
 * and secrets (API_SERVICE_TOKEN, TELEGRAM_BOT_TOKEN, TELEGRAM_WEBHOOK_SECRET,
 * STAFF_BOOTSTRAP_PASSWORD, TELEGRAM_STAFF_CHAT_ID, LOG_LEVEL, STAFFED_HOURS …).
 */
export interface Env {
  DB: AnyD1Database;
  [setting: string]: unknown;
}

/** The part of the Workers ExecutionContext the services use: work that outlives the response. */
export interface Background {
  waitUntil(promise: Promise<unknown>): void;
}

/**
 * What one isolate keeps between requests: only what comes from build-time data (calendar,
 * knowledge, console assets) or is plain data learnt once (the bot's getMe answer, which D1
 * bindings already have their admin). No binding, store or connection is kept.
 */
export interface IsolateCache {
  calendar(): ConfiguredWorkdayCalendar;
  knowledge(): Promise<WorkerKnowledge>;
  consoleAssets: ConsoleAssets;
  botInfo: Map<string, UserFromGetMe>;
  adminChecked: WeakSet<object>;
}

/** The settings among the bindings: every string var and secret (others, like `DB`, are not settings). */
function settingsOf(env: Env): Record<string, string> {
  const settings: Record<string, string> = { SECURE_COOKIES: 'on' };
  for (const [name, value] of Object.entries(env)) if (typeof value === 'string') settings[name] = value;
  return settings;
}

function sameSecret(given: string | undefined, expected: string): boolean {
  const a = Buffer.from(given ?? '');
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The service wired for one request or one cron event on Cloudflare Workers, the counterpart of
 * api/services.ts: the same stores (on this event's D1 binding), assistant, app, deadline scanner
 * and delivery outbox. Differences: the session cookie is Secure by default (Workers serve HTTPS);
 * voice is not recognised (the audio decoders compile WebAssembly at run time, which workerd
 * forbids), so voice notes get the polite "please type" reply; demo data is seeded with
 * db/seed/demo.sql, not here; work after the response (delivery passes) goes to `waitUntil`.
 */
export function createWorkerServices(env: Env, background: Background, cache: IsolateCache) {
  const config = parseConfig(settingsOf(env));
  const logger = createConsoleLogger(config.LOG_LEVEL);
  const clock = () => new Date();
  const { store, accounts, tickets, staff, deliveries, inboundEvents } = createStores(openD1(env.DB));
  const calendar = cache.calendar();
  const isDueSoon = createDueSoonRule(config.DUE_SOON_HOURS, calendar, parseOfficeHours(config.OFFICE_HOURS));
  const later = (work: Promise<unknown>, failure: string) =>
    background.waitUntil(work.catch((error: unknown) => logger.error({ err: error }, failure)));

  const senders: Partial<Record<ChatChannel, ChannelSender>> = {};
  const deliveryWorker = createDeliveryWorker({ deliveries, senders, clock, logger });
  const sendSoon = () => later(deliveryWorker.runOnce(), 'delivery pass failed');
  const staffNotices = createStaffNotices({
    deliveries,
    staffChatId: config.TELEGRAM_STAFF_CHAT_ID,
    clock,
    onQueued: sendSoon,
  });

  // Built on first use: a cron event or a Telegram delivery needs no knowledge.
  let assistant: Promise<Assistant> | undefined;
  const assistantOnce = () => {
    assistant ??= cache.knowledge().then(({ knowledge, tariff, intentClassifier }) =>
      createAssistant({
        store,
        knowledge,
        clock,
        intentClassifier,
        accounts,
        calendar,
        tariff,
        tickets,
        staffedHours: parseStaffedHours(config.STAFFED_HOURS),
        minConfidence: config.MIN_CONFIDENCE,
        onHandoff: (conversation) =>
          staffNotices
            .handoff(conversation)
            .catch((error: unknown) => logger.error({ err: error }, 'staff handoff notice failed')),
      }),
    );
    return assistant;
  };
  const turns: TurnClient = {
    handle: async (inbound) => (await assistantOnce()).handle(inbound),
    recordUnreadable: async (inbound, reply) => (await assistantOnce()).recordUnreadable(inbound, reply),
  };

  const token = config.TELEGRAM_BOT_TOKEN;
  const telegram = token
    ? createTelegramBot({
        token,
        apiRoot: config.TELEGRAM_API_ROOT,
        // No recognizer: voice is answered with the "please type" reply and never decoded.
        inbound: {
          turns,
          events: inboundEvents,
          clock,
          decode: () => Promise.reject(new VoiceError('asr_unavailable', 'no voice decoding on Workers')),
        },
        logger,
        botInfo: cache.botInfo.get(token),
        sendLater: async (chatId, text) => {
          await deliveries.enqueue({ channel: 'telegram', address: chatId, text }, clock());
          sendSoon();
        },
      })
    : undefined;
  if (telegram) senders.telegram = telegram.sender;

  const secret = config.TELEGRAM_WEBHOOK_SECRET;
  // The secret is checked before grammY, whose handler first asks Telegram who the bot is (getMe):
  // a forged request costs nothing. The getMe answer is kept for the isolate's later updates.
  const telegramWebhook: Handler | undefined =
    telegram && token && secret
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

  return {
    config,
    logger,
    deliveryWorker,
    telegram,
    /** The HTTP app (the same `createApp` as on Node) for this request. */
    async app() {
      const [{ knowledge }, chat] = await Promise.all([cache.knowledge(), assistantOnce()]);
      return createApp({
        store,
        knowledge,
        assistant: chat,
        logger,
        calendar,
        tickets,
        staff,
        clock,
        secureCookies: config.SECURE_COOKIES === 'on',
        formLimitPerMinute: config.TICKET_FORM_LIMIT_PER_MINUTE,
        apiServiceToken: config.API_SERVICE_TOKEN,
        isDueSoon,
        deliveries,
        onOutbound: sendSoon,
        consoleAssets: cache.consoleAssets,
        ...(telegramWebhook ? { telegramWebhook } : {}),
      });
    },
    /**
     * The first staff account `admin` from STAFF_BOOTSTRAP_PASSWORD, on an empty staff table; checked
     * once per isolate and database. Without the secret nothing is created (no terminal to show a
     * random password on).
     */
    async ensureAdmin() {
      const password = config.STAFF_BOOTSTRAP_PASSWORD;
      if (!password || cache.adminChecked.has(env.DB)) return;
      try {
        await bootstrapAdmin(staff, password, clock(), logger);
      } catch (error) {
        // Two first sign-ins at once (other isolates too): one of them created the admin.
        if (!isUniqueViolation(error, 'staff_users.username')) throw error;
      }
      cache.adminChecked.add(env.DB);
    },
    /** One pass of the deadline scanner, as `scanOnce` of api/services.ts. */
    scanOnce(now = clock()) {
      return scanAndNotify({ tickets, isDueSoon, logger, notify: staffNotices.escalations }, now);
    },
  };
}

export type WorkerServices = ReturnType<typeof createWorkerServices>;
