import { createSqliteAccountStore } from './account-store.js';
import { createSqliteCannedReplyStore } from './canned-reply-store.js';
import { createSqliteDeliveryStore, createSqliteInboundLog } from './channel-store.js';
import type { Db } from './handle.js';
import { createSqliteKbStore } from './kb-store.js';
import { createSqliteLimitStore } from './limit-store.js';
import { createSqliteOutageStore } from './outage-store.js';
import { createSqliteStaffStore } from './staff-store.js';
import { createSqliteStore } from './store.js';
import { createSqliteTicketStore } from './ticket-store.js';

/** Every store over one database handle, on either driver (`openDatabase(path).db` or `openD1(env.DB)`). */
export function createStores(db: Db) {
  return {
    store: createSqliteStore(db),
    accounts: createSqliteAccountStore(db),
    tickets: createSqliteTicketStore(db),
    staff: createSqliteStaffStore(db),
    deliveries: createSqliteDeliveryStore(db),
    inboundEvents: createSqliteInboundLog(db),
    outages: createSqliteOutageStore(db),
    limits: createSqliteLimitStore(db),
    cannedReplies: createSqliteCannedReplyStore(db),
    kb: createSqliteKbStore(db),
  };
}

export type Stores = ReturnType<typeof createStores>;
