import { parse } from 'csv-parse/sync';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { SqliteDb } from './client.js';
import { APPLICATION_STAGES, accounts, applicationEvents, applications, bills } from './schema.js';

/**
 * Loads customers, bills and applications from CSV exports of a billing system. Each file holds
 * one kind of record, recognised by its header. Every row is checked on its own: bad rows are
 * reported with their line numbers and skipped, good rows are written in one transaction (so a
 * crash leaves nothing half-written), and re-importing a file updates rows instead of duplicating.
 */

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD');
const CLASS_LABELS = {
  resident: '居民',
  low_voltage: '低压非居民',
  high_voltage_single: '高压单电源',
  high_voltage_dual: '高压双电源',
};

const customerRow = z.object({
  account_number: z.string().regex(/^\d{10}$/, 'must be 10 digits'),
  customer_class: z.enum(['resident', 'low_voltage', 'high_voltage_single', 'high_voltage_dual']),
  name: z.string().min(1).max(100),
  phone: z.string().regex(/^1\d{10}$/, 'must be an 11-digit mobile number'),
  address: z.string().max(200).optional(),
  /** The supply area (knowledge/areas.yaml), for outage notices and answers. */
  area: z.string().min(1).max(50).optional(),
});
const billRow = z.object({
  account_number: z.string().regex(/^\d{10}$/, 'must be 10 digits'),
  period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be YYYY-MM'),
  amount_yuan: z.string().regex(/^\d+(\.\d{1,2})?$/, 'must be an amount in yuan such as 203.15'),
  usage_kwh: z.string().regex(/^\d+$/, 'must be whole kWh').optional(),
  due_date: date.optional(),
  status: z.enum(['paid', 'unpaid']),
});
const applicationRow = z.object({
  number: z.string().regex(/^[A-Z]{2}\d{6,}$/, 'must look like YK20260001'),
  account_number: z.string().regex(/^\d{10}$/, 'must be 10 digits'),
  kind: z.string().min(1).max(50),
  accepted_on: date,
  current_stage: z.enum(APPLICATION_STAGES),
  stage_started_on: date.optional(),
});

const KINDS = {
  customers: customerRow,
  bills: billRow,
  applications: applicationRow,
} as const;
export type ImportKind = keyof typeof KINDS;

export interface ImportReport {
  kind: ImportKind;
  imported: number;
  rejected: { line: number; reason: string }[];
}

export function detectKind(header: readonly string[]): ImportKind | undefined {
  const columns = new Set(header);
  return (Object.keys(KINDS) as ImportKind[]).find((kind) =>
    Object.entries(KINDS[kind].shape)
      .filter(([, schema]) => !schema.safeParse(undefined).success)
      .every(([column]) => columns.has(column)),
  );
}

/** better-sqlite3 only (one synchronous transaction that reads as it writes); not for D1 yet. */
export function importCsv(
  db: SqliteDb,
  csvText: string,
  now: Date,
  options: { knownArea?: (area: string) => boolean } = {},
): ImportReport {
  // With `info`, csv-parse returns each record with the line it ends on (its types do not say so).
  const records = parse(csvText, {
    bom: true,
    skip_empty_lines: true,
    trim: true,
    relax_column_count: true,
    info: true,
  }) as unknown as { record: string[]; info: { lines: number } }[];
  const [header, ...rows] = records;
  if (!header) throw new Error('the file is empty');
  const columns = header.record.map((c) => c.toLowerCase());
  const kind = detectKind(columns);
  if (!kind) {
    throw new Error(
      `unrecognised header (${columns.join(', ')}); expected the columns of one of: ${Object.entries(KINDS)
        .map(([k, s]) => `${k} (${Object.keys(s.shape).join(', ')})`)
        .join('; ')}`,
    );
  }
  const rejected: ImportReport['rejected'] = [];
  const valid: { line: number; row: Record<string, string> }[] = [];
  for (const { record, info } of rows) {
    const raw = Object.fromEntries(
      columns.map((column, i) => [column, record[i] === '' ? undefined : record[i]]),
    );
    const parsed = KINDS[kind].safeParse(raw);
    const area = parsed.success ? (parsed.data as Record<string, string>).area : undefined;
    if (area !== undefined && options.knownArea && !options.knownArea(area)) {
      rejected.push({ line: info.lines, reason: `area: ${area} is not an area of knowledge/areas.yaml` });
      continue;
    }
    if (parsed.success) valid.push({ line: info.lines, row: parsed.data as Record<string, string> });
    else
      rejected.push({
        line: info.lines,
        reason: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      });
  }
  let imported = 0;
  db.transaction((tx) => {
    for (const { line, row } of valid) {
      const missingAccount =
        kind !== 'customers' &&
        !tx
          .select({ n: accounts.accountNumber })
          .from(accounts)
          .where(eqAccount(row.account_number ?? ''))
          .get();
      if (missingAccount) {
        rejected.push({
          line,
          reason: `account_number: no customer ${row.account_number}; import customers first`,
        });
        continue;
      }
      writeRow(tx as unknown as SqliteDb, kind, row, now);
      imported++;
    }
  });
  rejected.sort((a, b) => a.line - b.line);
  return { kind, imported, rejected };
}

function eqAccount(accountNumber: string) {
  return eq(accounts.accountNumber, accountNumber);
}

function writeRow(db: SqliteDb, kind: ImportKind, row: Record<string, string>, now: Date): void {
  if (kind === 'customers') {
    const customerClass = row.customer_class as keyof typeof CLASS_LABELS;
    const values = {
      accountNumber: row.account_number as string,
      customerClass,
      classLabel: CLASS_LABELS[customerClass],
      name: row.name as string,
      phone: row.phone as string,
      address: row.address ?? null,
      ...(row.area === undefined ? {} : { area: row.area }),
    };
    db.insert(accounts)
      .values({ ...values, createdAt: now })
      .onConflictDoUpdate({ target: accounts.accountNumber, set: values })
      .run();
    return;
  }
  if (kind === 'bills') {
    const values = {
      accountNumber: row.account_number as string,
      period: row.period as string,
      amountFen: Math.round(Number(row.amount_yuan) * 100),
      usageKwh: row.usage_kwh === undefined ? null : Number(row.usage_kwh),
      dueDate: row.due_date ?? null,
      status: row.status as 'paid' | 'unpaid',
    };
    db.insert(bills)
      .values(values)
      .onConflictDoUpdate({ target: [bills.accountNumber, bills.period], set: values })
      .run();
    return;
  }
  const values = {
    number: row.number as string,
    accountNumber: row.account_number as string,
    kind: row.kind as string,
    acceptedOn: row.accepted_on as string,
    currentStage: row.current_stage as (typeof APPLICATION_STAGES)[number],
  };
  db.insert(applications)
    .values({ ...values, createdAt: now })
    .onConflictDoUpdate({ target: applications.number, set: values })
    .run();
  // The stage history gains the current stage once; re-importing the same row adds nothing.
  const startedOn = row.stage_started_on ?? row.accepted_on ?? '';
  const known = db
    .select()
    .from(applicationEvents)
    .where(eq(applicationEvents.applicationNumber, values.number))
    .all()
    .some((e) => e.stage === values.currentStage);
  if (!known) {
    db.insert(applicationEvents)
      .values({ applicationNumber: values.number, stage: values.currentStage, startedOn })
      .run();
  }
}
