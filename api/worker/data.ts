import type { ConsoleAssets } from '../console/assets.js';

/**
 * What the Worker knows from build time instead of reading files: the operator data with its YAML
 * already parsed, the console's static files and jieba's dictionary. `npm run build:worker`
 * (scripts/build-worker-data.ts, also wrangler's `[build] command`) writes it to
 * api/worker/data.generated.json, which the Worker imports; the documents are checked with the same
 * schemas as on Node when the Worker first builds its knowledge.
 */
export interface WorkerData {
  /** knowledge/entries/*.yaml, each file's parsed document, in file-name order. */
  entryFiles: { name: string; entries: unknown }[];
  /** knowledge/local-facts.yaml */
  localFacts: unknown;
  /** knowledge/tariff.yaml */
  tariff: unknown;
  /** knowledge/areas.yaml */
  areas: unknown;
  /** knowledge/out-of-scope.yaml */
  outOfScope: unknown;
  /** knowledge/concepts.yaml */
  concepts: unknown;
  /** api/assistant/intent-examples.yaml */
  intentExamples: unknown;
  /** api/standard/calendar-overrides.yaml (chinese-days' data is bundled as a JSON module). */
  calendarOverrides: unknown;
  consoleAssets: ConsoleAssets;
  /** jieba's dictionary (node_modules/@node-rs/jieba/dict.txt), for the pure TypeScript jieba. */
  jiebaDict: string;
}
