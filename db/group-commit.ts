import type { SyncDb } from './handle.js';

/** A unit of writes run synchronously inside a transaction, on the transaction's handle. */
export type Unit<T> = (tx: SyncDb) => T;

interface Queued {
  unit: Unit<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

export interface GroupCommit {
  /** Runs `unit` in a transaction and resolves with its result once that transaction is committed. */
  run<T>(unit: Unit<T>): Promise<T>;
}

const perConnection = new WeakMap<SyncDb, GroupCommit>();

/**
 * Group commit on better-sqlite3: the units that arrive while the event loop is busy (the turns and
 * cases of concurrent requests) are committed in one transaction, so a burst costs one fsync
 * (synchronous=FULL) instead of one per unit, and each promise still resolves only after the
 * commit: an acknowledgement never gets ahead of the disk.
 *
 * The transaction is synchronous, so nothing else in this process interleaves with it, and it takes
 * the write lock first (BEGIN IMMEDIATE), so another process's writer waits instead of racing a
 * read-then-write unit. If the batch fails (one unit's constraint error), nothing of it is stored and
 * each unit runs again in a transaction of its own, so one unit's error stays its own.
 *
 * One per connection, shared by every store on it, so turns and cases share their fsyncs.
 */
export function groupCommit(db: SyncDb): GroupCommit {
  const existing = perConnection.get(db);
  if (existing) return existing;
  let queue: Queued[] = [];

  function commit<T>(units: readonly Unit<T>[]): T[] {
    return db.transaction((tx) => units.map((unit) => unit(tx as unknown as SyncDb)), {
      behavior: 'immediate',
    });
  }

  function flush(): void {
    const batch = queue;
    queue = [];
    if (batch.length > 1) {
      try {
        const results = commit(batch.map((item) => item.unit));
        for (const [index, item] of batch.entries()) item.resolve(results[index]);
        return;
      } catch {
        // Rolled back as a whole: fall through and give each unit a transaction of its own.
      }
    }
    for (const item of batch) {
      try {
        const [result] = commit([item.unit]);
        item.resolve(result);
      } catch (error) {
        item.reject(error);
      }
    }
  }

  const group: GroupCommit = {
    run<T>(unit: Unit<T>) {
      return new Promise<T>((resolve, reject) => {
        if (queue.length === 0) setImmediate(flush);
        queue.push({ unit, resolve: resolve as (value: unknown) => void, reject });
      });
    },
  };
  perConnection.set(db, group);
  return group;
}
