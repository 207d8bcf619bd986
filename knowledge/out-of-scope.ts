import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';

/** Parses the out-of-scope example messages (a YAML list of strings), label `unknown` of the classifier. */
export function parseOutOfScopeExamples(yamlText: string): string[] {
  return outOfScopeExamplesFrom(parse(yamlText));
}

/** Checks the already parsed list (a bundle carries it parsed at build time). */
export function outOfScopeExamplesFrom(document: unknown): string[] {
  return z.array(z.string().min(1)).min(1).parse(document);
}

/** Reads knowledge/out-of-scope.yaml (Node only). */
export function loadOutOfScopeExamples(path = new URL('./out-of-scope.yaml', import.meta.url)): string[] {
  return parseOutOfScopeExamples(readFileSync(path, 'utf8'));
}
