import { createBm25Index } from './bm25.js';
import type { TextClassifier } from './classifier.js';
import { type ConceptList, shippedConcepts } from './concepts.js';
import type { Embedder } from './embeddings.js';
import type { KnowledgeBase, KnowledgeEntry } from './knowledge-base.js';
import { DOMAIN_WORDS } from './lexicon.js';
import type { Normalizer } from './normalize.js';
import { isForeignTopic } from './scope.js';
import type { Segmenter } from './segment.js';
import { createSliceClock, type Pause } from './slices.js';

export interface SearchHit {
  entry: KnowledgeEntry;
  /** Fused ranking score (higher is better); only comparable within one query. */
  score: number;
  /**
   * How sure the match is, 0..1; retrieval answers only above a calibrated threshold.
   * It blends the entry's coverage of the question (halved where the entry shares no domain
   * concept with it) with the learned classifier's probability of the entry; zero for topics out
   * of scope, and raised to the semantic similarity where a model is loaded, trusts the match and
   * the words partly agree.
   */
  confidence: number;
  /** The learned classifier's probability that the question asks this entry (0 without a classifier). */
  probability: number;
  /** Share of the question's terms, weighted by rarity, that the entry's text contains. */
  coverage: number;
  /** Summed rarity of the domain concepts (时限, 电能表, 投诉 …) the question and the entry share. */
  evidence: number;
}

export interface KnowledgeSearch {
  search(text: string, limit?: number): Promise<SearchHit[]>;
  readonly semantic: boolean;
}

export interface SearchOptions {
  knowledge: KnowledgeBase;
  normalize: Normalizer;
  segmenter: Segmenter;
  embedder?: Embedder;
  /**
   * Cosine similarity from which a semantic match raises the confidence (model-specific), and the
   * lexical coverage it still needs: a model alone never turns an out-of-scope question into an answer.
   */
  semanticTrust?: number;
  semanticLexicalFloor?: number;
  /**
   * A classifier learned from the example questions whose labels include the entry ids (others,
   * such as `unknown`, take probability away from every entry). Its probabilities are added to the
   * ranking and blended into the confidence.
   */
  classifier?: TextClassifier;
  /** Entries that answer a topic the topic filter calls foreign (see index.ts `claimedTopics`). */
  claimedTopics?: ReadonlySet<string>;
  /** The version's concepts: their terms are domain evidence (default: the shipped ones). */
  concepts?: ConceptList;
  /** Index in slices, pausing between them (see slices.ts). */
  pause?: Pause;
  /** Weight of the classifier's probability against the best lexical score (scaled to 1) in the ranking. */
  classifierWeight?: number;
  /** Share of the confidence that is the classifier's probability, the rest being lexical coverage. */
  classifierShare?: number;
}

const RRF_K = 10;
/** Calibrated by cross-validation over the example questions (see knowledge/classifier.ts). */
export const DEFAULT_CLASSIFIER_WEIGHT = 2;
export const DEFAULT_CLASSIFIER_SHARE = 0.7;
/** Words the knowledge base never uses weigh this share of the rarest known word. */
const UNKNOWN_WORD_WEIGHT = 0.5;
/**
 * Below this confidence a question is `unknown`, never the nearest entry (the assistant's default;
 * `MIN_CONFIDENCE` overrides it). Calibrated on the development and held-out questions (see
 * test/eval); the confidence blends lexical coverage with the learned classifier's probability.
 */
export const DEFAULT_MIN_CONFIDENCE = 0.2;
/**
 * Where the ranking's first entry is below the default answering threshold it would not be
 * answered at all: an entry surer of the question by this much, among the first few, comes first.
 */
const SURER_BY = 0.05;
/** Below this much shared domain evidence, coverage counts half. */
const MIN_EVIDENCE = 1;

/**
 * Ranks knowledge entries for a question. Lexical ranking is BM25 over every example question
 * (an entry scores its best question) plus BM25 over the entry's whole text; with an embedding
 * model, the semantic ranking is fused with the lexical one by reciprocal rank fusion. With a
 * learned classifier, its probability of each entry is added to that score (scaled so the best
 * entry has 1). Where the first entry so ranked is too unsure to be answered, a clearly surer one
 * among the first few comes first.
 */
export async function createKnowledgeSearch(options: SearchOptions): Promise<KnowledgeSearch> {
  const { knowledge, normalize, segmenter, embedder } = options;
  const semanticTrust = options.semanticTrust ?? 0.85;
  const semanticLexicalFloor = options.semanticLexicalFloor ?? 0.3;
  const classifierWeight = options.classifierWeight ?? DEFAULT_CLASSIFIER_WEIGHT;
  const classifierShare = options.classifierShare ?? DEFAULT_CLASSIFIER_SHARE;
  const entries = knowledge.entries;
  const classifier = options.classifier;
  /** Class of each entry in the classifier's labels (-1: the classifier does not know it). */
  const entryClass = entries.map((entry) => classifier?.labels.indexOf(entry.id) ?? -1);
  const termsOf = (text: string) => segmenter.terms(normalize(text));
  const domainTerms: ReadonlySet<string> = new Set([
    ...(options.concepts ?? shippedConcepts()).map((concept) => concept.term),
    ...DOMAIN_WORDS,
  ]);

  const questionOwner: number[] = [];
  const questionDocs: string[][] = [];
  const questionTexts: string[] = [];
  const maybePause = createSliceClock(options.pause);
  for (const [i, entry] of entries.entries()) {
    for (const text of [entry.title, ...entry.questions]) {
      await maybePause();
      questionOwner.push(i);
      questionDocs.push(termsOf(text));
      questionTexts.push(normalize(text));
    }
  }
  const entryDocs: string[][] = [];
  for (const entry of entries) {
    await maybePause();
    entryDocs.push([entry.title, knowledge.answer(entry), ...entry.questions].flatMap(termsOf));
  }
  const entryVocab = entryDocs.map((terms) => new Set(terms));
  const knownTerms = new Set(entryDocs.flat());
  const questionIndex = createBm25Index(questionDocs);
  const entryIndex = createBm25Index(entryDocs);
  const questionVectors = embedder ? await embedder.embed(questionTexts) : [];

  function lexicalMatch(terms: readonly string[], entryNo: number): { coverage: number; evidence: number } {
    const vocab = entryVocab[entryNo];
    let total = 0;
    let covered = 0;
    let evidence = 0;
    for (const term of new Set(terms)) {
      const weight = knownTerms.has(term) ? entryIndex.idf(term) : UNKNOWN_WORD_WEIGHT * entryIndex.maxIdf;
      total += weight;
      if (!vocab?.has(term)) continue;
      covered += weight;
      if (domainTerms.has(term)) evidence += weight;
    }
    return { coverage: total === 0 ? 0 : covered / total, evidence };
  }

  async function semanticScores(text: string): Promise<Float64Array | undefined> {
    if (!embedder) return undefined;
    const [query] = await embedder.embed([text]);
    const best = new Float64Array(entries.length).fill(-1);
    if (!query) return best;
    questionVectors.forEach((vector, q) => {
      let dot = 0;
      for (let d = 0; d < vector.length; d++) dot += (vector[d] ?? 0) * (query[d] ?? 0);
      const owner = questionOwner[q] ?? 0;
      if (dot > (best[owner] ?? -1)) best[owner] = dot;
    });
    return best;
  }

  return {
    semantic: embedder !== undefined,
    async search(text, limit = 3) {
      const normalized = normalize(text);
      const terms = segmenter.terms(normalized);
      const lexical = new Float64Array(entries.length);
      questionIndex.score(terms).forEach((score, q) => {
        const owner = questionOwner[q] ?? 0;
        if (score > (lexical[owner] ?? 0)) lexical[owner] = score;
      });
      const byEntry = entryIndex.score(terms);
      for (let i = 0; i < entries.length; i++) lexical[i] = (lexical[i] ?? 0) + 0.5 * (byEntry[i] ?? 0);

      const semantic = await semanticScores(normalized);
      const fused = semantic ? reciprocalRankFusion([lexical, semantic]) : Float64Array.from(lexical);
      const probability = new Float64Array(entries.length);
      if (classifier) {
        const p = classifier.probabilities(normalized);
        entryClass.forEach((c, i) => {
          probability[i] = c < 0 ? 0 : (p[c] ?? 0);
        });
        const best = Math.max(...fused);
        for (let i = 0; i < entries.length; i++)
          fused[i] = (best > 0 ? (fused[i] ?? 0) / best : 0) + classifierWeight * (probability[i] ?? 0);
      }
      const order = [...fused.keys()]
        .filter((i) => (fused[i] ?? 0) > 0)
        .sort((a, b) => (fused[b] ?? 0) - (fused[a] ?? 0));
      const outOfScope = isForeignTopic(normalized);
      const hits = order.slice(0, limit).map((i) => {
        const { coverage, evidence } =
          (lexical[i] ?? 0) > 0 ? lexicalMatch(terms, i) : { coverage: 0, evidence: 0 };
        const lexicalConfidence = evidence >= MIN_EVIDENCE ? coverage : coverage / 2;
        const learned = probability[i] ?? 0;
        const blended = classifier
          ? (1 - classifierShare) * lexicalConfidence + classifierShare * learned
          : lexicalConfidence;
        const similarity = semantic?.[i] ?? 0;
        const trusted = similarity >= semanticTrust && lexicalConfidence >= semanticLexicalFloor;
        const foreign = outOfScope && !options.claimedTopics?.has((entries[i] as KnowledgeEntry).id);
        const confidence = foreign ? 0 : trusted ? Math.max(blended, similarity) : blended;
        return {
          entry: entries[i] as KnowledgeEntry,
          score: fused[i] ?? 0,
          confidence,
          probability: learned,
          coverage,
          evidence,
        };
      });
      // Where the best-ranked entry is unsure, an entry the question is clearly surer of comes first.
      const [first, ...rest] = hits;
      if (first && first.confidence < DEFAULT_MIN_CONFIDENCE) {
        const surest = rest.reduce((best, hit) => (hit.confidence > best.confidence ? hit : best), first);
        if (surest.confidence >= first.confidence + SURER_BY)
          hits.unshift(...hits.splice(hits.indexOf(surest), 1));
      }
      return hits;
    },
  };
}

/** Reciprocal rank fusion: each ranking contributes 1 / (k + rank) for the items it scores above zero. */
export function reciprocalRankFusion(rankings: readonly Float64Array[], k = RRF_K): Float64Array {
  const size = rankings[0]?.length ?? 0;
  const fused = new Float64Array(size);
  for (const scores of rankings) {
    const order = [...scores.keys()]
      .filter((i) => (scores[i] ?? 0) > 0)
      .sort((a, b) => (scores[b] ?? 0) - (scores[a] ?? 0));
    order.forEach((item, rank) => {
      fused[item] = (fused[item] ?? 0) + 1 / (k + rank + 1);
    });
  }
  return fused;
}
