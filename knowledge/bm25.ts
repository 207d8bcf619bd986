/** Okapi BM25 over documents already turned into terms. */
export interface Bm25Index {
  /** Scores of every document for the query terms (duplicates in the query count once). */
  score(queryTerms: readonly string[]): Float64Array;
  idf(term: string): number;
  has(term: string): boolean;
  readonly maxIdf: number;
  readonly size: number;
}

export function createBm25Index(documents: readonly (readonly string[])[], k1 = 1.2, b = 0.75): Bm25Index {
  const postings = new Map<string, { doc: number; tf: number }[]>();
  const lengths = documents.map((terms) => terms.length);
  const avgLength = lengths.reduce((sum, n) => sum + n, 0) / Math.max(1, documents.length);
  documents.forEach((terms, doc) => {
    const counts = new Map<string, number>();
    for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
    for (const [term, tf] of counts) {
      const list = postings.get(term) ?? [];
      if (list.length === 0) postings.set(term, list);
      list.push({ doc, tf });
    }
  });
  const n = documents.length;
  const idfOf = (df: number) => Math.log(1 + (n - df + 0.5) / (df + 0.5));
  const idfs = new Map<string, number>();
  for (const [term, list] of postings) idfs.set(term, idfOf(list.length));
  const maxIdf = idfOf(0);
  return {
    size: n,
    maxIdf,
    has: (term) => postings.has(term),
    idf: (term) => idfs.get(term) ?? maxIdf,
    score(queryTerms) {
      const scores = new Float64Array(n);
      for (const term of new Set(queryTerms)) {
        const list = postings.get(term);
        if (!list) continue;
        const idf = idfs.get(term) ?? 0;
        for (const { doc, tf } of list) {
          const norm = tf + k1 * (1 - b + (b * (lengths[doc] ?? 0)) / avgLength);
          scores[doc] = (scores[doc] ?? 0) + (idf * (tf * (k1 + 1))) / norm;
        }
      }
      return scores;
    },
  };
}
