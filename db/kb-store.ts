import { and, asc, desc, eq, isNotNull, isNull, lte, sql } from 'drizzle-orm';
import { atomic, type Db, isUniqueViolation, type Statement } from './handle.js';
import {
  kbDraftConcepts,
  kbDraftEntries,
  kbDraftOutOfScope,
  kbUnanswered,
  kbVersionConcepts,
  kbVersionEntries,
  kbVersionOutOfScope,
  kbVersions,
} from './schema.js';

export type KbVersion = typeof kbVersions.$inferSelect;
export type UnansweredRow = typeof kbUnanswered.$inferSelect;
export type UnansweredReason = UnansweredRow['reason'];

/** An entry as stored: its JSON (checked by the caller), its file, who changed it last and when. */
export interface StoredEntry {
  entryId: string;
  file: string;
  data: unknown;
  updatedAt: Date;
  updatedBy: string;
}

/** A draft row: an entry changed or added (`data`), or removed (`data` null). */
export interface DraftRow {
  entryId: string;
  file: string;
  data: unknown | null;
  updatedAt: Date;
  updatedBy: string;
}

/** A concept as stored: its term and variants (checked by the caller). */
export interface StoredConcept {
  term: string;
  variants: unknown;
}

/** A draft concept row: a concept added or changed (`variants`), or removed (`variants` null). */
export interface DraftConceptRow {
  term: string;
  variants: unknown | null;
  updatedAt: Date;
  updatedBy: string;
}

export interface NewVersion {
  number: number;
  hash: string;
  note: string;
  createdBy: string;
  createdAt: Date;
  restoredFrom?: number;
  entries: readonly StoredEntry[];
  outOfScope: readonly string[];
  concepts: readonly { term: string; variants: readonly string[] }[];
  /** Publishing: the draft rows changed up to this instant are emptied in the same write. */
  clearDraftUpTo?: Date;
}

/**
 * The knowledge base's versions, draft and review queue (db/schema.ts `kb_*`). Every read is one
 * indexed query; a version is written in one atomic unit (rows chunked under D1's limits).
 */
export interface KbStore {
  /** The newest version (one primary-key query), or undefined on an empty database. */
  latestVersion(): Promise<KbVersion | undefined>;
  version(number: number): Promise<KbVersion | undefined>;
  /** Newest first. */
  versions(limit: number): Promise<KbVersion[]>;
  versionEntries(number: number): Promise<StoredEntry[]>;
  versionOutOfScope(number: number): Promise<string[]>;
  /**
   * The version's concepts in order; none for a version written before migration 0015 (the caller
   * reads that as the shipped concepts).
   */
  versionConcepts(number: number): Promise<StoredConcept[]>;
  /** False when the number is taken (another publish won): nothing is written then. */
  writeVersion(version: NewVersion): Promise<boolean>;
  draftRows(): Promise<DraftRow[]>;
  draftRow(entryId: string): Promise<DraftRow | undefined>;
  putDraftRow(row: DraftRow): Promise<void>;
  draftOutOfScope(): Promise<string[]>;
  addDraftOutOfScope(text: string, at: Date, by: string): Promise<void>;
  /** The concepts changed in the draft, oldest change first. */
  draftConcepts(): Promise<DraftConceptRow[]>;
  putDraftConcept(row: DraftConceptRow): Promise<void>;
  /** One upsert: a new question, or one more of a near-duplicate (count, latest wording, lastAt). */
  recordUnanswered(question: {
    key: string;
    text: string;
    reason: UnansweredReason;
    at: Date;
  }): Promise<void>;
  /** The open questions, most recent or most frequent first. */
  openUnanswered(order: 'recent' | 'frequent', limit: number): Promise<UnansweredRow[]>;
  unanswered(id: number): Promise<UnansweredRow | undefined>;
  resolveUnanswered(id: number, entryId: string | null, at: Date, by: string): Promise<void>;
  /** Questions resolved onto an entry: regression questions of the preview. */
  resolvedQuestions(): Promise<{ text: string; entryId: string }[]>;
}

/** D1 binds at most 100 parameters to a statement and a statement stays under 100 kB. */
const MAX_PARAMS = 100;
const MAX_STATEMENT_BYTES = 60_000;

/** Rows split so that each insert stays within the parameter and size limits. */
function chunks<T>(rows: readonly T[], columns: number, size: (row: T) => number): T[][] {
  const out: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const row of rows) {
    const rowBytes = size(row);
    if (
      current.length > 0 &&
      ((current.length + 1) * columns > MAX_PARAMS || bytes + rowBytes > MAX_STATEMENT_BYTES)
    ) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(row);
    bytes += rowBytes;
  }
  if (current.length > 0) out.push(current);
  return out;
}

const parseData = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

export function createSqliteKbStore(db: Db): KbStore {
  return {
    async latestVersion() {
      const [row] = await db.select().from(kbVersions).orderBy(desc(kbVersions.number)).limit(1).all();
      return row;
    },
    async version(number) {
      const [row] = await db.select().from(kbVersions).where(eq(kbVersions.number, number)).all();
      return row;
    },
    async versions(limit) {
      return db.select().from(kbVersions).orderBy(desc(kbVersions.number)).limit(limit).all();
    },
    async versionEntries(number) {
      const rows = await db
        .select()
        .from(kbVersionEntries)
        .where(eq(kbVersionEntries.version, number))
        .orderBy(asc(kbVersionEntries.position))
        .all();
      return rows.map((row) => ({
        entryId: row.entryId,
        file: row.file,
        data: parseData(row.data),
        updatedAt: row.updatedAt,
        updatedBy: row.updatedBy,
      }));
    },
    async versionOutOfScope(number) {
      const rows = await db
        .select({ text: kbVersionOutOfScope.text })
        .from(kbVersionOutOfScope)
        .where(eq(kbVersionOutOfScope.version, number))
        .orderBy(asc(kbVersionOutOfScope.position))
        .all();
      return rows.map((row) => row.text);
    },
    async versionConcepts(number) {
      const rows = await db
        .select({ term: kbVersionConcepts.term, variants: kbVersionConcepts.variants })
        .from(kbVersionConcepts)
        .where(eq(kbVersionConcepts.version, number))
        .orderBy(asc(kbVersionConcepts.position))
        .all();
      return rows.map((row) => ({ term: row.term, variants: parseData(row.variants) }));
    },
    async writeVersion(version) {
      const entryRows = version.entries.map((entry, position) => ({
        version: version.number,
        entryId: entry.entryId,
        position,
        file: entry.file,
        data: JSON.stringify(entry.data),
        updatedAt: entry.updatedAt,
        updatedBy: entry.updatedBy,
      }));
      const outOfScopeRows = version.outOfScope.map((text, position) => ({
        version: version.number,
        position,
        text,
      }));
      const conceptRows = version.concepts.map(({ term, variants }, position) => ({
        version: version.number,
        position,
        term,
        variants: JSON.stringify(variants),
      }));
      const statements: Statement[] = [
        db.insert(kbVersions).values({
          number: version.number,
          hash: version.hash,
          note: version.note,
          createdBy: version.createdBy,
          createdAt: version.createdAt,
          restoredFrom: version.restoredFrom ?? null,
        }),
        ...chunks(entryRows, 7, (row) => row.data.length * 3 + 200).map((rows) =>
          db.insert(kbVersionEntries).values(rows),
        ),
        ...chunks(outOfScopeRows, 3, (row) => row.text.length * 3 + 50).map((rows) =>
          db.insert(kbVersionOutOfScope).values(rows),
        ),
        ...chunks(conceptRows, 4, (row) => (row.term.length + row.variants.length) * 3 + 50).map((rows) =>
          db.insert(kbVersionConcepts).values(rows),
        ),
      ];
      if (version.clearDraftUpTo) {
        statements.push(
          db.delete(kbDraftEntries).where(lte(kbDraftEntries.updatedAt, version.clearDraftUpTo)),
        );
        statements.push(
          db.delete(kbDraftOutOfScope).where(lte(kbDraftOutOfScope.addedAt, version.clearDraftUpTo)),
        );
        statements.push(
          db.delete(kbDraftConcepts).where(lte(kbDraftConcepts.updatedAt, version.clearDraftUpTo)),
        );
      }
      try {
        await atomic(db, statements as [Statement, ...Statement[]]);
        return true;
      } catch (error) {
        if (isUniqueViolation(error, 'kb_versions.number')) return false;
        throw error;
      }
    },
    async draftRows() {
      const rows = await db.select().from(kbDraftEntries).orderBy(asc(kbDraftEntries.updatedAt)).all();
      return rows.map((row) => ({ ...row, data: parseData(row.data) }));
    },
    async draftRow(entryId) {
      const [row] = await db.select().from(kbDraftEntries).where(eq(kbDraftEntries.entryId, entryId)).all();
      return row && { ...row, data: parseData(row.data) };
    },
    async putDraftRow(row) {
      const values = {
        entryId: row.entryId,
        file: row.file,
        data: row.data === null ? null : JSON.stringify(row.data),
        updatedAt: row.updatedAt,
        updatedBy: row.updatedBy,
      };
      await db
        .insert(kbDraftEntries)
        .values(values)
        .onConflictDoUpdate({
          target: kbDraftEntries.entryId,
          set: {
            file: values.file,
            data: values.data,
            updatedAt: values.updatedAt,
            updatedBy: values.updatedBy,
          },
        })
        .run();
    },
    async draftOutOfScope() {
      const rows = await db
        .select({ text: kbDraftOutOfScope.text })
        .from(kbDraftOutOfScope)
        .orderBy(asc(kbDraftOutOfScope.addedAt))
        .all();
      return rows.map((row) => row.text);
    },
    async addDraftOutOfScope(text, at, by) {
      await db
        .insert(kbDraftOutOfScope)
        .values({ text, addedAt: at, addedBy: by })
        .onConflictDoNothing()
        .run();
    },
    async draftConcepts() {
      const rows = await db.select().from(kbDraftConcepts).orderBy(asc(kbDraftConcepts.updatedAt)).all();
      return rows.map((row) => ({ ...row, variants: parseData(row.variants) }));
    },
    async putDraftConcept(row) {
      const values = {
        term: row.term,
        variants: row.variants === null ? null : JSON.stringify(row.variants),
        updatedAt: row.updatedAt,
        updatedBy: row.updatedBy,
      };
      await db
        .insert(kbDraftConcepts)
        .values(values)
        .onConflictDoUpdate({
          target: kbDraftConcepts.term,
          set: { variants: values.variants, updatedAt: values.updatedAt, updatedBy: values.updatedBy },
        })
        .run();
    },
    async recordUnanswered({ key, text, reason, at }) {
      await db
        .insert(kbUnanswered)
        .values({ key, text, reason, count: 1, firstAt: at, lastAt: at })
        .onConflictDoUpdate({
          target: kbUnanswered.key,
          // Asked again after it was resolved: back in the queue (the resolution is kept for the preview).
          set: { text, reason, count: sql`${kbUnanswered.count} + 1`, lastAt: at, resolvedAt: null },
        })
        .run();
    },
    async openUnanswered(order, limit) {
      return db
        .select()
        .from(kbUnanswered)
        .where(isNull(kbUnanswered.resolvedAt))
        .orderBy(
          ...(order === 'recent'
            ? [desc(kbUnanswered.lastAt), desc(kbUnanswered.id)]
            : [desc(kbUnanswered.count), desc(kbUnanswered.lastAt)]),
        )
        .limit(limit)
        .all();
    },
    async unanswered(id) {
      const [row] = await db.select().from(kbUnanswered).where(eq(kbUnanswered.id, id)).all();
      return row;
    },
    async resolveUnanswered(id, entryId, at, by) {
      await db
        .update(kbUnanswered)
        .set({ resolvedAt: at, resolvedBy: by, resolvedEntryId: entryId })
        .where(eq(kbUnanswered.id, id))
        .run();
    },
    async resolvedQuestions() {
      const rows = await db
        .select({ text: kbUnanswered.text, entryId: kbUnanswered.resolvedEntryId })
        .from(kbUnanswered)
        .where(and(isNotNull(kbUnanswered.resolvedEntryId)))
        .all();
      return rows.map((row) => ({ text: row.text, entryId: row.entryId as string }));
    },
  };
}
