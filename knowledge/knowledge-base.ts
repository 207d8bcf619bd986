import { parse } from 'yaml';
import { z } from 'zod';
import { CLASS_FALLBACK, CUSTOMER_CLASSES, type CustomerClass } from './customer-class.js';

export const entrySchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  title: z.string().min(1),
  category: z.string().min(1),
  /** The service standard's clause the answer rests on; empty for an operator's own answer (no citation). */
  clause: z.string(),
  answer: z.string().min(1),
  byClass: z.partialRecord(z.enum(CUSTOMER_CLASSES), z.string().min(1)).optional(),
  /**
   * The part of the answer a question asks when it names one case the answer covers ("交电费几分钟":
   * the payment line of the counter times): chosen when the question has a `when` word and no
   * `except` word (which asks for the rest too).
   */
  narrowed: z
    .array(
      z.object({
        when: z.array(z.string().min(1)).min(1),
        except: z.array(z.string().min(1)).default([]),
        answer: z.string().min(1),
      }),
    )
    .optional(),
  questions: z.array(z.string().min(1)).min(3),
});
export type KnowledgeEntry = z.infer<typeof entrySchema>;

const localFactsSchema = z.record(z.string(), z.object({ example: z.boolean(), value: z.string().min(1) }));
export type LocalFacts = z.infer<typeof localFactsSchema>;

export interface KnowledgeSource {
  /** Entry files: name (for error messages) and YAML text. */
  entryFiles: readonly { name: string; text: string }[];
  localFactsText: string;
  /** Facts derived from other operator data (the tariff), added to the local facts. */
  derivedFacts?: LocalFacts;
}

export interface KnowledgeBase {
  readonly entries: readonly KnowledgeEntry[];
  byId(id: string): KnowledgeEntry | undefined;
  /**
   * The customer-facing answer: the class's own answer where the entry has one, else the part the
   * question (normalised) asks where the entry narrows to it, local facts filled in.
   */
  answer(entry: KnowledgeEntry, customerClass?: CustomerClass, question?: string): string;
}

export const EXAMPLE_NOTE = '（以上为示例信息，请以当地供电公司公布为准，也可拨打95598咨询）';

/**
 * The same sources with their YAML already parsed (at build time, for a bundle that reads no
 * files): each entry file's document, and the local facts' document.
 */
export interface KnowledgeData {
  entryFiles: readonly { name: string; entries: unknown }[];
  localFacts: unknown;
  derivedFacts?: LocalFacts;
}

/** Parses and checks the curated entries; a broken entry stops start-up with its file and id. */
export function parseKnowledgeBase(source: KnowledgeSource): KnowledgeBase {
  return knowledgeBaseFromData({
    entryFiles: source.entryFiles.map((file) => ({ name: file.name, entries: parse(file.text) })),
    localFacts: parse(source.localFactsText),
    derivedFacts: source.derivedFacts,
  });
}

/** Checks the parsed entries (both runtimes): a broken entry stops start-up with its file and id. */
export function knowledgeBaseFromData(data: KnowledgeData): KnowledgeBase {
  return knowledgeBaseFromEntries(
    entriesOfFiles(data.entryFiles).map(({ entry }) => entry),
    localFactsFrom(data.localFacts, data.derivedFacts),
  );
}

/** The local facts' document checked, with the derived facts (the tariff's) added. */
export function localFactsFrom(localFacts: unknown, derivedFacts?: LocalFacts): LocalFacts {
  return { ...localFactsSchema.parse(localFacts), ...derivedFacts };
}

/** Each entry file's entries checked, folded lines joined, with the file they came from. */
export function entriesOfFiles(
  entryFiles: KnowledgeData['entryFiles'],
): { file: string; entry: KnowledgeEntry }[] {
  const entries: { file: string; entry: KnowledgeEntry }[] = [];
  for (const file of entryFiles) {
    const parsed = z.array(entrySchema).safeParse(file.entries);
    if (!parsed.success) throw new Error(`knowledge file ${file.name} is invalid: ${parsed.error.message}`);
    for (const entry of parsed.data) entries.push({ file: file.name, entry: withJoinedLines(entry) });
  }
  return entries;
}

function withJoinedLines(entry: KnowledgeEntry): KnowledgeEntry {
  const joined: KnowledgeEntry = { ...entry, answer: joinFoldedLines(entry.answer) };
  if (entry.byClass)
    joined.byClass = Object.fromEntries(
      Object.entries(entry.byClass).map(([k, v]) => [k, joinFoldedLines(v)]),
    );
  else delete joined.byClass;
  return joined;
}

/**
 * A knowledge base of checked entries (ids unique, every placeholder a known fact); throws naming
 * the entry otherwise. The database's versions are built with it as the files are.
 */
export function knowledgeBaseFromEntries(
  entries: readonly KnowledgeEntry[],
  facts: LocalFacts,
): KnowledgeBase {
  const index = new Map<string, KnowledgeEntry>();
  for (const entry of entries) {
    if (index.has(entry.id)) throw new Error(`knowledge entry id ${entry.id} is used twice`);
    for (const text of [
      entry.answer,
      ...Object.values(entry.byClass ?? {}),
      ...(entry.narrowed ?? []).map((part) => part.answer),
    ])
      checkPlaceholders(entry.id, text, facts);
    index.set(entry.id, entry);
  }
  return {
    entries,
    byId: (id) => index.get(id),
    answer(entry, customerClass, question) {
      const classAnswer = customerClass
        ? CLASS_FALLBACK[customerClass].map((c) => entry.byClass?.[c]).find((text) => text !== undefined)
        : undefined;
      const narrowed =
        question === undefined
          ? undefined
          : entry.narrowed?.find(
              (part) =>
                part.when.some((word) => mentions(question, word)) &&
                !part.except.some((word) => mentions(withoutAOrNotA(question), word)),
            )?.answer;
      return fillLocalFacts(classAnswer ?? narrowed ?? entry.answer, facts);
    },
  };
}

/**
 * Whether a question says a word of a narrowed answer's list; "交…电费" allows a few characters
 * between its parts ("交个家里的电费").
 */
function mentions(question: string, word: string): boolean {
  if (!word.includes('…')) return question.includes(word);
  const parts = word.split('…').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(parts.join(`.{0,${NARROWED_GAP}}`)).test(question);
}
/**
 * The question without its "是不是 / 能不能 / 要不要" (a yes-no question, not a negation): "按规定是不是
 * 几分钟就得办完" says no 不是 that would ask for the rest.
 */
function withoutAOrNotA(question: string): string {
  return question.replace(/(\p{Script=Han})不\1/gu, '');
}

/** Characters allowed between the parts of "交…电费". */
const NARROWED_GAP = 5;

/** YAML folds a long answer's lines with a space; Chinese text has none between characters. */
const FOLDED_SPACE =
  /(?<=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])\s+(?=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])/g;

function joinFoldedLines(text: string): string {
  return text.replace(FOLDED_SPACE, '');
}

const PLACEHOLDER = /\{\{(\w+)\}\}/g;

function checkPlaceholders(id: string, text: string, facts: LocalFacts): void {
  for (const [, name] of text.matchAll(PLACEHOLDER)) {
    if (!name || !facts[name]) throw new Error(`knowledge entry ${id} uses unknown local fact {{${name}}}`);
  }
}

function fillLocalFacts(text: string, facts: LocalFacts): string {
  let usesExample = false;
  const filled = text.replace(PLACEHOLDER, (_, name: string) => {
    const fact = facts[name];
    if (!fact) return '';
    usesExample ||= fact.example;
    return fact.value;
  });
  return usesExample ? `${filled}${EXAMPLE_NOTE}` : filled;
}
