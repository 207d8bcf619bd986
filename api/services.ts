import pino, { type Logger } from 'pino';
import { localTurns } from '../bot/channel/turns.js';
import { createSpeechRecognizer } from '../bot/voice/asr.js';
import { decodeVoice } from '../bot/voice/decode.js';
import { createSqliteAccountStore } from '../db/account-store.js';
import { createSqliteDeliveryStore, createSqliteInboundLog } from '../db/channel-store.js';
import { openDatabase } from '../db/client.js';
import { seedDemoData } from '../db/demo.js';
import { createSqliteStaffStore } from '../db/staff-store.js';
import { createSqliteStore } from '../db/store.js';
import { createSqliteTicketStore } from '../db/ticket-store.js';
import { createKnowledge, type Knowledge } from '../knowledge/index.js';
import { loadKnowledgeBase } from '../knowledge/load.js';
import { loadTariff } from '../knowledge/tariff.js';
import { createApp } from './app.js';
import { createAssistant } from './assistant/assistant.js';
import { createIntentClassifier, loadIntentExamples } from './assistant/intent-classifier.js';
import { scanAndNotify } from './cases/scanner.js';
import type { Config } from './config.js';
import { type ChannelSender, createDeliveryWorker } from './delivery/worker.js';
import { createStaffNotices } from './notify/staff-notices.js';
import { bootstrapAdmin } from './staff/bootstrap.js';
import { parseStaffedHours } from './staff/hours.js';
import { createDefaultWorkdayCalendar } from './standard/calendar.js';
import { createDueSoonRule, parseOfficeHours } from './standard/working-hours.js';

export interface ServiceOptions {
  logger?: Logger;
  clock?: () => Date;
  /** Prebuilt knowledge (tests share one per process; building it loads jieba's dictionary). */
  knowledge?: Knowledge;
}

/**
 * Wires the whole service from its settings: database (migrated, demo data seeded when asked),
 * knowledge and retrieval, the assistant and the HTTP app. The one place parts are put together.
 */
export async function createServices(config: Config, options: ServiceOptions = {}) {
  const logger = options.logger ?? pino({ level: config.LOG_LEVEL });
  const clock = options.clock ?? (() => new Date());
  const database = openDatabase(config.DATABASE_PATH);
  if (config.DEMO_DATA === 'on' && seedDemoData(database.db, clock())) logger.info('demo data seeded');
  const store = createSqliteStore(database.db);
  const knowledge =
    options.knowledge ??
    (await createKnowledge(loadKnowledgeBase(), { embeddingModelDir: config.EMBEDDING_MODEL_DIR }));
  const accounts = createSqliteAccountStore(database.db);
  const calendar = createDefaultWorkdayCalendar();
  const tickets = createSqliteTicketStore(database.db);
  const staff = createSqliteStaffStore(database.db);
  const deliveries = createSqliteDeliveryStore(database.db);
  const inboundEvents = createSqliteInboundLog(database.db);
  const isDueSoon = createDueSoonRule(config.DUE_SOON_HOURS, calendar, parseOfficeHours(config.OFFICE_HOURS));
  // Filled in below once the channel adapters exist; the worker reads it on every pass.
  const senders: Partial<Record<'telegram' | 'wechat', ChannelSender>> = {};
  const deliveryWorker = createDeliveryWorker({ deliveries, senders, clock, logger });
  const staffNotices = createStaffNotices({
    deliveries,
    staffChatId: config.TELEGRAM_STAFF_CHAT_ID,
    clock,
    onQueued: () => deliveryWorker.kick(),
  });
  await bootstrapAdmin(staff, config.STAFF_BOOTSTRAP_PASSWORD, clock(), logger);
  const intentClassifier = createIntentClassifier(
    loadIntentExamples(),
    knowledge.normalize,
    knowledge.segmenter,
  );
  const assistant = createAssistant({
    store,
    knowledge,
    clock,
    intentClassifier,
    accounts,
    calendar,
    tariff: loadTariff(),
    tickets,
    staffedHours: parseStaffedHours(config.STAFFED_HOURS),
    minConfidence: config.MIN_CONFIDENCE,
    onHandoff: (conversation) =>
      staffNotices
        .handoff(conversation)
        .catch((error: unknown) => logger.error({ err: error }, 'staff handoff notice failed')),
  });
  const recognizer = createSpeechRecognizer(config);
  const inbound = {
    turns: localTurns(assistant),
    events: inboundEvents,
    recognizer,
    decode: decodeVoice,
    clock,
  };
  // The channel adapters are loaded only when configured: Wechaty alone adds ~60 MB and ~0.7 s.
  const telegram = config.TELEGRAM_BOT_TOKEN
    ? (await import('../bot/telegram/bot.js')).createTelegramBot({
        token: config.TELEGRAM_BOT_TOKEN,
        apiRoot: config.TELEGRAM_API_ROOT,
        inbound,
        logger,
        sendLater: async (chatId, text) => {
          await deliveries.enqueue({ channel: 'telegram', address: chatId, text }, clock());
          deliveryWorker.kick();
        },
      })
    : undefined;
  if (telegram) senders.telegram = telegram.sender;
  // WeChat where WECHATY_PUPPET is set (the puppet reads its own settings, e.g.
  // WECHATY_PUPPET_SERVICE_TOKEN); the login is kept in power-service-wechat.memory-card.json.
  // No test clock here: the history cut-off compares WeChat's own wall-clock times.
  const wechat = config.WECHATY_PUPPET
    ? (await import('../bot/wechat/bot.js')).createWechatBot({
        puppet: config.WECHATY_PUPPET,
        name: 'power-service-wechat',
        inbound,
        logger,
      })
    : undefined;
  if (wechat) senders.wechat = wechat.sender;
  const app = createApp({
    store,
    knowledge,
    assistant,
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
    onOutbound: () => deliveryWorker.kick(),
    ...(telegram && config.TELEGRAM_WEBHOOK_SECRET
      ? { telegramWebhook: telegram.webhook(config.TELEGRAM_WEBHOOK_SECRET) }
      : {}),
  });
  /** One pass of the deadline scanner: escalations recorded once, logged and sent to the staff chat. */
  function scanOnce(now = clock()) {
    return scanAndNotify({ tickets, isDueSoon, logger, notify: staffNotices.escalations }, now);
  }
  return {
    config,
    logger,
    database,
    store,
    accounts,
    knowledge,
    assistant,
    calendar,
    tickets,
    staff,
    app,
    deliveries,
    deliveryWorker,
    inbound,
    senders,
    telegram,
    wechat,
    isDueSoon,
    scanOnce,
    close() {
      database.close();
    },
  };
}

export type Services = Awaited<ReturnType<typeof createServices>>;
