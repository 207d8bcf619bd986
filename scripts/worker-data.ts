import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { readConsoleAssets } from '../api/console/assets.js';
import type { WorkerData } from '../api/worker/data.js';

const root = new URL('../', import.meta.url);
const yamlAt = (path: string | URL): unknown => parse(readFileSync(new URL(path, root), 'utf8'));

/**
 * Reads everything the Worker needs from disk (Node): the same files the Node service reads at
 * start-up, parsed, plus the console assets and jieba's dictionary.
 */
export function collectWorkerData(): WorkerData {
  const entriesDir = new URL('knowledge/entries/', root);
  const entryFiles = readdirSync(entriesDir)
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => ({ name, entries: yamlAt(new URL(name, entriesDir)) }));
  return {
    entryFiles,
    localFacts: yamlAt('knowledge/local-facts.yaml'),
    tariff: yamlAt('knowledge/tariff.yaml'),
    areas: yamlAt('knowledge/areas.yaml'),
    outOfScope: yamlAt('knowledge/out-of-scope.yaml'),
    concepts: yamlAt('knowledge/concepts.yaml'),
    intentExamples: yamlAt('api/assistant/intent-examples.yaml'),
    calendarOverrides: yamlAt('api/standard/calendar-overrides.yaml'),
    consoleAssets: readConsoleAssets(),
    jiebaDict: withoutTags(
      readFileSync(createRequire(import.meta.url).resolve('@node-rs/jieba/dict.txt'), 'utf8'),
    ),
  };
}

/**
 * jieba's dictionary without the part-of-speech tags (`word freq tag` → `word freq`): the words and
 * frequencies decide every cut, the tags none (the segmenter never asks for them), and the bundle is
 * 0.2 MiB smaller gzipped. test/worker-knowledge.test.ts checks the answers are the same.
 */
function withoutTags(dictText: string): string {
  return dictText.replace(/^(\S+ \d+) \S+$/gm, '$1');
}

export const WORKER_DATA_FILE = new URL('api/worker/data.generated.json', root);

/**
 * Writes the data to api/worker/data.generated.json unless it already holds exactly that (wrangler
 * dev watches the file). Returns whether it was written.
 */
export function writeWorkerData(): { path: string; written: boolean; bytes: number } {
  const text = `${JSON.stringify(collectWorkerData())}\n`;
  const path = fileURLToPath(WORKER_DATA_FILE);
  const bytes = Buffer.byteLength(text);
  if (existsSync(path) && readFileSync(path, 'utf8') === text) return { path, written: false, bytes };
  writeFileSync(path, text);
  return { path, written: true, bytes };
}
