import { stringify } from 'yaml';
import { type ConceptList, conceptsKey, parseConcepts } from './concepts.js';
import type { KnowledgeContent } from './content.js';

/** The comment knowledge/concepts.yaml starts with. */
export const CONCEPTS_HEADER = `# Customers' words for the concepts retrieval matches on: each key is a concept (the canonical
# term), its list the ways customers say it, Chinese or English. Before matching, every variant in a
# message is folded onto its concept, so "多久", "幾耐" and "how long" are one term (时限).
#
# This file seeds version 1 of the knowledge base in an empty database; after that, operators edit
# the concept words in the console (知识库 → 词汇) and \`npm run kb:export\` writes a version back here.
# - Chinese variants are added to jieba's dictionary, so they are segmented whole.
# - English variants are single lower-case words (matched after a light stemmer) or phrases of
#   several words (matched in the text before segmentation).
# - Where one variant is listed under two concepts, the later concept wins.
`;

/** A word as YAML: plain where YAML reads it back as that string, else double-quoted (JSON's quoting is YAML's). */
function yamlWord(word: string): string {
  const plain =
    /^[\p{Script=Han}\w][\p{Script=Han}\w ./-]*$/u.test(word) &&
    !/ $/.test(word) &&
    !/^(yes|no|on|off|true|false|null|y|n|~)$/i.test(word) &&
    !/^\d/.test(word);
  return plain ? word : JSON.stringify(word);
}

/**
 * A concept list as knowledge/concepts.yaml: the header comment, then one line per concept
 * (`term: [variant, variant, ...]`), quoting only where YAML needs it. Read back it is the same
 * list (checked here: a word YAML would read otherwise fails the export rather than change it).
 */
export function conceptsYaml(concepts: ConceptList, header = CONCEPTS_HEADER): string {
  const lines = concepts.map(
    ({ term, variants }) => `${yamlWord(term)}: [${variants.map(yamlWord).join(', ')}]`,
  );
  const text = `${header}${lines.join('\n')}\n`;
  if (conceptsKey(parseConcepts(text)) !== conceptsKey(concepts))
    throw new Error('the concepts do not read back from YAML as they were written');
  return text;
}

/**
 * A version's content as the files of knowledge/ (same layout: `entries/<file>.yaml`, one YAML list
 * per file in the version's order, `out-of-scope.yaml` and `concepts.yaml`), for review in git. Read
 * back by knowledge/load.ts it is the same content (the same hash).
 */
export function contentFiles(content: KnowledgeContent, header?: string): Map<string, string> {
  const byFile = new Map<string, unknown[]>();
  for (const { file, entry } of content.entries) {
    const list = byFile.get(file) ?? [];
    list.push(entry);
    byFile.set(file, list);
  }
  const top = header ? `# ${header}\n\n` : '';
  const files = new Map<string, string>();
  for (const [file, entries] of byFile)
    files.set(`entries/${file}`, top + stringify(entries, { lineWidth: 0 }));
  files.set('out-of-scope.yaml', top + stringify(content.outOfScope, { lineWidth: 0 }));
  files.set('concepts.yaml', top + conceptsYaml(content.concepts));
  return files;
}
