import { readdirSync } from 'node:fs';
import { loadActionQuestions } from '../../api/assistant/action-questions.js';
import { createIntentClassifier, loadIntentExamples } from '../../api/assistant/intent-classifier.js';
import type { WorkdayCalendar } from '../../api/standard/calendar.js';
import { createDefaultWorkdayCalendar } from '../../api/standard/calendar.js';
import type { WorkerData } from '../../api/worker/data.js';
import { buildWorkerKnowledge, type WorkerKnowledge, workerCalendar } from '../../api/worker/statics.js';
import { openDatabase } from '../../db/client.js';
import { createStores } from '../../db/stores.js';
import { loadAreas } from '../../knowledge/areas.js';
import { createKnowledge } from '../../knowledge/index.js';
import { loadKnowledgeBase } from '../../knowledge/load.js';
import { loadTariff } from '../../knowledge/tariff.js';
import { collectWorkerData } from '../../scripts/worker-data.js';
import { parityAssistantOn } from './answer-probe.js';
import { readQuestions } from './eval.js';

/** Every question of the calibration sets (test/eval/tuning*.jsonl), in file order. */
export function tuningQuestions(): string[] {
  const dir = new URL('../eval/', import.meta.url);
  return readdirSync(dir)
    .filter((name) => /^tuning.*\.jsonl$/.test(name))
    .sort()
    .flatMap((name) => readQuestions(new URL(name, dir).pathname).map((question) => question.q));
}

export interface RuntimeParts
  extends Pick<WorkerKnowledge, 'knowledge' | 'tariff' | 'intentClassifier' | 'areas'> {
  calendar: WorkdayCalendar;
}

/** Knowledge, tariff, intent classifier and calendar as the Node platform (api/node-platform.ts) builds them (native jieba, files). */
export async function nodeParts(): Promise<RuntimeParts> {
  const knowledge = await createKnowledge(loadKnowledgeBase());
  return {
    knowledge,
    tariff: loadTariff(),
    intentClassifier: createIntentClassifier(
      loadIntentExamples(),
      knowledge.normalize,
      knowledge.segmenter,
      loadActionQuestions(),
    ),
    areas: loadAreas(),
    calendar: createDefaultWorkdayCalendar(),
  };
}

/**
 * The same parts as the Worker builds them: from the build-time data after a JSON round trip (as
 * the bundle carries it), segmenting with the pure TypeScript jieba.
 */
export async function workerParts(): Promise<RuntimeParts> {
  const data = JSON.parse(JSON.stringify(collectWorkerData())) as WorkerData;
  return { ...(await buildWorkerKnowledge(data)), calendar: workerCalendar(data) };
}

/** `parityAssistantOn` a fresh in-memory SQLite database (Node). */
export function parityAssistant(parts: RuntimeParts) {
  const database = openDatabase(':memory:');
  const assistant = parityAssistantOn(parts, createStores(database.db));
  return { assistant, close: () => database.close() };
}
