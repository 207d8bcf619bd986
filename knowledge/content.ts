import { createHash } from 'node:crypto';
import type { ConceptList } from './concepts.js';
import {
  type KnowledgeBase,
  type KnowledgeEntry,
  knowledgeBaseFromEntries,
  type LocalFacts,
} from './knowledge-base.js';

/** An entry with the file of knowledge/entries it belongs to (where `kb:export` writes it). */
export interface FiledEntry {
  file: string;
  entry: KnowledgeEntry;
}

/**
 * What a version of the knowledge base is: its entries in order, its out-of-scope example messages
 * (label `unknown`) and the concept words customers use (knowledge/concepts.ts). The shipped YAML is
 * one (version 1 of an empty database); the database's published versions and the draft are others.
 */
export interface KnowledgeContent {
  entries: readonly FiledEntry[];
  outOfScope: readonly string[];
  concepts: ConceptList;
}

/**
 * SHA-256 of the content (entries with their files, out-of-scope examples, concepts): equal hashes,
 * equal knowledge.
 */
export function contentHash(content: KnowledgeContent): string {
  const hash = createHash('sha256');
  for (const { file, entry } of content.entries) hash.update(`${file}\n${JSON.stringify(entry)}\n`);
  hash.update('\u0000');
  for (const text of content.outOfScope) hash.update(`${text}\n`);
  hash.update('\u0000');
  for (const { term, variants } of content.concepts) hash.update(`${JSON.stringify([term, variants])}\n`);
  return hash.digest('hex');
}

/** The content's entries as a knowledge base (checked as the files are: ids unique, facts known). */
export function knowledgeBaseOf(content: KnowledgeContent, facts: LocalFacts): KnowledgeBase {
  return knowledgeBaseFromEntries(
    content.entries.map(({ entry }) => entry),
    facts,
  );
}
