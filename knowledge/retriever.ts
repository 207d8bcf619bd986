import { Document } from '@langchain/core/documents';
import { BaseRetriever, type BaseRetrieverInput } from '@langchain/core/retrievers';
import {
  CLASS_FALLBACK,
  CLASS_LABELS,
  type ClassReading,
  type CustomerClass,
  readCustomerClass,
} from './customer-class.js';
import type { KnowledgeBase, KnowledgeEntry } from './knowledge-base.js';
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

  /**
   * The entry's answer for the customer's class where it has one: the class the customer named, or
   * the one their words show ("两路电源" → 高压双电源), said with the words it was read from, so a
   * wrong reading is plain to see. Without a class, or for a comparison, the whole answer.
   */
  private answerFor(
    entry: KnowledgeEntry,
    reading: ClassReading | undefined,
    compared: CustomerClass[],
    question: string,
  ): string {
    const general = this.knowledge.answer(entry, undefined, question);
    if (!reading) {
      // A comparison: each side's own line, where the entry has one for every side.
      const sides = compared.map((c) => this.knowledge.answer(entry, c, question));
      if (sides.length < 2 || sides.includes(general)) return general;
      const unique = [...new Set(sides)];
      return unique.join('') + differenceOf(unique);
    }
    const specific = this.knowledge.answer(entry, reading.customerClass, question);
    if (specific === general || reading.named) return specific;
    const label = CLASS_LABELS[reading.customerClass];
    const because = reading.customerClass === 'resident' ? '' : `（您提到“${reading.evidence}”）`;
    return `按${label}客户答复${because}：${specific}`;
  }

  override async _getRelevantDocuments(query: string): Promise<Document<KnowledgeDocumentMetadata>[]> {
    // Read from the text as normalised, not mended: the homophone mender knows no units (380伏电);
    // the mended text only where the text shows no class ("居名装表接电几天": 居民) or a broader one
    // than the mended text ("高压双电原": 高压 as written, 高压双电源 mended).
    const normalized = this.normalize(query);
    const asWritten = readCustomerClass(normalized);
    const { reading, compared } = refinedByMending(asWritten, () =>
      readCustomerClass(this.segmenter.mend(normalized)),
    );
    const hits = [...(await this.search.search(query, this.limit))];
    // "那非居民呢" alone asks nothing of any entry: no class-specific one is put first for it.
    const asksMore = reading === undefined || hanChars(normalized.replace(reading.evidence, '')) >= 4;
    if (asksMore) preferClassAnswers(hits, reading, compared);
    return hits.map(
      ({ entry, score, confidence }) =>
        new Document({
          pageContent: this.answerFor(entry, reading, compared, normalized),
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

/** A time limit in an answer: "3个工作日", "24小时", "20分钟". */
const TIME_LIMIT = /(\d+)\s*(个工作日|小时|分钟)/g;

/**
 * "两者相差4个工作日。": what a comparison of two sides asks, where each side's answer gives one time
 * limit in the same unit; empty otherwise.
 */
function differenceOf(sides: readonly string[]): string {
  if (sides.length !== 2) return '';
  const limits = sides.map((side) => [...side.matchAll(TIME_LIMIT)]);
  const [a, b] = limits.map((found) => (found.length === 1 ? found[0] : undefined));
  if (!a || !b || a[2] !== b[2] || a[1] === b[1]) return '';
  return `两者相差${Math.abs(Number(a[1]) - Number(b[1]))}${a[2]}。`;
}

/** The standard's section on staff conduct (二、服务作风): its rules say what is not allowed. */
const CONDUCT_CATEGORY = '服务作风';
/** The standard's section on time limits (三、服务效能): each entry there states its own. */
const TIME_LIMITS_CATEGORY = '服务效能';

/** A class-specific entry this close to the top one answers a question that gives a class. */
const CLASS_ENTRY_MIN_SHARE = 0.75;

/**
 * Where the question gives a class (or compares two) and the top entry has no answer by class (the
 * process overview beside the time limits), an entry that has one, nearly as close, goes first:
 * "开小卖部要新装，方案要几天" asks the low-voltage limit, not the whole process.
 */
function preferClassAnswers<T extends { entry: KnowledgeEntry; score: number; confidence: number }>(
  hits: T[],
  reading: ClassReading | undefined,
  compared: CustomerClass[],
): void {
  const [top] = hits;
  if (!top || top.entry.byClass || (!reading && compared.length < 2)) return;
  // "拖了两个礼拜还不给通电 这算不算违规": a conduct rule asked about is no time limit's overview; nor
  // is another time limit ("我家电表不准想让你们测一下…要多少天": the meter test's, not the plan's).
  if (top.entry.category === CONDUCT_CATEGORY || top.entry.category === TIME_LIMITS_CATEGORY) return;
  const at = hits.findIndex((hit) => hit.entry.byClass);
  const byClass = hits[at];
  // Nearly as close by the ranking and by the confidence: "家里 …改个户名又是多久" asks no time
  // limit of a connection, however near its words rank it.
  if (
    !byClass ||
    byClass.score < top.score * CLASS_ENTRY_MIN_SHARE ||
    byClass.confidence < top.confidence * CLASS_ENTRY_MIN_SHARE
  )
    return;
  hits.splice(at, 1);
  hits.unshift(byClass);
}

/** How many Chinese characters a text has. */
function hanChars(text: string): number {
  return text.match(/\p{Script=Han}/gu)?.length ?? 0;
}

type Reading = ReturnType<typeof readCustomerClass>;

/** The reading of the mended text where it finds a class the text as written does not, or a narrower one. */
function refinedByMending(asWritten: Reading, mended: () => Reading): Reading {
  if (asWritten.compared.length > 0) return asWritten;
  const written = asWritten.reading?.customerClass;
  if (written && written !== 'high_voltage' && written !== 'non_resident') return asWritten;
  const other = mended();
  if (!written) return other.reading || other.compared.length > 0 ? other : asWritten;
  const narrower = other.reading && CLASS_FALLBACK[other.reading.customerClass].includes(written);
  return narrower ? other : asWritten;
}
