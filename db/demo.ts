import type { SqliteDb } from './client.js';
import { accounts, applicationEvents, applications, bills } from './schema.js';

/**
 * The demo data of the outside contract (shared/CONTRACT.md). Usage (kWh), due dates and
 * addresses are not in the contract: they are example values, consistent with the amounts.
 */
export const DEMO_ACCOUNTS = [
  {
    accountNumber: '1000000001',
    customerClass: 'resident',
    classLabel: '居民',
    name: '张三',
    phone: '13800001234',
    address: '示例市示例区幸福路1号3单元502室',
  },
  {
    accountNumber: '2000000002',
    customerClass: 'low_voltage',
    classLabel: '低压非居民',
    name: '李四便利店',
    phone: '13900005678',
    address: '示例市示例区商业街88号',
  },
  {
    accountNumber: '3000000003',
    customerClass: 'high_voltage_dual',
    classLabel: '高压双电源',
    name: '华东精密制造有限公司',
    phone: '13700009012',
    address: '示例市经济开发区工业大道200号',
  },
] as const;

export const DEMO_BILLS = [
  {
    accountNumber: '1000000001',
    period: '2026-09',
    amountFen: 18640,
    usageKwh: 346,
    dueDate: '2026-10-25',
    status: 'paid',
  },
  {
    accountNumber: '1000000001',
    period: '2026-10',
    amountFen: 20315,
    usageKwh: 372,
    dueDate: '2026-11-25',
    status: 'unpaid',
  },
  {
    accountNumber: '2000000002',
    period: '2026-10',
    amountFen: 152000,
    usageKwh: 2235,
    dueDate: '2026-11-25',
    status: 'unpaid',
  },
  {
    accountNumber: '3000000003',
    period: '2026-10',
    amountFen: 8640000,
    usageKwh: 120000,
    dueDate: '2026-11-25',
    status: 'paid',
  },
] as const;

export const DEMO_APPLICATIONS = [
  {
    number: 'YK20260001',
    accountNumber: '1000000001',
    kind: '居民新装',
    acceptedOn: '2026-11-20',
    currentStage: 'supply_plan_reply',
    events: [
      { stage: 'accepted', startedOn: '2026-11-20' },
      { stage: 'supply_plan_reply', startedOn: '2026-11-20' },
    ],
  },
  {
    number: 'YK20260002',
    accountNumber: '3000000003',
    kind: '高压双电源增容',
    acceptedOn: '2026-10-09',
    currentStage: 'connection',
    events: [
      { stage: 'accepted', startedOn: '2026-10-09' },
      { stage: 'supply_plan_reply', startedOn: '2026-10-09' },
      { stage: 'design_review', startedOn: '2026-10-30' },
      { stage: 'midway_inspection', startedOn: '2026-11-06' },
      { stage: 'completion_inspection', startedOn: '2026-11-16' },
      { stage: 'connection', startedOn: '2026-11-23' },
    ],
  },
] as const;

/**
 * Seeds the demo data in one transaction, only into a database with no accounts yet. better-sqlite3
 * only (a synchronous transaction with a read in it); D1 is not seeded by this yet.
 */
export function seedDemoData(db: SqliteDb, now: Date): boolean {
  return db.transaction((tx) => {
    if (tx.select({ n: accounts.accountNumber }).from(accounts).limit(1).all().length > 0) return false;
    tx.insert(accounts)
      .values(DEMO_ACCOUNTS.map((a) => ({ ...a, createdAt: now })))
      .run();
    tx.insert(bills)
      .values(DEMO_BILLS.map((b) => ({ ...b, paidAt: null })))
      .run();
    for (const { events, ...application } of DEMO_APPLICATIONS) {
      tx.insert(applications)
        .values({ ...application, createdAt: now })
        .run();
      tx.insert(applicationEvents)
        .values(events.map((e) => ({ ...e, applicationNumber: application.number })))
        .run();
    }
    return true;
  });
}
