import { Document } from '@langchain/core/documents';
import { BaseRetriever, type BaseRetrieverInput } from '@langchain/core/retrievers';
import { detectCustomerClass } from './customer-class.js';
import type { KnowledgeBase } from './knowledge-base.js';
import type { Normalizer } from './normalize.js';
import type { KnowledgeSearch } from './search.js';
import type { Segmenter } from './segment.js';

export interface KnowledgeDocumentMetadata {
  id: string;
  title: string;
  clause: string;
  category: string;
  score: number;
  confidence: number;
}

export interface KnowledgeRetrieverInput extends BaseRetrieverInput {
  search: KnowledgeSearch;
  knowledge: KnowledgeBase;
  normalize: Normalizer;
  segmenter: Segmenter;
  limit?: number;
}

/**
 * The knowledge base as a LangChain retriever: each document is an entry's customer-facing
 * answer (for the customer class the question names), with its id, clause and confidence.
 */
export class KnowledgeRetriever extends BaseRetriever<KnowledgeDocumentMetadata> {
  static override lc_name() {
    return 'KnowledgeRetriever';
  }
  override lc_namespace = ['power_service', 'knowledge'];

  private readonly search: KnowledgeSearch;
  private readonly knowledge: KnowledgeBase;
  private readonly normalize: Normalizer;
  private readonly segmenter: Segmenter;
  private readonly limit: number;

  constructor(fields: KnowledgeRetrieverInput) {
    super(fields);
    this.search = fields.search;
    this.knowledge = fields.knowledge;
    this.normalize = fields.normalize;
    this.segmenter = fields.segmenter;
    this.limit = fields.limit ?? 3;
  }

  override async _getRelevantDocuments(query: string): Promise<Document<KnowledgeDocumentMetadata>[]> {
    const customerClass = detectCustomerClass(this.segmenter.mend(this.normalize(query)));
    const hits = await this.search.search(query, this.limit);
    return hits.map(
      ({ entry, score, confidence }) =>
        new Document({
          pageContent: this.knowledge.answer(entry, customerClass),
          metadata: {
            id: entry.id,
            title: entry.title,
            clause: entry.clause,
            category: entry.category,
            score,
            confidence,
          },
        }),
    );
  }
}
