import pino, { type Logger } from 'pino';
import { createSqliteAccountStore } from '../db/account-store.js';
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
import type { Config } from './config.js';
import { bootstrapAdmin } from './staff/bootstrap.js';
import { parseStaffedHours } from './staff/hours.js';
import { createDefaultWorkdayCalendar } from './standard/calendar.js';

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
  });
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
  });
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
    close() {
      database.close();
    },
  };
}

export type Services = Awaited<ReturnType<typeof createServices>>;
