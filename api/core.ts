import type { Logger } from 'pino';
import type { Stores } from '../db/stores.js';
import type { Areas } from '../knowledge/areas.js';
import type { Knowledge } from '../knowledge/index.js';
import type { Tariff } from '../knowledge/tariff.js';
import type { PushChannel } from '../vocabulary/channels.js';
import { type App, createApp } from './app.js';
import { type Assistant, createAssistant } from './assistant/assistant.js';
import type { IntentClassifier } from './assistant/intent-classifier.js';
import { scanAndNotify } from './cases/scanner.js';
import type { ChannelAdapter, ChannelSender, ChannelWebhook, TurnClient } from './channel/contract.js';
import type { Config } from './config.js';
import type { ConsoleAssets } from './console/assets.js';
import { createDeliveryWorker } from './delivery/worker.js';
import { createHandoffs } from './handoff/handoffs.js';
import { createChatLimits } from './limits/chat-limits.js';
import type { ClientAddressOf } from './limits/client-address.js';
import { MINUTE_MS } from './limits/rate.js';
import { createStaffNotices } from './notify/staff-notices.js';
import { runOutagePass } from './outages/notifier.js';
import { bootstrapAdmin } from './staff/bootstrap.js';
import { parseStaffedHours } from './staff/hours.js';
import { LOGIN_SPACING } from './staff/login-throttle.js';
import type { WorkdayCalendar } from './standard/calendar.js';
import { createDueSoonRule, parseOfficeHours } from './standard/working-hours.js';

/** The knowledge and what is built from it: the same on every platform, built from files or data. */
export interface KnowledgeParts {
  knowledge: Knowledge;
  tariff: Tariff;
  intentClassifier: IntentClassifier;
  /** The supply areas and their streets (knowledge/areas.yaml). */
  areas: Areas;
}

/** What a platform (Node with SQLite, Workers with D1) gives the core. */
export interface Platform {
  stores: Stores;
  calendar: WorkdayCalendar;
  /** Built once, on first use (a Workers isolate) or before the service starts (Node). */
  knowledge: () => Promise<KnowledgeParts>;
  logger: Logger;
  clock: () => Date;
  /** Runs work that may outlive the caller (a delivery pass): started at once, failures logged. */
  later: (work: Promise<unknown>, failure: string) => void;
  /** The console's static files as text (a Workers bundle); unset, read from disk (Node). */
  consoleAssets?: ConsoleAssets;
  /** Where a request's client address is found (the socket and trusted proxies, or Cloudflare's header). */
  clientAddress?: ClientAddressOf;
  /** A terminal to show a generated first password on (standard error); unset, none is generated. */
  terminal?: (text: string) => void;
}

/** Turns answered in this process, by the assistant itself. */
export function localTurns(assistant: () => Promise<Assistant> | Assistant): TurnClient {
  return {
    handle: async (inbound) => (await assistant()).handle(inbound),
    recordUnreadable: async (inbound, reply) => (await assistant()).recordUnreadable(inbound, reply),
  };
}

/**
 * The service's core, the same on every platform: the assistant, the delivery outbox and its
 * worker, staff notices, the deadline scanner and the HTTP app, from parsed settings and the
 * platform's parts. Chat adapters are added with `addChannel`; the entries (bot/) add only what
 * differs between processes.
 */
export function createCore(config: Config, platform: Platform) {
  const { stores, calendar, logger, clock } = platform;
  const isDueSoon = createDueSoonRule(config.DUE_SOON_HOURS, calendar, parseOfficeHours(config.OFFICE_HOURS));
  // Adapters register here; the worker reads it on every pass.
  const senders: Partial<Record<PushChannel, ChannelSender>> = {};
  const webhooks: ChannelWebhook[] = [];
  const deliveryWorker = createDeliveryWorker({ deliveries: stores.deliveries, senders, clock, logger });
  const sendSoon = () => platform.later(deliveryWorker.runOnce(), 'delivery pass failed');
  const staffNotices = createStaffNotices({
    deliveries: stores.deliveries,
    staffChatId: config.TELEGRAM_STAFF_CHAT_ID,
    clock,
    onQueued: sendSoon,
  });

  const chatLimits = createChatLimits({
    limits: stores.limits,
    clock,
    perMinute: {
      conversation: config.CHAT_CONVERSATION_LIMIT_PER_MINUTE,
      handoff: config.CHAT_HANDOFF_LIMIT_PER_MINUTE,
      case: config.CHAT_CASE_LIMIT_PER_MINUTE,
    },
  });

  const handoffs = createHandoffs({
    store: stores.store,
    tickets: stores.tickets,
    calendar,
    staffedHours: parseStaffedHours(config.STAFFED_HOURS),
    clock,
    newId: () => crypto.randomUUID(),
  });

  /** One pass of outage messages (changes to linked customers, planned-outage notices), then the outbox. */
  async function outagePass(now = clock()) {
    const result = await runOutagePass(
      { outages: stores.outages, noticeDays: config.PLANNED_OUTAGE_NOTICE_DAYS, logger },
      now,
    );
    if (result.told || result.noticed) sendSoon();
    return result;
  }
  const outagesSoon = () => platform.later(outagePass(), 'outage pass failed');

  let assistant: Promise<Assistant> | undefined;
  /** The assistant, built on first use (a cron event or a platform delivery needs no knowledge). */
  function assistantOnce(): Promise<Assistant> {
    assistant ??= platform.knowledge().then(({ knowledge, tariff, intentClassifier, areas }) =>
      createAssistant({
        store: stores.store,
        knowledge,
        clock,
        intentClassifier,
        accounts: stores.accounts,
        calendar,
        tariff,
        tickets: stores.tickets,
        outages: stores.outages,
        areas,
        handoffs,
        minConfidence: config.MIN_CONFIDENCE,
        chatLimits,
        onHandoff: (conversation) =>
          staffNotices
            .handoff(conversation)
            .catch((error: unknown) => logger.error({ err: error }, 'staff handoff notice failed')),
      }),
    );
    return assistant;
  }

  return {
    config,
    logger,
    clock,
    calendar,
    isDueSoon,
    ...stores,
    deliveryWorker,
    staffNotices,
    handoffs,
    senders,
    assistant: assistantOnce,
    /** What the adapters in this process hand their messages to. */
    turns: localTurns(assistantOnce),
    /** Registers a running chat adapter: its sender for the outbox, its webhooks on the app. */
    addChannel(adapter: ChannelAdapter) {
      senders[adapter.channel] = adapter.sender;
      webhooks.push(...(adapter.webhooks ?? []));
    },
    /** A message was queued for a chat platform: send it soon. */
    sendSoon,
    /** Queues a message for one of a channel's chats (a reply that could not go out at once). */
    async sendLater(channel: PushChannel, address: string, text: string) {
      await stores.deliveries.enqueue({ channel, address, text }, clock());
      sendSoon();
    },
    /** The HTTP app over the channels added so far. */
    async app(): Promise<App> {
      const [{ knowledge, areas }, chat] = await Promise.all([platform.knowledge(), assistantOnce()]);
      return createApp({
        ...stores,
        knowledge,
        // Asked on every use: the platform's knowledge is the one answering now.
        currentKnowledge: async () => (await platform.knowledge()).knowledge,
        areas,
        onOutageChange: outagesSoon,
        assistant: chat,
        handoffs,
        logger,
        calendar,
        clock,
        secureCookies: config.SECURE_COOKIES === 'on',
        formLimitPerMinute: config.TICKET_FORM_LIMIT_PER_MINUTE,
        loginLimitPerMinute: config.STAFF_LOGIN_LIMIT_PER_MINUTE,
        chatLimits,
        ...(platform.clientAddress ? { clientAddress: platform.clientAddress } : {}),
        apiServiceToken: config.API_SERVICE_TOKEN,
        isDueSoon,
        onOutbound: sendSoon,
        webhooks,
        ...(platform.consoleAssets ? { consoleAssets: platform.consoleAssets } : {}),
      });
    },
    /**
     * The first staff account `admin` on an empty staff table, from STAFF_BOOTSTRAP_PASSWORD (or,
     * where the platform has a terminal, a random one shown there).
     */
    bootstrapAdmin(password: string | undefined) {
      return bootstrapAdmin(stores.staff, password, clock(), logger, platform.terminal);
    },
    /** Forgets the abuse limits' counters of past minutes and attempts of past days (outside requests). */
    async pruneLimits(now = clock()) {
      await stores.limits.pruneCounters(new Date(now.getTime() - 10 * MINUTE_MS));
      await stores.limits.pruneAttempts(new Date(now.getTime() - LOGIN_SPACING.forgetAfterMs));
    },
    /**
     * One pass of outage messages: linked customers told of restorations and new restoration times,
     * planned-outage notices PLANNED_OUTAGE_NOTICE_DAYS before and the day before (timer and cron).
     */
    outagePass,
    /** One pass of the deadline scanner: escalations recorded once, logged and sent to the staff chat. */
    scanOnce(now = clock()) {
      return scanAndNotify(
        { tickets: stores.tickets, isDueSoon, logger, notify: staffNotices.escalations },
        now,
      );
    },
  };
}

export type Core = ReturnType<typeof createCore>;
