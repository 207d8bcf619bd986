import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { shippedConcepts } from './concepts.js';
import type { KnowledgeContent } from './content.js';
import {
  entriesOfFiles,
  type KnowledgeBase,
  type KnowledgeSource,
  localFactsFrom,
  parseKnowledgeBase,
} from './knowledge-base.js';
import { loadOutOfScopeExamples } from './out-of-scope.js';
import { parseTariff, tariffFacts } from './tariff.js';

/** Reads the curated entries shipped in knowledge/entries and the operator's local facts (Node only). */
export function readKnowledgeSource(
  dir = dirname(fileURLToPath(import.meta.url)),
  localFactsPath = join(dir, 'local-facts.yaml'),
): KnowledgeSource {
  const entriesDir = join(dir, 'entries');
  const entryFiles = readdirSync(entriesDir)
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => ({ name, text: readFileSync(join(entriesDir, name), 'utf8') }));
  const tariff = parseTariff(readFileSync(join(dir, 'tariff.yaml'), 'utf8'));
  return {
    entryFiles,
    localFactsText: readFileSync(localFactsPath, 'utf8'),
    derivedFacts: tariffFacts(tariff),
  };
}

export function loadKnowledgeBase(dir?: string, localFactsPath?: string): KnowledgeBase {
  return parseKnowledgeBase(readKnowledgeSource(dir, localFactsPath));
}

/** The shipped entries with their files, the out-of-scope examples, the concepts and the local facts (Node only). */
export function loadKnowledgeContent(dir?: string, localFactsPath?: string) {
  const source = readKnowledgeSource(dir, localFactsPath);
  const content: KnowledgeContent = {
    entries: entriesOfFiles(
      source.entryFiles.map((file) => ({ name: file.name, entries: parse(file.text) })),
    ),
    outOfScope: loadOutOfScopeExamples(),
    concepts: shippedConcepts(),
  };
  return { content, facts: localFactsFrom(parse(source.localFactsText), source.derivedFacts) };
}
