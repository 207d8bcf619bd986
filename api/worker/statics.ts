import { type Areas, areasFromData } from '../../knowledge/areas.js';
import { conceptsFrom } from '../../knowledge/concepts.js';
import { contentHash, type KnowledgeContent, knowledgeBaseOf } from '../../knowledge/content.js';
import { customerQuestionsFrom } from '../../knowledge/customer-questions.js';
import customerQuestionsFile from '../../knowledge/customer-questions.json' with { type: 'json' };
import { createKnowledge } from '../../knowledge/index.js';
import { entriesOfFiles, localFactsFrom } from '../../knowledge/knowledge-base.js';
import { outOfScopeExamplesFrom } from '../../knowledge/out-of-scope.js';
import regressionQuestions from '../../knowledge/regression-questions.json' with { type: 'json' };
import { jsJieba } from '../../knowledge/segment.js';
import { type Tariff, tariffFacts, tariffFromData } from '../../knowledge/tariff.js';
import { actionQuestionsFrom } from '../assistant/action-questions.js';
import actionQuestionsFile from '../assistant/action-questions.json' with { type: 'json' };
import { createIntentClassifier, intentExamplesFrom } from '../assistant/intent-classifier.js';
import type { KnowledgeParts } from '../core.js';
import {
  type ConfiguredWorkdayCalendar,
  calendarOverridesFrom,
  createWorkdayCalendar,
} from '../standard/calendar.js';
import type { WorkerData } from './data.js';

/** What the Worker derives from build-time data alone: no bindings, no settings, no I/O. */
export type WorkerKnowledge = KnowledgeParts;

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
  const tariff: Tariff = tariffFromData(data.tariff);
  const facts = localFactsFrom(data.localFacts, tariffFacts(tariff));
  const content: KnowledgeContent = {
    entries: entriesOfFiles(data.entryFiles),
    outOfScope: outOfScopeExamplesFrom(data.outOfScope),
    concepts: conceptsFrom(data.concepts),
  };
  const customerQuestions = customerQuestionsFrom(customerQuestionsFile);
  const knowledge = await createKnowledge(knowledgeBaseOf(content, facts), {
    jieba: jsJieba(data.jiebaDict),
    outOfScope: content.outOfScope,
    concepts: content.concepts,
    customerQuestions,
  });
  // Another version reuses jieba's dictionary (parsed once per isolate); other concept words are added to it.
  const buildKnowledge = (of: KnowledgeContent) =>
    createKnowledge(knowledgeBaseOf(of, facts), {
      outOfScope: of.outOfScope,
      concepts: of.concepts,
      customerQuestions,
      shared: knowledge,
    });
  const intentClassifier = createIntentClassifier(
    intentExamplesFrom(data.intentExamples),
    knowledge.normalize,
    knowledge.segmenter,
    actionQuestionsFrom(actionQuestionsFile),
  );
  const areas: Areas = areasFromData(data.areas);
  return {
    knowledge,
    tariff,
    intentClassifier,
    areas,
    content,
    contentHash: contentHash(content),
    facts,
    evaluationQuestions: regressionQuestions,
    buildKnowledge,
  };
}
