import { getTableName } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { SqliteDb } from './client.js';
import { accounts, applicationEvents, applications, bills } from './schema.js';

/**
 * The demo data of the outside contract (docs/contract.md), addresses and supply areas included. Usage (kWh) and
 * due dates are not in the contract: they are example values, consistent with the amounts.
 */
export const DEMO_ACCOUNTS = [
  {
    accountNumber: '1000000001',
    customerClass: 'resident',
    classLabel: '居民',
    name: '张三',
    phone: '13800001234',
    address: '幸福路12号3栋201',
    area: '城东片区',
  },
  {
    accountNumber: '2000000002',
    customerClass: 'low_voltage',
    classLabel: '低压非居民',
    name: '李四便利店',
    phone: '13900005678',
    address: '幸福路18号',
    area: '城东片区',
  },
  {
    accountNumber: '3000000003',
    customerClass: 'high_voltage_dual',
    classLabel: '高压双电源',
    name: '华东精密制造有限公司',
    phone: '13700009012',
    address: '创业大道88号',
    area: '开发区片区',
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
 * only (a synchronous transaction with a read in it); D1 is seeded with db/seed/demo.sql
 * (`demoDataSql`).
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

/** A value as an SQL literal: text quoted, numbers as they are, null. */
function literal(value: string | number | null | { sql: string }): string {
  if (value === null) return 'NULL';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'object') return value.sql;
  return `'${value.replaceAll("'", "''")}'`;
}

/** The row's values under their SQL column names, in the order given. */
function insertColumns<T extends SQLiteTable>(
  table: T,
  row: Partial<Record<keyof T['_']['columns'], string | number | null | { sql: string }>>,
): { columns: string; values: string } {
  const entries = Object.entries(row) as [string, string | number | null | { sql: string }][];
  const columnOf = (key: string) => (table as unknown as Record<string, SQLiteColumn>)[key]?.name ?? key;
  return {
    columns: entries.map(([key]) => `"${columnOf(key)}"`).join(', '),
    values: entries.map(([, value]) => literal(value)).join(', '),
  };
}

/** Milliseconds since the epoch when the statement runs (the `created_at` columns). */
const NOW_MS = { sql: "CAST(strftime('%s', 'now') AS INTEGER) * 1000" };

/**
 * The demo data as SQL for D1 (`wrangler d1 execute DB --file db/seed/demo.sql`), written by
 * `npm run build:demo-sql`. Safe to run again: rows already there are left as they are (accounts,
 * bills and applications by their keys, stage events by application and stage). On an empty
 * database it gives the rows `seedDemoData` gives (test/demo-sql.test.ts).
 */
export function demoDataSql(): string {
  const lines = [
    '-- The demo data of docs/contract.md for D1, generated from db/demo.ts by `npm run build:demo-sql`.',
    '-- Apply: npx wrangler d1 execute DB --local --file db/seed/demo.sql (or --remote). Safe to run again.',
  ];
  const insert = (table: SQLiteTable, row: Parameters<typeof insertColumns>[1]) => {
    const { columns, values } = insertColumns(table, row);
    lines.push(`INSERT OR IGNORE INTO "${getTableName(table)}" (${columns}) VALUES (${values});`);
  };
  for (const account of DEMO_ACCOUNTS) insert(accounts, { ...account, createdAt: NOW_MS });
  for (const bill of DEMO_BILLS) insert(bills, { ...bill, paidAt: null });
  for (const { events, ...application } of DEMO_APPLICATIONS) {
    insert(applications, { ...application, createdAt: NOW_MS });
    for (const event of events) {
      const { columns, values } = insertColumns(applicationEvents, {
        applicationNumber: application.number,
        ...event,
      });
      const table = getTableName(applicationEvents);
      lines.push(
        `INSERT INTO "${table}" (${columns}) SELECT ${values} WHERE NOT EXISTS ` +
          `(SELECT 1 FROM "${table}" WHERE "application_number" = ${literal(application.number)} ` +
          `AND "stage" = ${literal(event.stage)});`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
