import { caseDeadlines, caseNumber } from '../../api/cases/cases.js';
import { shanghaiDate } from '../../api/standard/beijing-time.js';
import { createDefaultWorkdayCalendar } from '../../api/standard/calendar.js';
import { openDatabase } from '../../db/client.js';
import { type CaseKind, type CaseStatus, deadlineMet, followsUp } from '../../vocabulary/case-kinds.js';

const DAY = 86_400_000;
const HISTORY_DAYS = 365;
/** Cases younger than this are mostly open (being worked); older ones mostly closed. */
const RECENT_DAYS = 40;
const CONVERSATIONS = 20_000;
const HANDOFFS = 30;

/** The mix of kinds a utility's cases come in (repairs most, callbacks few). */
const KIND_MIX: [CaseKind, number][] = [
  ['repair', 0.4],
  ['complaint', 0.22],
  ['reading_dispute', 0.15],
  ['meter_test', 0.1],
  ['report', 0.05],
  ['callback', 0.08],
];

export interface SeedOptions {
  path: string;
  cases: number;
  messages: number;
  now: number;
}

export interface SeedResult {
  cases: number;
  openCases: number;
  messages: number;
  seconds: number;
  /** Numbers and contact phones of seeded cases, for the searches. */
  sampleNumbers: string[];
  samplePhones: string[];
}

/** A small deterministic generator, so every run seeds the same history. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(rand: () => number, weighted: [T, number][]): T {
  let r = rand();
  for (const [value, weight] of weighted) {
    r -= weight;
    if (r < 0) return value;
  }
  return (weighted.at(-1) as [T, number])[0];
}

/**
 * A fresh database with a year of history, by direct inserts in one transaction: `cases` cases (a
 * realistic mix of kinds and ages, about a tenth open), their deadlines as the scanner would have
 * left them, acceptance and status events, follow-ups and ratings, and `messages` messages in
 * 20,000 conversations; then the tallies counted from the rows (as the migration does).
 */
export function seedScaleDatabase(options: SeedOptions): SeedResult {
  const started = performance.now();
  const rand = random(17);
  const calendar = createDefaultWorkdayCalendar();
  const database = openDatabase(options.path);
  const { sqlite } = database;
  const insert = {
    conversation: sqlite.prepare(
      `insert into conversations (id, channel, user_id, mode, handoff_since, created_at, updated_at)
       values (?, 'web', ?, ?, ?, ?, ?)`,
    ),
    message: sqlite.prepare(
      'insert into messages (conversation_id, role, text, intent, created_at) values (?, ?, ?, ?, ?)',
    ),
    ticket: sqlite.prepare(
      `insert into tickets (id, number, kind, status, description, contact_phone, account_number, channel,
         user_id, conversation_id, accepted_at, deadlines, calendar_confirmed, next_due_at, followed_up_at, rated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)`,
    ),
    deadline: sqlite.prepare(
      'insert into case_deadlines (ticket_id, name, due_at, met, escalated) values (?, ?, ?, ?, ?)',
    ),
    event: sqlite.prepare(
      'insert into ticket_events (ticket_id, type, status, deadline, note, actor, at) values (?, ?, ?, ?, ?, ?, ?)',
    ),
    rating: sqlite.prepare(
      'insert into ratings (conversation_id, ticket_id, score, created_at) values (?, ?, ?, ?)',
    ),
  };
  const sampleNumbers: string[] = [];
  const samplePhones: string[] = [];
  let openCases = 0;

  sqlite.transaction(() => {
    const start = options.now - HISTORY_DAYS * DAY;
    const perConversation = Math.max(1, Math.round(options.messages / CONVERSATIONS));
    let messages = 0;
    for (let c = 0; c < CONVERSATIONS; c++) {
      const createdAt = start + Math.floor(rand() * HISTORY_DAYS * DAY);
      const handoff = c >= CONVERSATIONS - HANDOFFS;
      const since = handoff ? options.now - (HANDOFFS - (c - (CONVERSATIONS - HANDOFFS))) * 60_000 : null;
      insert.conversation.run(
        `conv-${c}`,
        `bench-visitor-${c}-0000000`,
        handoff ? 'handoff' : 'bot',
        since,
        createdAt,
        createdAt,
      );
      for (let m = 0; m < perConversation && messages < options.messages; m++, messages++) {
        const customer = m % 2 === 0;
        insert.message.run(
          `conv-${c}`,
          customer ? 'customer' : 'assistant',
          customer
            ? `我想问一下第${m}个问题，家里停电了怎么办`
            : '您好，请提供您的户号，我们会尽快为您处理。',
          customer ? null : 'faq',
          createdAt + m * 30_000,
        );
      }
    }

    const cases = Array.from({ length: options.cases }, () => ({
      acceptedAt: start + Math.floor(rand() * HISTORY_DAYS * DAY),
      kind: pick(rand, KIND_MIX),
    })).sort((a, b) => a.acceptedAt - b.acceptedAt);
    const sequences = new Map<string, number>();
    for (const [i, { acceptedAt, kind }] of cases.entries()) {
      const accepted = new Date(acceptedAt);
      const day = shanghaiDate(accepted);
      const prefixKey = `${kind}:${day}`;
      const sequence = (sequences.get(prefixKey) ?? 0) + 1;
      sequences.set(prefixKey, sequence);
      const number = caseNumber(kind, day, sequence);
      const ageDays = (options.now - acceptedAt) / DAY;
      const open = ageDays < RECENT_DAYS ? rand() < 0.85 : rand() < 0.01;
      const status: CaseStatus = open
        ? pick(rand, [
            ['accepted', 0.5],
            ['contacted', 0.3],
            ['replied', 0.2],
          ])
        : 'closed';
      if (open) openCases++;
      const deadlines =
        kind === 'callback'
          ? { callbackDueAt: acceptedAt + 12 * 3600_000 }
          : Object.fromEntries(
              Object.entries(caseDeadlines(kind, accepted, calendar).deadlines).map(([name, at]) => [
                name,
                at.getTime(),
              ]),
            );
      const unmet = Object.entries(deadlines).filter(
        ([name]) => status !== 'closed' && !deadlineMet(name, status),
      );
      const nextDueAt = unmet.length ? Math.min(...unmet.map(([, at]) => at)) : null;
      const phone = `13${String(Math.floor(rand() * 1e9)).padStart(9, '0')}`;
      const account = rand() < 0.5 ? String(1_000_000_000 + Math.floor(rand() * 8_999_999_999)) : null;
      const chat = rand() < 0.4;
      const conversation = chat ? `conv-${Math.floor(rand() * (CONVERSATIONS - HANDOFFS))}` : null;
      const closedAt = acceptedAt + 2 * DAY;
      const followedUp = status === 'closed' && followsUp(kind) ? closedAt : null;
      const rated = followedUp !== null && conversation !== null && rand() < 0.7 ? closedAt + 3600_000 : null;
      const id = `case-${i}`;
      insert.ticket.run(
        id,
        number,
        kind,
        status,
        `第${i}号工单：${kind === 'repair' ? '小区停电，整栋楼没电' : '对电费和服务有疑问，请尽快处理'}`,
        phone,
        account,
        chat ? 'web' : 'form',
        chat ? `bench-visitor-${conversation?.slice(5)}-0000000` : null,
        conversation,
        acceptedAt,
        JSON.stringify(deadlines),
        nextDueAt,
        followedUp,
        rated,
      );
      for (const [name, dueAt] of Object.entries(deadlines)) {
        const met = status === 'closed' || deadlineMet(name, status);
        // As a running scanner leaves them: a passed unmet deadline has been escalated as overdue.
        insert.deadline.run(id, name, dueAt, met ? 1 : 0, !met && dueAt <= options.now ? 'overdue' : 'none');
      }
      insert.event.run(id, 'status', 'accepted', null, null, 'system', acceptedAt);
      if (status !== 'accepted')
        insert.event.run(id, 'status', status, null, '已处理', 'agent', acceptedAt + DAY);
      if (followedUp !== null) insert.event.run(id, 'follow_up', null, null, 'chat', 'system', followedUp);
      if (rated !== null && conversation) insert.rating.run(conversation, id, rand() < 0.8 ? 5 : 2, rated);
      if (i % 997 === 0) {
        sampleNumbers.push(number);
        samplePhones.push(phone);
      }
    }
    recountTallies(sqlite);
  })();
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  database.close();
  return {
    cases: options.cases,
    openCases,
    messages: options.messages,
    seconds: Math.round((performance.now() - started) / 100) / 10,
    sampleNumbers,
    samplePhones,
  };
}

/** The tallies counted from the rows, as migration 0007 does for an existing database. */
function recountTallies(sqlite: ReturnType<typeof openDatabase>['sqlite']): void {
  sqlite.exec(`
    delete from tallies;
    insert into tallies (name, n) select 'cases:' || kind || ':' || status, count(*) from tickets group by kind, status;
    insert into tallies (name, n) select 'follow_ups', count(*) from tickets where followed_up_at is not null;
    insert into tallies (name, n) select 'follow_ups_answered', count(*) from tickets where followed_up_at is not null and rated_at is not null;
    insert into tallies (name, n) select 'ratings', count(*) from ratings;
    insert into tallies (name, n) select 'ratings_satisfied', count(*) from ratings where score >= 4;
  `);
}
