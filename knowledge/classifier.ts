/**
 * A linear text classifier learned at start-up from the example questions the project already has
 * (and, for retrieval, the labelled customer questions of knowledge/customer-questions.json):
 * multinomial logistic regression over sparse features of the normalised text (character 1–3-grams
 * of the Chinese runs, English words, digit shapes) and the segmenter's terms (jieba words with the
 * lexicon's concepts folded in, so "how long", "幾耐" and "多久" share the feature 时限).
 *
 * Training is plain stochastic gradient descent with L2 regularisation, each epoch in an order
 * drawn from the examples' own hashes: the same examples always give the same weights, in a few
 * hundred milliseconds, and one example added or removed leaves the others' order as it was. (With
 * a shuffle of positions instead, one added example moved about 35 of 4,900 evaluation questions to
 * another entry; now 1–4. Measured by adding one example to each of five entries.)
 *
 * Where it is used (calibrated by 5-fold cross-validation over the example questions, checked on
 * the tuning questions of test/eval, which it is never trained on):
 * - knowledge/search.ts adds the probability of each entry to the BM25 ranking (weight 2 against the
 *   best lexical score scaled to 1) and blends it into the confidence (70%, lexical coverage 30%);
 *   the classifier there knows the entries and `unknown` (knowledge/out-of-scope.yaml).
 * - api/assistant/intent-classifier.ts trains the same model with the action examples of
 *   intent-examples.yaml added: after the rules, its most probable label decides between an
 *   action, a knowledge question and `unknown`.
 */

import { type Pause, runInSlices, runNow } from './slices.js';

export interface LabelledText {
  label: string;
  /** Normalised text (see normalize.ts). */
  text: string;
}

/** Turns normalised text into feature names; each name counts once. */
export type Featurizer = (normalizedText: string) => string[];

export interface Prediction {
  label: string;
  probability: number;
}

export interface TextClassifier {
  readonly labels: readonly string[];
  /** Probability of every label (indexed like `labels`), summing to 1. */
  probabilities(normalizedText: string): Float64Array;
  /** Labels by falling probability. */
  predict(normalizedText: string, limit?: number): Prediction[];
}

export interface TrainOptions {
  epochs?: number;
  learningRate?: number;
  /** L2 penalty per example step. */
  l2?: number;
  seed?: number;
  /** A label's examples weigh `(median count / count) ** balance`: 0 keeps raw counts, 1 balances fully. */
  balance?: number;
  /** Features already computed for training texts (text → features), filled as it goes. */
  cache?: Map<string, readonly string[]>;
}

const HAN_RUN = /\p{Script=Han}+/gu;
const LATIN_WORD = /[a-z][a-z']*/g;
const DIGITS = /\d+/g;

/**
 * Features of a normalised message: character 1- to 3-grams of every run of Chinese characters,
 * English words, the shape of numbers (an account number, a small score), and the segmenter's terms.
 */
export function createFeaturizer(terms: (normalizedText: string) => string[]): Featurizer {
  return (text) => {
    const out = new Set<string>();
    for (const [run] of text.matchAll(HAN_RUN)) {
      for (let i = 0; i < run.length; i++) {
        out.add(run.slice(i, i + 1));
        if (i + 2 <= run.length) out.add(run.slice(i, i + 2));
        if (i + 3 <= run.length) out.add(run.slice(i, i + 3));
      }
    }
    for (const [word] of text.matchAll(LATIN_WORD)) out.add(`e:${word}`);
    for (const [digits] of text.matchAll(DIGITS))
      out.add(digits.length <= 2 ? `d:${digits}` : `d#${digits.length}`);
    for (const term of terms(text)) out.add(`t:${term}`);
    return [...out];
  };
}

/** FNV-1a hash of a string, 32 bits. */
function hashText(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/** Mixes a 32-bit value (murmur3's finaliser): each epoch's keys in an unrelated order. */
function mix(value: number): number {
  let h = value >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

interface SparseExample {
  label: number;
  features: Int32Array;
  weight: number;
  /** Hash of the example (text and label): its place in each epoch's order. */
  key: number;
}

/** Trains multinomial logistic regression on the examples; labels keep their first-seen order. */
export function trainClassifier(
  examples: readonly LabelledText[],
  featurize: Featurizer,
  options: TrainOptions = {},
): TextClassifier {
  return runNow(trainingSteps(examples, featurize, options));
}

/** The same training in slices, pausing between them (a version built while the server answers). */
export function trainClassifierInSlices(
  examples: readonly LabelledText[],
  featurize: Featurizer,
  options: TrainOptions,
  pause: Pause,
): Promise<TextClassifier> {
  return runInSlices(trainingSteps(examples, featurize, options), pause);
}

/** How many examples are featurised, or SGD steps taken, between two chances to pause. */
const FEATURIZED_PER_YIELD = 8;
const STEPS_PER_YIELD = 64;

/** The training as steps: it yields every few examples, so that it can run in slices. */
function* trainingSteps(
  examples: readonly LabelledText[],
  featurize: Featurizer,
  options: TrainOptions,
): Generator<void, TextClassifier> {
  const epochs = options.epochs ?? 8;
  const learningRate = options.learningRate ?? 4;
  const l2 = options.l2 ?? 1e-5;
  const balance = options.balance ?? 0.5;
  const labels: string[] = [];
  const labelIndex = new Map<string, number>();
  const featureIndex = new Map<string, number>();
  const data: SparseExample[] = [];
  let done = 0;
  for (const { label, text } of examples) {
    if (++done % FEATURIZED_PER_YIELD === 0) yield;
    let y = labelIndex.get(label);
    if (y === undefined) {
      y = labels.length;
      labels.push(label);
      labelIndex.set(label, y);
    }
    let names = options.cache?.get(text);
    if (!names) {
      names = featurize(text);
      options.cache?.set(text, names);
    }
    const ids: number[] = [];
    for (const name of names) {
      let id = featureIndex.get(name);
      if (id === undefined) {
        id = featureIndex.size;
        featureIndex.set(name, id);
      }
      ids.push(id);
    }
    if (ids.length > 0)
      data.push({
        label: y,
        features: Int32Array.from(ids),
        weight: 1,
        key: hashText(`${label}\u0000${text}`),
      });
  }
  const classes = labels.length;
  const counts = new Array<number>(classes).fill(0);
  for (const example of data) counts[example.label] = (counts[example.label] ?? 0) + 1;
  const median = [...counts].sort((a, b) => a - b)[Math.floor(classes / 2)] ?? 1;
  for (const example of data) example.weight = (median / (counts[example.label] ?? 1)) ** balance;

  // Weights are stored scaled: the true weight is `scale * weights[f * classes + c]`, so the L2
  // shrinkage of every weight at every step costs one multiplication.
  const weights = new Float32Array(featureIndex.size * classes);
  const bias = new Float64Array(classes);
  let scale = 1;
  const scores = new Float64Array(classes);
  const seed = options.seed ?? 1;
  let step = 0;
  const totalSteps = epochs * data.length;

  for (let epoch = 0; epoch < epochs; epoch++) {
    // Each epoch's order comes from the examples themselves, not from a shuffle of their positions:
    // an example added or removed takes its own place and leaves the others' order as it was.
    const salt = mix(seed * 0x9e3779b1 + epoch);
    const order = data.map((example, i) => ({ i, at: mix(example.key ^ salt) }));
    order.sort((a, b) => a.at - b.at || a.i - b.i);
    for (const { i: n } of order) {
      if (step % STEPS_PER_YIELD === 0) yield;
      const example = data[n] as SparseExample;
      // Linearly decaying step size, never quite zero.
      const rate = learningRate * (1.01 - step / totalSteps) * example.weight;
      step++;
      const { features } = example;
      const norm = 1 / Math.sqrt(features.length);
      forward(features, norm, weights, bias, scale, classes, scores);
      scale *= 1 - rate * l2;
      if (scale < 1e-9) {
        for (let k = 0; k < weights.length; k++) weights[k] = (weights[k] ?? 0) * scale;
        scale = 1;
      }
      for (let c = 0; c < classes; c++) {
        const gradient = (scores[c] as number) - (c === example.label ? 1 : 0);
        // Classes the example already rules out learn nothing worth the time.
        if (Math.abs(gradient) < 1e-3) continue;
        const delta = (rate * gradient * norm) / scale;
        for (let k = 0; k < features.length; k++) {
          const at = (features[k] as number) * classes + c;
          weights[at] = (weights[at] as number) - delta;
        }
        bias[c] = (bias[c] as number) - rate * gradient * 0.1;
      }
    }
  }
  for (let k = 0; k < weights.length; k++) weights[k] = (weights[k] ?? 0) * scale;

  function probabilities(text: string): Float64Array {
    const names = featurize(text);
    const ids: number[] = [];
    for (const name of names) {
      const id = featureIndex.get(name);
      if (id !== undefined) ids.push(id);
    }
    const out = new Float64Array(classes);
    // Features never seen in training still count in the length: a message mostly made of them
    // gets flatter, less sure probabilities.
    forward(Int32Array.from(ids), 1 / Math.sqrt(Math.max(1, names.length)), weights, bias, 1, classes, out);
    return out;
  }

  return {
    labels,
    probabilities,
    predict(text, limit = classes) {
      const p = probabilities(text);
      return [...p.keys()]
        .sort((a, b) => (p[b] ?? 0) - (p[a] ?? 0) || a - b)
        .slice(0, limit)
        .map((c) => ({ label: labels[c] as string, probability: p[c] ?? 0 }));
    },
  };
}

/** Softmax of the linear scores of one example, into `out`. */
function forward(
  features: Int32Array,
  norm: number,
  weights: Float32Array,
  bias: Float64Array,
  scale: number,
  classes: number,
  out: Float64Array,
): void {
  out.fill(0);
  for (let k = 0; k < features.length; k++) {
    const row = (features[k] as number) * classes;
    for (let c = 0; c < classes; c++) out[c] = (out[c] as number) + (weights[row + c] as number);
  }
  let max = -Infinity;
  for (let c = 0; c < classes; c++) {
    const score = (out[c] as number) * scale * norm + (bias[c] as number);
    out[c] = score;
    if (score > max) max = score;
  }
  let sum = 0;
  for (let c = 0; c < classes; c++) {
    const e = Math.exp((out[c] as number) - max);
    out[c] = e;
    sum += e;
  }
  for (let c = 0; c < classes; c++) out[c] = (out[c] as number) / sum;
}
