import { detectActionIntent } from '../api/assistant/intents.js';
import { createKnowledge } from '../knowledge/index.js';
import { loadKnowledgeBase } from '../knowledge/load.js';

const k = await createKnowledge(loadKnowledgeBase());
for (const q of process.argv.slice(2)) {
  const n = k.normalize(q);
  const docs = await k.retriever.invoke(q);
  console.log(
    q,
    JSON.stringify(detectActionIntent(n)),
    '→',
    docs
      .slice(0, 3)
      .map((d) => `${d.metadata.id}(${d.metadata.confidence.toFixed(2)})`)
      .join(' '),
    '|',
    k.segmenter.terms(n).join('/'),
  );
}
