import { detectActionIntent } from '../api/assistant/intents.js';
import { createKnowledge } from '../knowledge/index.js';
import { loadKnowledgeBase } from '../knowledge/load.js';
import { readQuestions } from '../test/support/eval.js';

/** Calibration helper: faq accuracy and unknown accuracy per confidence threshold, for one question file. */
const k = await createKnowledge(loadKnowledgeBase());
const rows: { label: 'F+' | 'F-' | 'U'; conf: number }[] = [];
for (const q of readQuestions(process.argv[2] ?? 'test/eval/tuning-questions.jsonl')) {
  if (q.kind === 'intent' && q.intent !== 'unknown') continue;
  if (q.kind === 'intent' && detectActionIntent(k.normalize(q.q))) {
    rows.push({ label: 'F-', conf: 1 });
    continue;
  }
  const [top] = await k.search.search(q.q, 1);
  const label = q.kind === 'faq' ? (top?.entry.id === q.entry ? 'F+' : 'F-') : 'U';
  rows.push({ label, conf: top?.confidence ?? 0 });
  if (
    process.env.VERBOSE &&
    ((label === 'U' && (top?.confidence ?? 0) >= Number(process.env.VERBOSE)) ||
      (label !== 'U' && (top?.confidence ?? 0) < Number(process.env.VERBOSE)) ||
      label === 'F-')
  )
    console.log(
      label,
      top?.confidence.toFixed(2),
      top?.coverage.toFixed(2),
      top?.evidence.toFixed(1),
      q.q,
      '→',
      top?.entry.id,
      'want',
      q.entry ?? 'unknown',
    );
}
const F = rows.filter((r) => r.label !== 'U').length,
  U = rows.filter((r) => r.label === 'U').length;
for (let t = 0.1; t <= 0.61; t += 0.05) {
  const fOk = rows.filter((r) => r.label === 'F+' && r.conf >= t).length;
  const uOk = rows.filter((r) => r.label === 'U' && r.conf < t).length;
  console.log(
    `t=${t.toFixed(2)} faq ${fOk}/${F} (${((100 * fOk) / F).toFixed(0)}%) unknown ${uOk}/${U} all ${((100 * (fOk + uOk)) / (F + U)).toFixed(1)}%`,
  );
}
