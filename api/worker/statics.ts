import { type Areas, areasFromData } from '../../knowledge/areas.js';
import { createKnowledge, type Knowledge } from '../../knowledge/index.js';
import { knowledgeBaseFromData } from '../../knowledge/knowledge-base.js';
import { outOfScopeExamplesFrom } from '../../knowledge/out-of-scope.js';
import { jsJieba } from '../../knowledge/segment.js';
import { type Tariff, tariffFacts, tariffFromData } from '../../knowledge/tariff.js';
import {
  createIntentClassifier,
  type IntentClassifier,
  intentExamplesFrom,
} from '../assistant/intent-classifier.js';
import {
  type ConfiguredWorkdayCalendar,
  calendarOverridesFrom,
  createWorkdayCalendar,
} from '../standard/calendar.js';
import type { WorkerData } from './data.js';

/** What the Worker derives from build-time data alone: no bindings, no settings, no I/O. */
export interface WorkerKnowledge {
  knowledge: Knowledge;
  tariff: Tariff;
  intentClassifier: IntentClassifier;
  areas: Areas;
}

/** The holiday calendar: chinese-days' bundled data and the operator's overrides. */
export function workerCalendar(data: WorkerData): ConfiguredWorkdayCalendar {
  return createWorkdayCalendar({ overrides: calendarOverridesFrom(data.calendarOverrides) });
}

/**
 * The knowledge, tariff and intent classifier built from the build-time data, as api/services.ts
 * builds them on Node from the files, but segmenting with the pure TypeScript jieba (the same words
 * as the native addon). Checked with the same schemas; a broken entry fails here as it stops Node.
 */
export async function buildWorkerKnowledge(data: WorkerData): Promise<WorkerKnowledge> {
  const tariff = tariffFromData(data.tariff);
  const base = knowledgeBaseFromData({
    entryFiles: data.entryFiles,
    localFacts: data.localFacts,
    derivedFacts: tariffFacts(tariff),
  });
  const knowledge = await createKnowledge(base, {
    jieba: jsJieba(data.jiebaDict),
    outOfScope: outOfScopeExamplesFrom(data.outOfScope),
  });
  const intentClassifier = createIntentClassifier(
    intentExamplesFrom(data.intentExamples),
    knowledge.normalize,
    knowledge.segmenter,
  );
  return { knowledge, tariff, intentClassifier, areas: areasFromData(data.areas) };
}
