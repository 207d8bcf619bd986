import { readFileSync } from 'node:fs';
import { createKnowledge } from '../knowledge/index.js';
import { loadKnowledgeBase } from '../knowledge/load.js';

const t0 = Date.now();
const k = await createKnowledge(loadKnowledgeBase());
console.log('ready ms', Date.now() - t0, 'entries', k.base.entries.length);
const qs = process.argv.slice(2).length
  ? process.argv.slice(2)
  : readFileSync('../shared/eval/dev-questions.jsonl', 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).q);
for (const q of qs) {
  const docs = await k.retriever.invoke(q);
  console.log(
    q,
    '→',
    docs
      .slice(0, 2)
      .map((d) => `${d.metadata.id}(${d.metadata.confidence.toFixed(2)})`)
      .join(' '),
    '|',
    docs[0]?.pageContent.slice(0, 60),
    '|',
    k.segmenter.terms(k.normalize(q)).join('/'),
  );
}
