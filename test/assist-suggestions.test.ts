import { describe, expect, it } from 'vitest';
import { SUGGESTION_MIN_CONFIDENCE, suggestionsFor } from '../api/kb/suggestions.js';
import { lexicalKnowledge } from './support/services.js';

/** The conversation page's knowledge suggestions: the assistant's retriever, weak matches left out. */
describe('knowledge suggestions for an agent', () => {
  it('puts the entry the assistant answers with first, with its clause', async () => {
    const found = await suggestionsFor(
      await lexicalKnowledge(),
      '居民报装多久能答复供电方案？',
      SUGGESTION_MIN_CONFIDENCE,
    );
    expect(found.length).toBeGreaterThan(0);
    expect(found.length).toBeLessThanOrEqual(3);
    expect(found[0]).toMatchObject({ title: '供电方案答复期限', clause: '三、1' });
    expect(found[0]?.answer).toContain('3个工作日');
    for (const s of found) expect(s.confidence).toBeGreaterThanOrEqual(SUGGESTION_MIN_CONFIDENCE);
  });

  it('offers nothing for a message the knowledge base has nothing close to, or for none', async () => {
    const knowledge = await lexicalKnowledge();
    expect(await suggestionsFor(knowledge, '今天股市行情怎么样', SUGGESTION_MIN_CONFIDENCE)).toEqual([]);
    expect(await suggestionsFor(knowledge, undefined)).toEqual([]);
    expect(await suggestionsFor(knowledge, '   ')).toEqual([]);
  });
});
