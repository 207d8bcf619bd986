import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';

/**
 * A concept retrieval matches on (the canonical term, e.g. 时限) and the words customers use for it
 * ("多久", "几天", "how long"). Every variant in a message is folded onto the term before BM25 and
 * the classifiers see it. The list is data of a knowledge-base version: shipped in
 * knowledge/concepts.yaml, edited by operators in the console.
 */
export interface Concept {
  term: string;
  variants: readonly string[];
}

/** A version's concepts, in order (where one variant is under two concepts, the later one wins). */
export type ConceptList = readonly Concept[];

const word = z.string().trim().min(1).max(60);
const document = z.record(word, z.array(word).max(1000));

/** Checks a parsed concepts document (`term: [variants]`, in order). */
export function conceptsFrom(parsed: unknown): ConceptList {
  const checked = document.parse(parsed);
  return Object.entries(checked).map(([term, variants]) => ({ term, variants }));
}

/** Parses knowledge/concepts.yaml's text. */
export function parseConcepts(yamlText: string): ConceptList {
  return conceptsFrom(parse(yamlText));
}

let shipped: ConceptList | undefined;

/** The concepts shipped with the program (knowledge/concepts.yaml), read once (Node only). */
export function shippedConcepts(): ConceptList {
  shipped ??= parseConcepts(readFileSync(new URL('./concepts.yaml', import.meta.url), 'utf8'));
  return shipped;
}

/** Every word of the concepts: their terms and variants (for the pinyin reader and jieba). */
export function conceptWords(concepts: ConceptList): string[] {
  return concepts.flatMap(({ term, variants }) => [term, ...variants]);
}

/** A key equal for equal concept lists (a version whose concepts did not change reuses the segmenter). */
export function conceptsKey(concepts: ConceptList): string {
  return JSON.stringify(concepts.map(({ term, variants }) => [term, variants]));
}
