import { stringify } from 'yaml';
import type { KnowledgeContent } from './content.js';

/**
 * A version's content as the files of knowledge/ (same layout: `entries/<file>.yaml`, one YAML list
 * per file in the version's order, and `out-of-scope.yaml`), for review in git. Read back by
 * knowledge/load.ts it is the same content (the same hash).
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
  return files;
}
