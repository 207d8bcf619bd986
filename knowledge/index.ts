import {
  createFeaturizer,
  type LabelledText,
  type TextClassifier,
  trainClassifier,
  trainClassifierInSlices,
} from './classifier.js';
import { type ConceptList, conceptsKey, shippedConcepts } from './concepts.js';
import type { CustomerQuestion } from './customer-questions.js';
import type { Embedder } from './embeddings.js';
import type { KnowledgeBase } from './knowledge-base.js';
import { createNormalizer, type Normalizer } from './normalize.js';
import { KnowledgeRetriever } from './retriever.js';
import { isForeignTopic } from './scope.js';
import { createKnowledgeSearch, type KnowledgeSearch } from './search.js';
import { type ConceptSegmenter, createSegmenter, type JiebaFactory, type Segmenter } from './segment.js';
import { createSliceClock, type Pause } from './slices.js';

const keyOf = (extra: readonly LabelledText[]) =>
  extra.map(({ label, text }) => `${label}\t${text}`).join('\n');

/** The classifier's label for messages the knowledge base must not answer. */
export const UNKNOWN_LABEL = 'unknown';

export interface Knowledge {
  base: KnowledgeBase;
  /** The concept words customers use (data of the version, like the entries). */
  concepts: ConceptList;
  normalize: Normalizer;
  segmenter: ConceptSegmenter;
  search: KnowledgeSearch;
  retriever: KnowledgeRetriever;
  /**
   * Learned from the entries' example questions and the customer questions labelled with them
   * (label: entry id), and out-of-scope messages (`unknown`).
   */
  classifier: TextClassifier;
  /**
   * The same kind of classifier, trained on the entries' and out-of-scope examples plus more labelled messages
   * (e.g. the intents of action requests); trained once per distinct set of extra examples.
   */
  classifierWith(extra: readonly LabelledText[]): TextClassifier;
  /** Trains `classifierWith(extra)`'s model ahead, in slices (a version built while the server answers). */
  trainWith(extra: readonly LabelledText[], pause: Pause): Promise<void>;
  /** The semantic embedder, where a model is configured (shared by the versions built from this one). */
  embedder?: Embedder;
  /**
   * Entries that answer a topic the topic filter (scope.ts) calls foreign: an operator added an
   * entry most of whose own example questions are about it ("燃气费在哪交"), so the topic is now ours.
   */
  claimedTopics: ReadonlySet<string>;
}

export interface KnowledgeOptions {
  /** A local transformers.js model folder: semantic matching is added to the ranking. */
  embeddingModelDir?: string;
  /** Messages that are not ours (label `unknown`); by default knowledge/out-of-scope.yaml. */
  outOfScope?: readonly string[];
  /**
   * Questions customers wrote, each labelled with the entry that answers it; by default
   * knowledge/customer-questions.json. They train the search's classifier (not the intent model's),
   * for the entries this base has.
   */
  customerQuestions?: readonly CustomerQuestion[];
  /** The concept words; by default knowledge/concepts.yaml (or those of `shared`). */
  concepts?: ConceptList;
  /** Which jieba segments text; default the native @node-rs/jieba (Workers pass the pure TypeScript one). */
  jieba?: JiebaFactory;
  /**
   * A knowledge whose normaliser, segmenter and embedder are reused (they depend on no entry): a new
   * version is built without loading jieba's dictionary or the model again. Where its concept words
   * differ, the normaliser is made anew and the segmenter derived from its jieba.
   */
  shared?: Knowledge;
  /** Build in slices, pausing between them (a server keeps answering while a new version is built). */
  pause?: Pause;
}

/** Builds everything retrieval needs; with `embeddingModelDir`, semantic matching is added. */
export async function createKnowledge(
  base: KnowledgeBase,
  options: KnowledgeOptions = {},
): Promise<Knowledge> {
  const { shared } = options;
  const concepts = options.concepts ?? shared?.concepts ?? shippedConcepts();
  const sameConcepts = shared !== undefined && conceptsKey(shared.concepts) === conceptsKey(concepts);
  const normalize = shared && sameConcepts ? shared.normalize : createNormalizer(concepts);
  const segmenter = shared
    ? sameConcepts
      ? shared.segmenter
      : shared.segmenter.withConcepts(concepts)
    : createSegmenter([], { jieba: options.jieba, concepts });
  // transformers.js (and onnxruntime) load only when a model is configured: start-up stays fast without.
  const embedder =
    options.shared?.embedder ??
    (options.embeddingModelDir
      ? await (await import('./embeddings.js')).createEmbedder(options.embeddingModelDir)
      : undefined);
  const maybePause = createSliceClock(options.pause);

  // While building, every example question is segmented once: BM25 and the classifier share the terms.
  const segmented = new Map<string, string[]>();
  let building = true;
  const sharedSegmenter: Segmenter = {
    mend: (text) => segmenter.mend(text),
    terms(text) {
      if (!building) return segmenter.terms(text);
      let terms = segmented.get(text);
      if (!terms) {
        terms = segmenter.terms(text);
        segmented.set(text, terms);
      }
      return terms;
    },
  };
  const featurize = createFeaturizer((text) => sharedSegmenter.terms(text));
  // Training texts are featurised once, whichever classifier they train.
  const featureCache = new Map<string, readonly string[]>();
  const examples: LabelledText[] = [];
  const claimedTopics = new Set<string>();
  for (const entry of base.entries) {
    if (entry.id === UNKNOWN_LABEL) throw new Error(`knowledge entry id ${UNKNOWN_LABEL} is reserved`);
    let foreign = 0;
    for (const text of [entry.title, ...entry.questions]) {
      await maybePause();
      const normalized = normalize(text);
      examples.push({ label: entry.id, text: normalized });
      if (isForeignTopic(normalized)) foreign++;
    }
    // An entry about the topic: most of its questions are (one stray word is not a claim).
    if (foreign * 2 > entry.questions.length + 1) claimedTopics.add(entry.id);
  }
  // The default examples are read from disk only when none are given (Node; a bundle passes its own).
  const outOfScope = options.outOfScope ?? (await import('./out-of-scope.js')).loadOutOfScopeExamples();
  // An out-of-scope example that an entry now has among its own questions is that entry's.
  const answered = new Set(examples.map((example) => example.text));
  for (const text of outOfScope) {
    const normalized = normalize(text);
    if (!answered.has(normalized)) examples.push({ label: UNKNOWN_LABEL, text: normalized });
  }
  // How customers word their questions teaches the search which entry they ask; the intent model
  // (classifierWith) keeps to the curated examples, whose balance of actions and questions it learned.
  const customerQuestions =
    options.customerQuestions ?? (await import('./customer-questions.js')).loadCustomerQuestions();
  const entryIds = new Set(base.entries.map((entry) => entry.id));
  const searchExamples = [...examples];
  for (const { entry, q } of customerQuestions) {
    if (!entryIds.has(entry)) continue;
    await maybePause();
    searchExamples.push({ label: entry, text: normalize(q) });
  }
  const classifier = options.pause
    ? await trainClassifierInSlices(searchExamples, featurize, { cache: featureCache }, options.pause)
    : trainClassifier(searchExamples, featurize, { cache: featureCache });
  const trained = new Map<string, TextClassifier>();

  const search = await createKnowledgeSearch({
    knowledge: base,
    normalize,
    segmenter: sharedSegmenter,
    embedder,
    classifier,
    claimedTopics,
    concepts,
    pause: options.pause,
  });
  building = false;
  segmented.clear();
  const retriever = new KnowledgeRetriever({ search, knowledge: base, normalize, segmenter });
  return {
    base,
    concepts,
    normalize,
    segmenter,
    search,
    retriever,
    classifier,
    claimedTopics,
    embedder,
    classifierWith(extra) {
      const key = keyOf(extra);
      let model = trained.get(key);
      if (!model) {
        model = trainClassifier([...examples, ...extra], featurize, { cache: featureCache });
        trained.set(key, model);
        // One joint model is the usual case: the memory of the cached features goes with it.
        featureCache.clear();
      }
      return model;
    },
    async trainWith(extra, pause) {
      const key = keyOf(extra);
      if (trained.has(key)) return;
      const model = await trainClassifierInSlices(
        [...examples, ...extra],
        featurize,
        { cache: featureCache },
        pause,
      );
      trained.set(key, model);
      featureCache.clear();
    },
  };
}
