import { pinyin } from 'pinyin-pro';
import { z } from 'zod';
import type { KbStore } from '../../db/kb-store.js';
import { CUSTOMER_CLASSES } from '../../knowledge/customer-class.js';
import {
  type KnowledgeEntry,
  knowledgeBaseFromEntries,
  type LocalFacts,
} from '../../knowledge/knowledge-base.js';
import { badRequest } from '../errors.js';
import type { ViewEntry } from './versions.js';

/** The file of knowledge/entries a new entry of an unknown category is exported to. */
export const OPERATOR_FILE = 'operator.yaml';
const TEXT_MAX = 4000;
/** The longest id made from a title. */
const ID_LENGTH = 48;

const examples = z.array(z.string().trim().min(1).max(200)).min(3).max(500);
const classAnswers = z.partialRecord(z.enum(CUSTOMER_CLASSES), z.string().trim().min(1).max(TEXT_MAX));

/** `PUT /v1/kb/entries/:id`: any of these fields. */
export const entryChange = z.strictObject({
  title: z.string().trim().min(1).max(100).optional(),
  category: z.string().trim().min(1).max(50).optional(),
  clause: z.string().trim().max(50).optional(),
  answer: z.string().trim().min(1).max(TEXT_MAX).optional(),
  examples: examples.optional(),
  classAnswers: classAnswers.nullable().optional(),
});

/** `POST /v1/kb/entries`. */
export const newEntry = z.strictObject({
  title: z.string().trim().min(1).max(100),
  category: z.string().trim().min(1).max(50),
  answer: z.string().trim().min(1).max(TEXT_MAX),
  examples,
  clause: z.string().trim().max(50).optional(),
});

/** An entry as the API shows it (the contract's names: `examples`, `classAnswers`). */
export function entryView(view: ViewEntry) {
  const { entry } = view;
  return {
    id: entry.id,
    title: entry.title,
    category: entry.category,
    clause: entry.clause,
    answer: entry.answer,
    examples: entry.questions,
    ...(entry.byClass ? { classAnswers: entry.byClass } : {}),
    updatedAt: view.updatedAt.toISOString(),
    updatedBy: view.updatedBy,
    /** How the draft stands against the published version (`published`: no draft change). */
    status: view.status,
    draft: view.status !== 'published',
  };
}

/** The entry with a change applied. */
export function changedEntry(entry: KnowledgeEntry, change: z.infer<typeof entryChange>): KnowledgeEntry {
  const next: KnowledgeEntry = { ...entry };
  if (change.title !== undefined) next.title = change.title;
  if (change.category !== undefined) next.category = change.category;
  if (change.clause !== undefined) next.clause = change.clause;
  if (change.answer !== undefined) next.answer = change.answer;
  if (change.examples !== undefined) next.questions = change.examples;
  if (change.classAnswers === null) delete next.byClass;
  else if (change.classAnswers !== undefined) next.byClass = change.classAnswers;
  return next;
}

/**
 * Refuses an entry whose texts use a local fact ({{name}}) that does not exist: 400 naming the
 * field, nothing stored.
 */
export function checkEntry(entry: KnowledgeEntry, facts: LocalFacts): void {
  try {
    knowledgeBaseFromEntries([entry], facts);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const field = Object.values(entry.byClass ?? {}).some(
      (text) => message.includes('{{') && /\{\{/.test(text),
    )
      ? 'classAnswers'
      : 'answer';
    throw badRequest('invalid_field', `${field}: ${message}`, field);
  }
}

/** An id from the title: its pinyin (`ran-qi-fei-zen-me-jiao`), cut short, made unique. */
export function idFromTitle(title: string, taken: (id: string) => boolean): string {
  const syllables = pinyin(title, { toneType: 'none', type: 'array', nonZh: 'consecutive' })
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  // Cut at a syllable's end when long.
  const base =
    syllables.length <= ID_LENGTH ? syllables : syllables.slice(0, ID_LENGTH).replace(/-[^-]*$/, '');
  let id = base || 'entry';
  for (let n = 2; taken(id) || id === 'unknown'; n++) id = `${base}-${n}`;
  return id;
}

/** The file a new entry goes to: that of another entry of its category, else the operator's file. */
export function fileForCategory(category: string, entries: readonly ViewEntry[]): string {
  return entries.find((e) => e.entry.category === category)?.file ?? OPERATOR_FILE;
}

/** Adds a question as an example of an entry in the draft (a review-queue question resolved). */
export async function addExampleToDraft(
  kb: KbStore,
  view: ViewEntry,
  question: string,
  by: string,
  now: Date,
): Promise<void> {
  const questions = view.entry.questions.includes(question)
    ? view.entry.questions
    : [...view.entry.questions, question];
  await kb.putDraftRow({
    entryId: view.entry.id,
    file: view.file,
    data: { ...view.entry, questions },
    updatedAt: now,
    updatedBy: by,
  });
}
