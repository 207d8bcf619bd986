import { BM25Retriever } from '@langchain/community/retrievers/bm25';
import { Document } from '@langchain/core/documents';
import MiniSearch from 'minisearch';
import type { Knowledge } from '../../knowledge/index.js';
import type { KnowledgeEntry } from '../../knowledge/knowledge-base.js';
import type { EvalQuestion } from '../../test/support/eval.js';
import { pct } from './stats.js';

/** Ranks entry ids for a question, best first (possibly with repeats, and more than three). */
type Ranker = (question: string) => Promise<string[]>;

export interface TopK {
  top1: number;
  top3: number;
}

export interface RetrievalResult {
  questions: number;
  ours: TopK;
  langchainBm25: TopK;
  /** The same retriever with its zero-score fill-ins counted as found (what a caller gets back). */
  langchainBm25WithZeroScores: TopK;
  minisearch: TopK;
}

/**
 * Retrieval quality on the held-out knowledge questions: our search against two baselines fed the
 * same entries, each entry one document (title + answer + example questions, as ours indexes it).
 */
export async function compareRetrieval(
  knowledge: Knowledge,
  questions: readonly EvalQuestion[],
): Promise<RetrievalResult> {
  const labelled = questions.filter((q) => q.kind === 'faq' && q.entry);
  const documents = knowledge.base.entries.map((entry) => ({
    id: entry.id,
    text: entryText(knowledge, entry),
  }));
  return {
    questions: labelled.length,
    ours: await topK(labelled, oursRanker(knowledge)),
    langchainBm25: await topK(labelled, langchainRanker(documents, false)),
    langchainBm25WithZeroScores: await topK(labelled, langchainRanker(documents, true)),
    minisearch: await topK(labelled, minisearchRanker(knowledge, documents)),
  };
}

/** What our search indexes for an entry as a whole: its title, answer and example questions. */
function entryText(knowledge: Knowledge, entry: KnowledgeEntry): string {
  return [entry.title, knowledge.base.answer(entry), ...entry.questions].join('\n');
}

function oursRanker(knowledge: Knowledge): Ranker {
  return async (question) => (await knowledge.search.search(question, 3)).map((hit) => hit.entry.id);
}

/**
 * LangChain's BM25Retriever as it comes: default preprocessing (lower case, split on spacing), k = 3.
 * Documents it scores zero are not counted as found: it returns them in corpus order when nothing
 * matches, which would credit whichever entries happen to come first.
 */
function langchainRanker(
  documents: readonly { id: string; text: string }[],
  countZeroScores: boolean,
): Ranker {
  const retriever = BM25Retriever.fromDocuments(
    documents.map((d) => new Document({ pageContent: d.text, metadata: { id: d.id } })),
    { k: 3, includeScore: true },
  );
  return async (question) =>
    (await retriever.invoke(question))
      .filter((doc) => countZeroScores || Number(doc.metadata.bm25Score) > 0)
      .map((doc) => String(doc.metadata.id));
}

/** MiniSearch (BM25+, OR of terms, no fuzzy or prefix matching) on our normaliser and segmenter. */
function minisearchRanker(knowledge: Knowledge, documents: readonly { id: string; text: string }[]): Ranker {
  const tokenize = (text: string) => knowledge.segmenter.terms(knowledge.normalize(text));
  const processTerm = (term: string) => term; // already normalised by tokenize
  const index = new MiniSearch<{ id: string; text: string }>({
    fields: ['text'],
    tokenize,
    processTerm,
    searchOptions: { tokenize, processTerm },
  });
  index.addAll(documents);
  return async (question) => index.search(question).map((hit) => String(hit.id));
}

async function topK(questions: readonly EvalQuestion[], rank: Ranker): Promise<TopK> {
  let top1 = 0;
  let top3 = 0;
  for (const question of questions) {
    const ids = [...new Set(await rank(question.q))].slice(0, 3);
    if (ids[0] === question.entry) top1++;
    if (question.entry && ids.includes(question.entry)) top3++;
  }
  return { top1: pct(top1, questions.length), top3: pct(top3, questions.length) };
}
