import type { DraftRow, KbStore, KbVersion, StoredEntry } from '../../db/kb-store.js';
import { contentHash, type FiledEntry, type KnowledgeContent } from '../../knowledge/content.js';
import { entrySchema, type KnowledgeEntry } from '../../knowledge/knowledge-base.js';

/** Who wrote the seed version (the shipped YAML). */
export const SYSTEM = 'system';
export const SEED_NOTE = '随程序发布的知识库（knowledge/entries/*.yaml）';

/** How an entry of the draft view stands against the latest published version. */
export type EntryStatus = 'published' | 'changed' | 'added' | 'removed';

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
  });
  const seeded = await kb.latestVersion();
  if (!seeded) throw new Error('the knowledge base version 1 was not written');
  return seeded;
}

const entryOf = (data: unknown): KnowledgeEntry => entrySchema.parse(data);

/** A published version's content, with each entry's last change. */
export async function versionContent(kb: KbStore, number: number) {
  const [stored, outOfScope] = await Promise.all([kb.versionEntries(number), kb.versionOutOfScope(number)]);
  const entries = stored.map((row) => ({ ...row, entry: entryOf(row.data) }));
  return { entries, outOfScope };
}

/**
 * The draft as staff see it: every entry of the latest version, with the draft's changes, additions
 * and removals over it marked; the out-of-scope examples with the draft's additions.
 */
export async function draftView(kb: KbStore) {
  const latest = await kb.latestVersion();
  if (!latest) throw new Error('the knowledge base has no version yet');
  const [published, rows, addedOutOfScope] = await Promise.all([
    versionContent(kb, latest.number),
    kb.draftRows(),
    kb.draftOutOfScope(),
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
    /** Whether the draft differs from the latest version. */
    changed: rows.length > 0 || addedOutOfScope.length > 0,
  };
}

/** The content the draft would publish (removed entries left out). */
export function draftContent(view: Awaited<ReturnType<typeof draftView>>): KnowledgeContent {
  return {
    entries: view.entries.filter((e) => e.status !== 'removed').map(({ file, entry }) => ({ file, entry })),
    outOfScope: view.outOfScope,
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
  input: { note: string; by: string; now: Date; check: (content: KnowledgeContent) => void },
): Promise<{ version: number; content: KnowledgeContent } | 'nothing_to_publish' | undefined> {
  const view = await draftView(kb);
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
    clearDraftUpTo: input.now,
  });
  return written ? { version: number, content } : undefined;
}

/** A new version equal to an earlier one (the draft is kept). Undefined when the number was taken. */
export async function rollBack(
  kb: KbStore,
  input: { to: number; by: string; now: Date },
): Promise<{ version: number } | 'no_such_version' | undefined> {
  const [target, latest] = await Promise.all([kb.version(input.to), kb.latestVersion()]);
  if (!target || !latest) return 'no_such_version';
  const { entries, outOfScope } = await versionContent(kb, input.to);
  const number = latest.number + 1;
  const written = await kb.writeVersion({
    number,
    hash: target.hash,
    note: `回滚到第 ${input.to} 版`,
    createdBy: input.by,
    createdAt: input.now,
    restoredFrom: input.to,
    entries: storedEntries(entries),
    outOfScope,
  });
  return written ? { version: number } : undefined;
}
