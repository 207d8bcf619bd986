import type { KnowledgeBase } from './knowledge-base.js';
import { createNormalizer, type Normalizer } from './normalize.js';
import { KnowledgeRetriever } from './retriever.js';
import { createKnowledgeSearch, type KnowledgeSearch } from './search.js';
import { createSegmenter, type Segmenter } from './segment.js';

export interface Knowledge {
  base: KnowledgeBase;
  normalize: Normalizer;
  segmenter: Segmenter;
  search: KnowledgeSearch;
  retriever: KnowledgeRetriever;
}

/** Builds everything retrieval needs; with `embeddingModelDir`, semantic matching is added. */
export async function createKnowledge(
  base: KnowledgeBase,
  options: { embeddingModelDir?: string } = {},
): Promise<Knowledge> {
  const normalize = createNormalizer();
  const segmenter = createSegmenter();
  // transformers.js (and onnxruntime) load only when a model is configured: start-up stays fast without.
  const embedder = options.embeddingModelDir
    ? await (await import('./embeddings.js')).createEmbedder(options.embeddingModelDir)
    : undefined;
  const search = await createKnowledgeSearch({ knowledge: base, normalize, segmenter, embedder });
  const retriever = new KnowledgeRetriever({ search, knowledge: base, normalize, segmenter });
  return { base, normalize, segmenter, search, retriever };
}
