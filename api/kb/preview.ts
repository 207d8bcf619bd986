import type { KbStore } from '../../db/kb-store.js';
import type { ConceptList } from '../../knowledge/concepts.js';
import { contentHash, type KnowledgeContent } from '../../knowledge/content.js';
import type { Knowledge } from '../../knowledge/index.js';
import { createSliceClock, type Pause } from '../../knowledge/slices.js';
import type { IntentClassifier } from '../assistant/intent-classifier.js';
import { createRouter } from '../assistant/routing.js';
import { draftContent, draftView } from './versions.js';

/** A regression question: what is asked and, where known, the entry that must answer it. */
export interface RegressionQuestion {
  question: string;
  expected?: string;
}

/** How one version answers a question: the entry (none: not answered from the knowledge base) and the text. */
export interface PreviewAnswer {
  entryId: string | null;
  text: string;
}

export interface PreviewChange {
  question: string;
  before: PreviewAnswer;
  after: PreviewAnswer;
  /** The question reached its entry (its expected one, where known) before and no longer does. */
  lost?: boolean;
  expected?: string;
}

export interface PreviewResult {
  checked: number;
  changed: PreviewChange[];
  /** Beyond the contract: which versions were compared and how long it took. */
  publishedVersion: number;
  draftHash: string;
  millis: number;
}

export interface KbPreview {
  run(): Promise<PreviewResult>;
}

export interface PreviewDeps {
  kb: KbStore;
  /** The published version in use: its number and knowledge. */
  published: () => Promise<{ number: number; knowledge: Knowledge }>;
  /** Builds a content's knowledge (the draft's), as a publish would. */
  build: (content: KnowledgeContent) => Promise<Knowledge>;
  /** The concepts of a version stored without any (before migration 0015): the shipped ones. */
  shippedConcepts: ConceptList;
  intentClassifier: IntentClassifier;
  minConfidence?: number;
  /** The project's evaluation questions about the knowledge base (knowledge/regression-questions.json). */
  evaluationQuestions: readonly string[];
  /** Answer in slices, pausing between them, so that turns go on meanwhile (Node). */
  pause?: Pause;
  clock?: () => number;
}

/** How one knowledge version answers each question: through the router, as a turn would decide. */
async function answersOf(
  knowledge: Knowledge,
  deps: Pick<PreviewDeps, 'intentClassifier' | 'minConfidence' | 'pause'>,
  questions: readonly string[],
): Promise<PreviewAnswer[]> {
  const router = createRouter({
    knowledge,
    intentClassifier: deps.intentClassifier,
    minConfidence: deps.minConfidence,
  });
  const maybePause = createSliceClock(deps.pause);
  const out: PreviewAnswer[] = [];
  for (const question of questions) {
    await maybePause();
    const normalized = knowledge.normalize(question);
    const decision = await router.decide({ raw: question, normalized }, knowledge.segmenter.mend(normalized));
    out.push(
      decision.kind === 'faq'
        ? { entryId: decision.answer.source.id, text: decision.answer.text }
        : {
            entryId: null,
            text: decision.kind === 'action' ? `（动作：${decision.detected.intent}）` : '（无法回答）',
          },
    );
  }
  return out;
}

/**
 * The preview of a draft: every regression question (both versions' example questions, the
 * evaluation questions, the questions resolved through review) answered by the published version
 * and by the draft, and what changes. The draft's knowledge is built once per draft content (its
 * hash), the published answers once per version: a second preview of the same draft is a lookup.
 */
export function createPreview(deps: PreviewDeps): KbPreview {
  const now = deps.clock ?? (() => performance.now());
  let draftBuilt: { hash: string; knowledge: Promise<Knowledge> } | undefined;
  /** The published version's answers, kept per version: a new draft asks only what it has new. */
  let publishedAnswers: { number: number; answers: Map<string, PreviewAnswer> } | undefined;
  let lastResult: { key: string; result: PreviewResult } | undefined;

  return {
    async run() {
      const started = now();
      const [published, view, resolved] = await Promise.all([
        deps.published(),
        draftView(deps.kb, deps.shippedConcepts),
        deps.kb.resolvedQuestions(),
      ]);
      const content = draftContent(view);
      const hash = contentHash(content);
      const key = `${published.number}:${hash}:${resolved.length}`;
      if (lastResult?.key === key) return lastResult.result;
      if (draftBuilt?.hash !== hash) {
        draftBuilt = { hash, knowledge: deps.build(content) };
        draftBuilt.knowledge.catch(() => {
          draftBuilt = undefined;
        });
      }
      const draft = await draftBuilt.knowledge;

      const questions = new Map<string, RegressionQuestion>();
      const add = (question: string, expected?: string) => {
        const known = questions.get(question);
        if (!known) questions.set(question, { question, expected });
        else if (expected && !known.expected) known.expected = expected;
      };
      for (const entry of published.knowledge.base.entries) for (const q of entry.questions) add(q, entry.id);
      for (const { entry } of content.entries) for (const q of entry.questions) add(q, entry.id);
      for (const { text, entryId } of resolved) add(text, entryId);
      for (const q of deps.evaluationQuestions) add(q);

      const list = [...questions.values()];
      const texts = list.map((q) => q.question);
      if (publishedAnswers?.number !== published.number)
        publishedAnswers = { number: published.number, answers: new Map() };
      const known = publishedAnswers.answers;
      const missing = texts.filter((text) => !known.has(text));
      (await answersOf(published.knowledge, deps, missing)).forEach((answer, i) => {
        known.set(missing[i] as string, answer);
      });
      const before = texts.map((text) => known.get(text) as PreviewAnswer);
      const after = await answersOf(draft, deps, texts);
      const draftIds = new Set(content.entries.map(({ entry }) => entry.id));
      const changed: PreviewChange[] = [];
      list.forEach((q, i) => {
        const b = before[i] as PreviewAnswer;
        const a = after[i] as PreviewAnswer;
        if (b.entryId === a.entryId && b.text === a.text) return;
        // An example of an entry the draft removes is expected nowhere any more.
        const expected = q.expected && draftIds.has(q.expected) ? q.expected : undefined;
        const lost = expected
          ? b.entryId === expected && a.entryId !== expected
          : b.entryId !== null && a.entryId !== b.entryId;
        changed.push({
          question: q.question,
          before: b,
          after: a,
          ...(lost ? { lost: true } : {}),
          ...(expected ? { expected } : {}),
        });
      });
      // Questions that stop reaching their entry first.
      changed.sort((x, y) => Number(Boolean(y.lost)) - Number(Boolean(x.lost)));
      const result: PreviewResult = {
        checked: list.length,
        changed,
        publishedVersion: published.number,
        draftHash: hash,
        millis: Math.round(now() - started),
      };
      lastResult = { key, result };
      return result;
    },
  };
}
