import type { AnyD1Database } from 'drizzle-orm/d1';
import type { UserFromGetMe } from 'grammy/types';
import { openD1 } from '../../db/d1.js';
import { isUniqueViolation } from '../../db/handle.js';
import { createStores } from '../../db/stores.js';
import { parseConfig } from '../config.js';
import type { ConsoleAssets } from '../console/assets.js';
import { createCore } from '../core.js';
import type { LiveKnowledgeVersion } from '../kb/live.js';
import { cloudflareClientAddress } from '../limits/client-address.js';
import type { ConfiguredWorkdayCalendar } from '../standard/calendar.js';
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
  /** The published knowledge version this isolate holds (checked against D1 on every use). */
  liveKnowledge: LiveKnowledgeVersion<WorkerKnowledge>;
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

/**
 * The core (api/core.ts) for one request or one cron event on Cloudflare Workers, on this event's
 * D1 binding. What differs from Node: the session cookie is Secure by default (Workers serve
 * HTTPS); demo data is seeded with db/seed/demo.sql, not here; work after the response (delivery
 * passes) goes to `waitUntil`; the knowledge and calendar come from the isolate's build-time data.
 */
export function createWorkerCore(env: Env, background: Background, cache: IsolateCache) {
  const config = parseConfig(settingsOf(env));
  const logger = createConsoleLogger(config.LOG_LEVEL);
  const core = createCore(config, {
    stores: createStores(openD1(env.DB)),
    calendar: cache.calendar(),
    knowledge: () => cache.knowledge(),
    liveKnowledge: cache.liveKnowledge,
    logger,
    clock: () => new Date(),
    later: (work, failure) =>
      background.waitUntil(work.catch((error: unknown) => logger.error({ err: error }, failure))),
    consoleAssets: cache.consoleAssets,
    // Cloudflare's edge names the client; TRUSTED_PROXIES has no part here.
    clientAddress: cloudflareClientAddress,
  });
  return {
    ...core,
    /**
     * The first staff account `admin` from STAFF_BOOTSTRAP_PASSWORD, on an empty staff table; checked
     * once per isolate and database. Without the secret nothing is created (no terminal to show a
     * random password on).
     */
    async ensureAdmin() {
      const password = config.STAFF_BOOTSTRAP_PASSWORD;
      if (!password || cache.adminChecked.has(env.DB)) return;
      try {
        await core.bootstrapAdmin(password);
      } catch (error) {
        // Two first sign-ins at once (other isolates too): one of them created the admin.
        if (!isUniqueViolation(error, 'staff_users.username')) throw error;
      }
      cache.adminChecked.add(env.DB);
    },
  };
}

export type WorkerCore = ReturnType<typeof createWorkerCore>;
