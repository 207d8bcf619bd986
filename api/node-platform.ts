import pino, { type Logger } from 'pino';
import { openDatabase } from '../db/client.js';
import { seedDemoData } from '../db/demo.js';
import { createStores } from '../db/stores.js';
import { loadAreas } from '../knowledge/areas.js';
import { createKnowledge, type Knowledge } from '../knowledge/index.js';
import { loadKnowledgeBase } from '../knowledge/load.js';
import { loadTariff } from '../knowledge/tariff.js';
import { createIntentClassifier, loadIntentExamples } from './assistant/intent-classifier.js';
import type { Config } from './config.js';
import type { KnowledgeParts, Platform } from './core.js';
import { nodeClientAddress } from './limits/client-address.js';
import { parseIpRanges } from './limits/ip.js';
import { createDefaultWorkdayCalendar } from './standard/calendar.js';

export interface NodePlatformOptions {
  logger?: Logger;
  clock?: () => Date;
  /** Prebuilt knowledge (tests share one per process; building it loads jieba's dictionary). */
  knowledge?: Knowledge;
}

/**
 * The core's parts on Node: the SQLite file (created, migrated, demo data seeded when asked), the
 * knowledge built from the files in knowledge/ (with semantic search where a model folder is set),
 * the holiday calendar, a pino logger.
 */
export async function openNodePlatform(config: Config, options: NodePlatformOptions = {}) {
  const logger = options.logger ?? pino({ level: config.LOG_LEVEL });
  const clock = options.clock ?? (() => new Date());
  const database = openDatabase(config.DATABASE_PATH);
  if (config.DEMO_DATA === 'on' && seedDemoData(database.db, clock())) logger.info('demo data seeded');
  const knowledge =
    options.knowledge ??
    (await createKnowledge(loadKnowledgeBase(), { embeddingModelDir: config.EMBEDDING_MODEL_DIR }));
  const parts: KnowledgeParts = {
    knowledge,
    tariff: loadTariff(),
    areas: loadAreas(),
    intentClassifier: createIntentClassifier(loadIntentExamples(), knowledge.normalize, knowledge.segmenter),
  };
  const platform: Platform = {
    stores: createStores(database.db),
    calendar: createDefaultWorkdayCalendar(),
    knowledge: () => Promise.resolve(parts),
    logger,
    clock,
    later: (work, failure) => {
      work.catch((error: unknown) => logger.error({ err: error }, failure));
    },
    clientAddress: nodeClientAddress(trustedProxies(config.TRUSTED_PROXIES)),
    // Standard error: the log is standard output, and a password must never be in the log.
    terminal: (text) => {
      process.stderr.write(text);
    },
  };
  return { ...platform, database, knowledgeParts: parts };
}

/** The TRUSTED_PROXIES ranges (the setting was checked by parseConfig). */
function trustedProxies(setting: string | undefined) {
  const parsed = parseIpRanges(setting ?? '');
  return 'ranges' in parsed ? parsed.ranges : [];
}
