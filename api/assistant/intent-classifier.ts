import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { createBm25Index } from '../../knowledge/bm25.js';
import type { Normalizer } from '../../knowledge/normalize.js';
import type { Segmenter } from '../../knowledge/segment.js';
import { type ActionIntent, INTENTS } from './intents.js';

/** The labels of the example file: every action intent, and `faq` for rule questions that sound like actions. */
export type ExampleLabel = ActionIntent | 'faq';
const LABELS = INTENTS.filter((intent): intent is ExampleLabel => intent !== 'unknown');

const examplesSchema = z.object(
  Object.fromEntries(LABELS.map((label) => [label, z.array(z.string().min(1)).min(5)])),
);
export type IntentExamples = Record<ExampleLabel, string[]>;

export function parseIntentExamples(yamlText: string): IntentExamples {
  return examplesSchema.parse(parse(yamlText)) as IntentExamples;
}

export function loadIntentExamples(
  path = new URL('./intent-examples.yaml', import.meta.url),
): IntentExamples {
  return parseIntentExamples(readFileSync(path, 'utf8'));
}

export interface IntentGuess {
  label: ExampleLabel;
  /** Share of the message's terms (weighted by rarity) that its nearest example contains, 0..1. */
  coverage: number;
}

/**
 * Nearest-example intent classification: BM25 over labelled example messages finds the closest
 * ones, and the label whose best example covers the message most wins. It generalises the rules
 * in intents.ts to wordings they do not list; the assistant trusts it only above a threshold.
 */
export function createIntentClassifier(
  examples: IntentExamples,
  normalize: Normalizer,
  segmenter: Segmenter,
) {
  const labels: ExampleLabel[] = [];
  const docs: string[][] = [];
  for (const label of LABELS) {
    for (const text of examples[label]) {
      labels.push(label);
      docs.push(segmenter.terms(normalize(text)));
    }
  }
  const index = createBm25Index(docs);
  const vocab = docs.map((terms) => new Set(terms));
  const known = new Set(docs.flat());

  function coverage(terms: readonly string[], doc: number): number {
    let total = 0;
    let covered = 0;
    for (const term of new Set(terms)) {
      const weight = known.has(term) ? index.idf(term) : 0.5 * index.maxIdf;
      total += weight;
      if (vocab[doc]?.has(term)) covered += weight;
    }
    return total === 0 ? 0 : covered / total;
  }

  return {
    classify(terms: readonly string[]): IntentGuess | undefined {
      const scores = index.score(terms);
      const ranked = [...scores.keys()]
        .filter((d) => (scores[d] ?? 0) > 0)
        .sort((a, b) => (scores[b] ?? 0) - (scores[a] ?? 0));
      let best: IntentGuess | undefined;
      for (const doc of ranked.slice(0, 5)) {
        const guess = { label: labels[doc] as ExampleLabel, coverage: coverage(terms, doc) };
        if (!best || guess.coverage > best.coverage) best = guess;
      }
      return best;
    },
  };
}

export type IntentClassifier = ReturnType<typeof createIntentClassifier>;
