import pino, { type Logger } from 'pino';
import { openDatabase } from '../db/client.js';
import { seedDemoData } from '../db/demo.js';
import { createStores } from '../db/stores.js';
import { loadAreas } from '../knowledge/areas.js';
import { contentHash, knowledgeBaseOf } from '../knowledge/content.js';
import { createKnowledge, type Knowledge } from '../knowledge/index.js';
import { loadKnowledgeBase, loadKnowledgeContent } from '../knowledge/load.js';
import regressionQuestions from '../knowledge/regression-questions.json' with { type: 'json' };
import { loadTariff } from '../knowledge/tariff.js';
import { loadActionQuestions } from './assistant/action-questions.js';
import { createIntentClassifier, loadIntentExamples } from './assistant/intent-classifier.js';
import type { Config } from './config.js';
import type { KnowledgeParts, Platform } from './core.js';
import { createLiveVersion } from './kb/live.js';
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
  const shipped = shippedContent();
  const knowledge =
    options.knowledge ??
    (await createKnowledge(loadKnowledgeBase(), {
      embeddingModelDir: config.EMBEDDING_MODEL_DIR,
      concepts: shipped.content.concepts,
    }));
  const intentClassifier = createIntentClassifier(
    loadIntentExamples(),
    knowledge.normalize,
    knowledge.segmenter,
    loadActionQuestions(),
  );
  const parts: KnowledgeParts = {
    knowledge,
    tariff: loadTariff(),
    areas: loadAreas(),
    intentClassifier,
    content: shipped.content,
    contentHash: shipped.hash,
    facts: shipped.facts,
    evaluationQuestions: regressionQuestions,
    pause: nextTurn,
    // Another version is built in slices of a few milliseconds: turns are answered meanwhile.
    async buildKnowledge(content) {
      const built = await createKnowledge(knowledgeBaseOf(content, shipped.facts), {
        outOfScope: content.outOfScope,
        concepts: content.concepts,
        shared: knowledge,
        pause: nextTurn,
      });
      await intentClassifier.prepare(built, nextTurn);
      return built;
    },
  };
  const platform: Platform = {
    stores: createStores(database.db),
    calendar: createDefaultWorkdayCalendar(),
    knowledge: () => Promise.resolve(parts),
    // One process publishes: the version is read at the first turn and after each publish here.
    liveKnowledge: createLiveVersion({
      shipped: () => Promise.resolve(parts),
      shippedHash: () => Promise.resolve(shipped.hash),
      checkEachUse: false,
    }),
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

/** Lets waiting I/O (requests) run before the build goes on. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

let shippedOnce: ReturnType<typeof readShipped> | undefined;
/** The shipped knowledge content (knowledge/*.yaml) and its hash, read once per process (tests start many services). */
function shippedContent() {
  shippedOnce ??= readShipped();
  return shippedOnce;
}
function readShipped() {
  const { content, facts } = loadKnowledgeContent();
  return { content, facts, hash: contentHash(content) };
}

/** The TRUSTED_PROXIES ranges (the setting was checked by parseConfig). */
function trustedProxies(setting: string | undefined) {
  const parsed = parseIpRanges(setting ?? '');
  return 'ranges' in parsed ? parsed.ranges : [];
}
