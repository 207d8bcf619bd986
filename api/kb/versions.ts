import type { DraftConceptRow, DraftRow, KbStore, KbVersion, StoredEntry } from '../../db/kb-store.js';
import { type Concept, type ConceptList, conceptsFrom } from '../../knowledge/concepts.js';
import { contentHash, type FiledEntry, type KnowledgeContent } from '../../knowledge/content.js';
import { entrySchema, type KnowledgeEntry } from '../../knowledge/knowledge-base.js';

/** Who wrote the seed version (the shipped YAML). */
export const SYSTEM = 'system';
export const SEED_NOTE = '随程序发布的知识库（knowledge/entries/*.yaml）';

/** How an entry of the draft view stands against the latest published version. */
export type EntryStatus = 'published' | 'changed' | 'added' | 'removed';

export interface ViewConcept {
  concept: Concept;
  /** Set where the draft changed, added or removed the concept: who and when. */
  updatedAt?: Date;
  updatedBy?: string;
  status: EntryStatus;
}

export interface ViewEntry {
  file: string;
  entry: KnowledgeEntry;
  updatedAt: Date;
  updatedBy: string;
  status: EntryStatus;
}

/** The shipped content as version 1 of an empty database; the newest version otherwise. */
/** A published version as the API and the console show it. */
export function versionView(v: KbVersion) {
  return {
    version: v.number,
    note: v.note,
    createdBy: v.createdBy,
    createdAt: v.createdAt.toISOString(),
    ...(v.restoredFrom === null ? {} : { restoredFrom: v.restoredFrom }),
  };
}

export async function ensureSeeded(
  kb: KbStore,
  shipped: { content: KnowledgeContent; hash: string },
  now: Date,
): Promise<KbVersion> {
  const latest = await kb.latestVersion();
  if (latest) return latest;
  // Two first requests at once (two Workers isolates): one writes version 1, the other reads it.
  await kb.writeVersion({
    number: 1,
    hash: shipped.hash,
    note: SEED_NOTE,
    createdBy: SYSTEM,
    createdAt: now,
    entries: shipped.content.entries.map(({ file, entry }) => ({
      entryId: entry.id,
      file,
      data: entry,
      updatedAt: now,
      updatedBy: SYSTEM,
    })),
    outOfScope: shipped.content.outOfScope,
    concepts: shipped.content.concepts,
  });
  const seeded = await kb.latestVersion();
  if (!seeded) throw new Error('the knowledge base version 1 was not written');
  return seeded;
}

const entryOf = (data: unknown): KnowledgeEntry => entrySchema.parse(data);

/** One concept's variants as stored (checked as knowledge/concepts.yaml is). */
const variantsOf = (term: string, data: unknown): readonly string[] =>
  (conceptsFrom({ [term]: data })[0] as Concept).variants;

/**
 * A published version's content, with each entry's last change. A version written before its
 * concepts were stored (migration 0015) has none stored: it has the shipped concepts, `shipped`.
 */
export async function versionContent(kb: KbStore, number: number, shipped: ConceptList) {
  const [stored, outOfScope, storedConcepts] = await Promise.all([
    kb.versionEntries(number),
    kb.versionOutOfScope(number),
    kb.versionConcepts(number),
  ]);
  const entries = stored.map((row) => ({ ...row, entry: entryOf(row.data) }));
  const concepts: ConceptList =
    storedConcepts.length === 0
      ? shipped
      : storedConcepts.map(({ term, variants }) => ({ term, variants: variantsOf(term, variants) }));
  return { entries, outOfScope, concepts };
}

/** The published concepts with the draft's changes over them (a new concept at the end). */
function draftConceptsView(published: ConceptList, rows: readonly DraftConceptRow[]): ViewConcept[] {
  const draft = new Map(rows.map((row) => [row.term, row]));
  const out: ViewConcept[] = published.map((concept) => {
    const change = draft.get(concept.term);
    draft.delete(concept.term);
    if (!change) return { concept, status: 'published' };
    const by = { updatedAt: change.updatedAt, updatedBy: change.updatedBy };
    return change.variants === null
      ? { concept, ...by, status: 'removed' }
      : {
          concept: { term: concept.term, variants: variantsOf(concept.term, change.variants) },
          ...by,
          status: 'changed',
        };
  });
  for (const row of draft.values())
    if (row.variants !== null)
      out.push({
        concept: { term: row.term, variants: variantsOf(row.term, row.variants) },
        updatedAt: row.updatedAt,
        updatedBy: row.updatedBy,
        status: 'added',
      });
  return out;
}

/**
 * The draft as staff see it: every entry and concept of the latest version, with the draft's
 * changes, additions and removals over it marked; the out-of-scope examples with the draft's
 * additions. `shipped`: the concepts of a version stored without any (before migration 0015).
 */
export async function draftView(kb: KbStore, shipped: ConceptList) {
  const latest = await kb.latestVersion();
  if (!latest) throw new Error('the knowledge base has no version yet');
  const [published, rows, addedOutOfScope, conceptRows] = await Promise.all([
    versionContent(kb, latest.number, shipped),
    kb.draftRows(),
    kb.draftOutOfScope(),
    kb.draftConcepts(),
  ]);
  const draft = new Map<string, DraftRow>(rows.map((row) => [row.entryId, row]));
  const entries: ViewEntry[] = published.entries.map((row) => {
    const change = draft.get(row.entryId);
    draft.delete(row.entryId);
    if (!change)
      return {
        file: row.file,
        entry: row.entry,
        updatedAt: row.updatedAt,
        updatedBy: row.updatedBy,
        status: 'published',
      };
    return {
      file: change.file,
      entry: change.data === null ? row.entry : entryOf(change.data),
      updatedAt: change.updatedAt,
      updatedBy: change.updatedBy,
      status: change.data === null ? 'removed' : 'changed',
    };
  });
  // Entries new in the draft (a removed new entry is simply gone).
  for (const row of draft.values())
    if (row.data !== null)
      entries.push({
        file: row.file,
        entry: entryOf(row.data),
        updatedAt: row.updatedAt,
        updatedBy: row.updatedBy,
        status: 'added',
      });
  const outOfScope = [
    ...published.outOfScope,
    ...addedOutOfScope.filter((t) => !published.outOfScope.includes(t)),
  ];
  return {
    version: latest,
    entries,
    outOfScope,
    concepts: draftConceptsView(published.concepts, conceptRows),
    /** Whether the draft differs from the latest version (entries, out-of-scope examples, concepts). */
    changed: rows.length > 0 || addedOutOfScope.length > 0 || conceptRows.length > 0,
  };
}

/** The content the draft would publish (removed entries and concepts left out). */
export function draftContent(view: Awaited<ReturnType<typeof draftView>>): KnowledgeContent {
  return {
    entries: view.entries.filter((e) => e.status !== 'removed').map(({ file, entry }) => ({ file, entry })),
    outOfScope: view.outOfScope,
    concepts: view.concepts.filter((c) => c.status !== 'removed').map(({ concept }) => concept),
  };
}

/** The stored rows of a content, each entry keeping its last change. */
function storedEntries(
  entries: readonly (FiledEntry & { updatedAt: Date; updatedBy: string })[],
): StoredEntry[] {
  return entries.map(({ file, entry, updatedAt, updatedBy }) => ({
    entryId: entry.id,
    file,
    data: entry,
    updatedAt,
    updatedBy,
  }));
}

/**
 * Publishes the draft as the next version (the draft is emptied in the same write). `check` throws
 * when the content would not build (ids, placeholders). Undefined when another publish took the
 * number first.
 */
export async function publishDraft(
  kb: KbStore,
  input: {
    note: string;
    by: string;
    now: Date;
    check: (content: KnowledgeContent) => void;
    /** The concepts of a version stored without any (before migration 0015). */
    shipped: ConceptList;
  },
): Promise<{ version: number; content: KnowledgeContent } | 'nothing_to_publish' | undefined> {
  const view = await draftView(kb, input.shipped);
  if (!view.changed) return 'nothing_to_publish';
  const content = draftContent(view);
  input.check(content);
  const number = view.version.number + 1;
  const written = await kb.writeVersion({
    number,
    hash: contentHash(content),
    note: input.note,
    createdBy: input.by,
    createdAt: input.now,
    entries: storedEntries(view.entries.filter((e) => e.status !== 'removed')),
    outOfScope: content.outOfScope,
    concepts: content.concepts,
    clearDraftUpTo: input.now,
  });
  return written ? { version: number, content } : undefined;
}

/**
 * A new version equal to an earlier one (the draft is kept). Undefined when the number was taken.
 * Its hash is computed again: a version stored before its concepts were (migration 0015) has the
 * shipped concepts written out and a hash that covers them.
 */
export async function rollBack(
  kb: KbStore,
  input: { to: number; by: string; now: Date; shipped: ConceptList },
): Promise<{ version: number } | 'no_such_version' | undefined> {
  const [target, latest] = await Promise.all([kb.version(input.to), kb.latestVersion()]);
  if (!target || !latest) return 'no_such_version';
  const { entries, outOfScope, concepts } = await versionContent(kb, input.to, input.shipped);
  const number = latest.number + 1;
  const written = await kb.writeVersion({
    number,
    hash: contentHash({ entries, outOfScope, concepts }),
    note: `回滚到第 ${input.to} 版`,
    createdBy: input.by,
    createdAt: input.now,
    restoredFrom: input.to,
    entries: storedEntries(entries),
    outOfScope,
    concepts,
  });
  return written ? { version: number } : undefined;
}
