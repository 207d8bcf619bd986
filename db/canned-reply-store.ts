import { asc, eq } from 'drizzle-orm';
import type { Db } from './handle.js';
import { cannedReplies } from './schema.js';

export type CannedReply = typeof cannedReplies.$inferSelect;

/** The canned replies (快捷回复) staff insert into the reply box; see `cannedReplies` in ./schema.ts. */
export interface CannedReplyStore {
  /** By title (then id), at most `limit`. */
  list(limit: number): Promise<CannedReply[]>;
  get(id: string): Promise<CannedReply | undefined>;
  create(reply: CannedReply): Promise<void>;
  /** The changed title and text; undefined when there is no such reply. */
  update(
    id: string,
    change: Partial<Pick<CannedReply, 'title' | 'text'>> & Pick<CannedReply, 'updatedAt' | 'updatedBy'>,
  ): Promise<CannedReply | undefined>;
  /** True when a reply was removed. */
  remove(id: string): Promise<boolean>;
}

/** The canned-reply store on either driver (better-sqlite3 or D1): see `Db` in ./handle.ts. */
export function createSqliteCannedReplyStore(db: Db): CannedReplyStore {
  return {
    async list(limit) {
      return db
        .select()
        .from(cannedReplies)
        .orderBy(asc(cannedReplies.title), asc(cannedReplies.id))
        .limit(limit)
        .all();
    },
    async get(id) {
      return db.select().from(cannedReplies).where(eq(cannedReplies.id, id)).get();
    },
    async create(reply) {
      await db.insert(cannedReplies).values(reply).run();
    },
    async update(id, change) {
      const rows = await db
        .update(cannedReplies)
        .set(change)
        .where(eq(cannedReplies.id, id))
        .returning()
        .all();
      return rows[0];
    },
    async remove(id) {
      const rows = await db
        .delete(cannedReplies)
        .where(eq(cannedReplies.id, id))
        .returning({ id: cannedReplies.id })
        .all();
      return rows.length > 0;
    },
  };
}
