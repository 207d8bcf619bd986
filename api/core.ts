import type { Logger } from 'pino';
import { createKeyedLock } from '../db/keyed-lock.js';
import type { Stores } from '../db/stores.js';
import type { Areas } from '../knowledge/areas.js';
import type { KnowledgeContent } from '../knowledge/content.js';
import type { Knowledge } from '../knowledge/index.js';
import type { LocalFacts } from '../knowledge/knowledge-base.js';
import type { Pause } from '../knowledge/slices.js';
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
import type { LiveKnowledgeVersion, VersionSource } from './kb/live.js';
import { createPreview } from './kb/preview.js';
import { createReviewRecorder } from './kb/unanswered.js';
import { ensureSeeded, versionContent } from './kb/versions.js';
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
  /** The shipped content (version 1 of an empty database) and its hash. */
  content: KnowledgeContent;
  contentHash: string;
  /** The local facts the answers' {{placeholders}} name (knowledge/local-facts.yaml and the tariff). */
  facts: LocalFacts;
  /** The project's evaluation questions about the knowledge base, for the preview. */
  evaluationQuestions: readonly string[];
  /** Builds the knowledge of another content (a published version, the draft): CPU-heavy. */
  buildKnowledge(content: KnowledgeContent): Promise<Knowledge>;
  /** Where long work (a preview) pauses to let turns run; unset, it runs at once (Workers). */
  pause?: Pause;
}

/** What a platform (Node with SQLite, Workers with D1) gives the core. */
export interface Platform {
  stores: Stores;
  calendar: WorkdayCalendar;
  /** The shipped knowledge: built once, on first use (a Workers isolate) or before the service starts (Node). */
  knowledge: () => Promise<KnowledgeParts>;
  /**
   * The published version in use, held for the process (Node) or the isolate (Workers) and swapped
   * whole when a newer one is published (api/kb/live.ts).
   */
  liveKnowledge: LiveKnowledgeVersion<KnowledgeParts>;
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

  /** Where the live version reads the current version and builds one: this core's stores. */
  function versionSource(shipped: KnowledgeParts): VersionSource<KnowledgeParts> {
    return {
      latest: () => ensureSeeded(stores.kb, { content: shipped.content, hash: shipped.contentHash }, clock()),
      async build(number) {
        const knowledge = await shipped.buildKnowledge(
          await versionContent(stores.kb, number, shipped.content.concepts),
        );
        // The intent model is trained here, before the swap, not by the first turn.
        shipped.intentClassifier.forKnowledge(knowledge);
        return { ...shipped, knowledge };
      },
    };
  }
  /** The parts of the published version in use (one indexed read first, on Workers). */
  async function currentParts(): Promise<{ number: number; parts: KnowledgeParts }> {
    const live = await platform.liveKnowledge.current(versionSource(await platform.knowledge()));
    return { number: live.number, parts: live.value };
  }
  /** The number and knowledge of the published version in use. */
  async function publishedKnowledge() {
    const { number, parts } = await currentParts();
    return { number, knowledge: parts.knowledge };
  }
  /** After a publish or rollback here: the new version built and swapped in before the answer. */
  async function refreshKnowledge() {
    return platform.liveKnowledge.refresh(versionSource(await platform.knowledge()));
  }

  // One assistant per knowledge version, sharing one per-conversation lock.
  const lock = createKeyedLock();
  const assistants = new WeakMap<Knowledge, Assistant>();
  function assistantFor({ knowledge, tariff, intentClassifier, areas }: KnowledgeParts): Assistant {
    let assistant = assistants.get(knowledge);
    if (!assistant) {
      assistant = createAssistant({
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
        lock,
        onHandoff: (conversation) =>
          staffNotices
            .handoff(conversation)
            .catch((error: unknown) => logger.error({ err: error }, 'staff handoff notice failed')),
        onTurnRecorded: (turn) =>
          recordForReview(turn).catch((error: unknown) =>
            logger.error({ err: error }, 'review queue record failed'),
          ),
      });
      assistants.set(knowledge, assistant);
    }
    return assistant;
  }
  const recordForReview = createReviewRecorder({
    kb: stores.kb,
    store: stores.store,
    // A question recorded without the turn's own normalised text is normalised as the shipped
    // knowledge does (a version's concept words may add words to the typo mending; the key barely moves).
    normalize: async (text) => (await platform.knowledge()).knowledge.normalize(text),
  });

  /** Each turn takes the version current at its start and finishes on it, whatever is published meanwhile. */
  const liveAssistant: Assistant = {
    handle: async (inbound) => assistantFor((await currentParts()).parts).handle(inbound),
    recordUnreadable: async (inbound, reply) =>
      assistantFor((await currentParts()).parts).recordUnreadable(inbound, reply),
  };
  /** The assistant, its knowledge built on first use (a cron event or a platform delivery needs none). */
  async function assistantOnce(): Promise<Assistant> {
    await currentParts();
    return liveAssistant;
  }

  /** The preview compares the published version in use with the draft (built once per draft). */
  let preview: ReturnType<typeof createPreview> | undefined;
  async function previewOnce() {
    const shipped = await platform.knowledge();
    preview ??= createPreview({
      kb: stores.kb,
      published: publishedKnowledge,
      build: (content) => shipped.buildKnowledge(content),
      shippedConcepts: shipped.content.concepts,
      intentClassifier: shipped.intentClassifier,
      minConfidence: config.MIN_CONFIDENCE,
      evaluationQuestions: shipped.evaluationQuestions,
      ...(shipped.pause ? { pause: shipped.pause } : {}),
    });
    return preview;
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
    /** The published knowledge version in use and its parts. */
    currentKnowledge: currentParts,
    /** Builds and swaps in the newest published version (after a publish elsewhere, or in tests). */
    refreshKnowledge,
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
      const [shipped, chat] = await Promise.all([platform.knowledge(), assistantOnce()]);
      const { knowledge, areas } = shipped;
      return createApp({
        ...stores,
        knowledge,
        areas,
        facts: shipped.facts,
        concepts: shipped.content.concepts,
        onKnowledgePublished: refreshKnowledge,
        preview: { run: async () => (await previewOnce()).run() },
        currentKnowledge: publishedKnowledge,
        knowledgeInUse: () => {
          const held = platform.liveKnowledge.held();
          return held && { number: held.number, knowledge: held.value.knowledge };
        },
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
