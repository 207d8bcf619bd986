import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { CASE_KINDS, CASE_STATUSES } from '../vocabulary/case-kinds.js';
import { CASE_ORIGINS, CHANNELS, PUSH_CHANNELS } from '../vocabulary/channels.js';

/** All instants are stored as UTC epoch milliseconds; money as integer fen (0.01 元). */

/** The stages of a connection application, in order (受理 → 供电方案答复 → … → 装表接电 → 已送电). */
export const APPLICATION_STAGES = [
  'accepted',
  'supply_plan_reply',
  'design_review',
  'midway_inspection',
  'completion_inspection',
  'connection',
  'done',
] as const;
/** What a case's history records (see `ticketEvents`). */
export const TICKET_EVENT_TYPES = ['status', 'assigned', 'note', 'due_soon', 'overdue', 'follow_up'] as const;
/** Why a conversation went to a person: asked for one, two unanswered turns, after hours. */
export const HANDOFF_REASONS = ['asked', 'unanswered', 'after_hours'] as const;
export type HandoffReason = (typeof HANDOFF_REASONS)[number];
const createdAt = () => integer('created_at', { mode: 'timestamp_ms' }).notNull();

export const conversations = sqliteTable(
  'conversations',
  {
    id: text('id').primaryKey(),
    channel: text('channel', { enum: CHANNELS }).notNull(),
    userId: text('user_id').notNull(),
    /** The open flow (JSON of api/assistant/flow-state), null when none. */
    flowState: text('flow_state', { mode: 'json' }),
    /** `bot`: the assistant answers; `handoff`: a person does. */
    mode: text('mode', { enum: ['bot', 'handoff'] })
      .notNull()
      .default('bot'),
    /** When the conversation was handed to a person (null while the bot answers). */
    handoffSince: integer('handoff_since', { mode: 'timestamp_ms' }),
    /** The staff member who took the handed-off conversation. */
    handoffOwner: text('handoff_owner'),
    /**
     * Why the conversation was handed over (see HANDOFF_REASONS): the customer asked for a person,
     * two turns in a row went unanswered, or it happened outside staffed hours. Null while the bot
     * answers, and on handoffs from before the reason was kept.
     */
    handoffReason: text('handoff_reason', { enum: HANDOFF_REASONS }),
    /** Consecutive customer turns the assistant could not answer. */
    unansweredStreak: integer('unanswered_streak').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    uniqueIndex('conversations_channel_user').on(t.channel, t.userId),
    // The handoff queue (staff list, a customer's place in it) without reading every conversation.
    index('conversations_handoff_queue').on(t.mode, t.handoffSince, t.id),
    // The queue's tabs (待接入: no owner; 我的会话: mine), longest waiting first, on one index.
    index('conversations_handoff_owner').on(t.mode, t.handoffOwner, t.handoffSince, t.id),
  ],
);

export const messages = sqliteTable(
  'messages',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    conversationId: text('conversation_id')
      .notNull()
      .references(() => conversations.id),
    role: text('role', { enum: ['customer', 'assistant', 'staff'] }).notNull(),
    text: text('text').notNull(),
    intent: text('intent'),
    /** Knowledge entries the reply was drawn from: JSON array of { id, title }. */
    sources: text('sources', { mode: 'json' }).$type<{ id: string; title: string }[]>(),
    createdAt: createdAt(),
  },
  (t) => [
    index('messages_conversation').on(t.conversationId, t.id),
    // A conversation's last customer message (the queue shows it, not the bot's) in one index seek.
    index('messages_conversation_role').on(t.conversationId, t.role, t.id),
  ],
);

/**
 * Internal notes on a conversation: staff only. A table of their own, never the messages table, so
 * nothing that reads a customer's messages (their message list, a platform delivery) can meet one.
 */
export const staffNotes = sqliteTable(
  'staff_notes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    conversationId: text('conversation_id')
      .notNull()
      .references(() => conversations.id),
    staffId: text('staff_id').notNull(),
    text: text('text').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('staff_notes_conversation').on(t.conversationId, t.createdAt, t.id)],
);

export const ratings = sqliteTable('ratings', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  conversationId: text('conversation_id')
    .notNull()
    .references(() => conversations.id),
  /** The case this rating follows up, when it answers a follow-up. */
  ticketId: text('ticket_id'),
  score: integer('score').notNull(),
  comment: text('comment'),
  createdAt: createdAt(),
});

export const accounts = sqliteTable(
  'accounts',
  {
    accountNumber: text('account_number').primaryKey(),
    customerClass: text('customer_class', {
      enum: ['resident', 'low_voltage', 'high_voltage_single', 'high_voltage_dual'],
    }).notNull(),
    /** Shown to people as "居民", "低压非居民"… */
    classLabel: text('class_label').notNull(),
    name: text('name').notNull(),
    phone: text('phone').notNull(),
    address: text('address'),
    /** The supply area (供电片区) the account is in, as named in knowledge/areas.yaml. */
    area: text('area'),
    createdAt: createdAt(),
  },
  (t) => [
    // The customers of an area, for planned-outage notices.
    index('accounts_area').on(t.area, t.accountNumber),
  ],
);

export const bills = sqliteTable(
  'bills',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    accountNumber: text('account_number')
      .notNull()
      .references(() => accounts.accountNumber),
    /** Billing month, YYYY-MM. */
    period: text('period').notNull(),
    amountFen: integer('amount_fen').notNull(),
    usageKwh: integer('usage_kwh'),
    dueDate: text('due_date'),
    status: text('status', { enum: ['paid', 'unpaid'] }).notNull(),
    paidAt: integer('paid_at', { mode: 'timestamp_ms' }),
  },
  (t) => [uniqueIndex('bills_account_period').on(t.accountNumber, t.period)],
);

export const applications = sqliteTable('applications', {
  number: text('number').primaryKey(),
  accountNumber: text('account_number')
    .notNull()
    .references(() => accounts.accountNumber),
  kind: text('kind').notNull(),
  /** Acceptance date, YYYY-MM-DD in Asia/Shanghai. */
  acceptedOn: text('accepted_on').notNull(),
  currentStage: text('current_stage', { enum: APPLICATION_STAGES }).notNull(),
  createdAt: createdAt(),
});

export const applicationEvents = sqliteTable(
  'application_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    applicationNumber: text('application_number')
      .notNull()
      .references(() => applications.number),
    stage: text('stage').notNull(),
    /** The day the stage began, YYYY-MM-DD Asia/Shanghai. */
    startedOn: text('started_on').notNull(),
    note: text('note'),
  },
  (t) => [index('application_events_number').on(t.applicationNumber)],
);

/** A channel user who proved to own an account (account number + last four phone digits). */
export const accountBindings = sqliteTable(
  'account_bindings',
  {
    channel: text('channel', { enum: CHANNELS }).notNull(),
    userId: text('user_id').notNull(),
    accountNumber: text('account_number')
      .notNull()
      .references(() => accounts.accountNumber),
    verifiedAt: integer('verified_at', { mode: 'timestamp_ms' }).notNull(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.channel, t.userId, t.accountNumber] }),
    // The chat users of an account (planned-outage notices go to those of an area's accounts), the
    // latest verified first (the console's earlier conversations of the same customer).
    index('account_bindings_account_verified').on(t.accountNumber, t.verifiedAt),
  ],
);

/**
 * Every identity check, for the lock-outs. The account number is stored as typed (it may not
 * exist: a failed attempt must not reveal that), never the digits tried.
 */
export const verificationAttempts = sqliteTable(
  'verification_attempts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    channel: text('channel').notNull(),
    userId: text('user_id').notNull(),
    accountNumber: text('account_number').notNull(),
    succeeded: integer('succeeded', { mode: 'boolean' }).notNull(),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    index('verification_attempts_user').on(t.channel, t.userId, t.accountNumber, t.at),
    index('verification_attempts_account').on(t.accountNumber, t.at),
  ],
);

/** A case: a complaint, report (举报), repair call, meter test or reading dispute, with its clocks. */
export const tickets = sqliteTable(
  'tickets',
  {
    id: text('id').primaryKey(),
    /** Human-readable, e.g. TS20261126-0001 (prefixes in vocabulary/case-kinds.ts). */
    number: text('number').notNull(),
    kind: text('kind', { enum: CASE_KINDS }).notNull(),
    status: text('status', { enum: CASE_STATUSES }).notNull(),
    description: text('description').notNull(),
    contactPhone: text('contact_phone'),
    accountNumber: text('account_number'),
    address: text('address'),
    /** Where it came from: the web form, or a chat channel and user. */
    channel: text('channel', { enum: CASE_ORIGINS }).notNull(),
    userId: text('user_id'),
    conversationId: text('conversation_id'),
    acceptedAt: integer('accepted_at', { mode: 'timestamp_ms' }).notNull(),
    /** Due instants by name (contactDueAt, replyDueAt …): JSON of epoch milliseconds. */
    deadlines: text('deadlines', { mode: 'json' }).$type<Record<string, number>>().notNull(),
    calendarConfirmed: integer('calendar_confirmed', { mode: 'boolean' }).notNull(),
    /**
     * The soonest of its unmet deadlines (null when every one is met): the case is overdue once it
     * has passed. Kept with the deadline rows (`case_deadlines`) in the same write.
     */
    nextDueAt: integer('next_due_at', { mode: 'timestamp_ms' }),
    /** When the closed case was followed up (a rating asked for in chat, or marked for a call). */
    followedUpAt: integer('followed_up_at', { mode: 'timestamp_ms' }),
    /** When its customer first answered the follow-up with a rating. */
    ratedAt: integer('rated_at', { mode: 'timestamp_ms' }),
    /** The staff member (id) the case is assigned to (bulk assignment from the case list), if any. */
    assignee: text('assignee'),
  },
  (t) => [
    uniqueIndex('tickets_number').on(t.number),
    // The staff list, newest first, by keyset (acceptance instant, id): all, by status, by kind.
    index('tickets_newest').on(t.acceptedAt, t.id),
    index('tickets_status').on(t.status, t.acceptedAt, t.id),
    index('tickets_kind').on(t.kind, t.acceptedAt, t.id),
    // The overdue part of the list (and the dashboard's overdue counts): only cases with an unmet deadline.
    index('tickets_next_due').on(t.nextDueAt, t.id).where(sql`next_due_at is not null`),
    // Search by contact phone or account number (the number has its unique index).
    index('tickets_phone').on(t.contactPhone, t.acceptedAt),
    index('tickets_account').on(t.accountNumber, t.acceptedAt),
    index('tickets_user').on(t.channel, t.userId),
    // The latest follow-ups still waiting for their rating (the statistics name a few).
    index('tickets_unanswered')
      .on(t.followedUpAt)
      .where(sql`followed_up_at is not null and rated_at is null`),
  ],
);

/** What a case's deadline has reached: nothing yet, the due-soon warning, the overdue one. */
export const ESCALATION_LEVELS = ['none', 'due_soon', 'overdue'] as const;

/**
 * A case's deadlines as rows, for the scanner: it reads, on the index of (escalation, due instant),
 * only the unmet deadlines that are due and not yet escalated that far, so a pass costs what is due,
 * not what is open. The case's `deadlines` JSON keeps the same instants for showing it.
 */
export const caseDeadlines = sqliteTable(
  'case_deadlines',
  {
    ticketId: text('ticket_id')
      .notNull()
      .references(() => tickets.id),
    /** contactDueAt, replyDueAt … (vocabulary/case-kinds.ts DEADLINE_TABLE). */
    name: text('name').notNull(),
    dueAt: integer('due_at', { mode: 'timestamp_ms' }).notNull(),
    /** The case reached the status that meets it (or was closed). */
    met: integer('met', { mode: 'boolean' }).notNull().default(false),
    escalated: text('escalated', { enum: ESCALATION_LEVELS }).notNull().default('none'),
  },
  (t) => [
    primaryKey({ columns: [t.ticketId, t.name] }),
    index('case_deadlines_due').on(t.escalated, t.dueAt).where(sql`met = 0`),
  ],
);

/**
 * Counts kept in the same write as the change they count, so that statistics read a few rows at
 * any history size: `cases:<kind>:<status>`, `follow_ups`, `follow_ups_answered`, `ratings`,
 * `ratings_satisfied` (db/tallies.ts).
 */
export const tallies = sqliteTable('tallies', {
  name: text('name').primaryKey(),
  n: integer('n').notNull().default(0),
});

/**
 * A case's history, who did what: its acceptance and status changes (with their notes), assignments,
 * staff notes, escalations by the scanner and the follow-up. Read a page at a time, newest first.
 */
export const ticketEvents = sqliteTable(
  'ticket_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    ticketId: text('ticket_id')
      .notNull()
      .references(() => tickets.id),
    type: text('type', { enum: TICKET_EVENT_TYPES }).notNull(),
    status: text('status'),
    /** For assignments: the user name of the staff member the case went to. */
    assignee: text('assignee'),
    /** For escalations: the deadline concerned. */
    deadline: text('deadline'),
    note: text('note'),
    actor: text('actor').notNull(),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    index('ticket_events_ticket').on(t.ticketId, t.id),
    // One escalation per case, deadline and threshold: the scanner may run any number of times.
    uniqueIndex('ticket_events_escalation').on(t.ticketId, t.type, t.deadline).where(sql`type != 'status'`),
  ],
);

/** Staff accounts of the console. Passwords are stored as scrypt hashes only. */
export const staffUsers = sqliteTable(
  'staff_users',
  {
    id: text('id').primaryKey(),
    username: text('username').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: ['agent', 'supervisor'] }).notNull(),
    /** A password someone else saw (a generated first password): to be changed before anything else. */
    mustChangePassword: integer('must_change_password', { mode: 'boolean' }).notNull().default(false),
    /** When a supervisor disabled the account (null: active): it cannot log in, its sessions ended. */
    disabledAt: integer('disabled_at', { mode: 'timestamp_ms' }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('staff_users_username').on(t.username)],
);

/**
 * Staff login attempts per user name and client address (the key), counted before the password is
 * checked: after a few, each further attempt waits longer (`nextAllowedAt`). Never per account
 * alone, so nobody can lock a colleague out; a quiet day starts the count again.
 */
export const loginAttempts = sqliteTable(
  'login_attempts',
  {
    key: text('key').primaryKey(),
    attempts: integer('attempts').notNull(),
    nextAllowedAt: integer('next_allowed_at', { mode: 'timestamp_ms' }).notNull(),
    lastAt: integer('last_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('login_attempts_last').on(t.lastAt)],
);

/** Console sessions: the cookie carries a random token, the table only its SHA-256. */
export const staffSessions = sqliteTable('staff_sessions', {
  tokenHash: text('token_hash').primaryKey(),
  staffId: text('staff_id')
    .notNull()
    .references(() => staffUsers.id),
  csrfToken: text('csrf_token').notNull(),
  createdAt: createdAt(),
  expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
});

/** Who opened which customer's data, and who changed what. */
export const auditLog = sqliteTable('audit_log', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  staffId: text('staff_id').notNull(),
  action: text('action').notNull(),
  target: text('target').notNull(),
  at: integer('at', { mode: 'timestamp_ms' }).notNull(),
});

/**
 * Chat-platform events already taken (Telegram update_id, WeChat message id + sender + time):
 * platforms redeliver, and a redelivered event must not be answered twice. `processing` rows
 * older than a few minutes are taken again, so a crash mid-answer does not lose the message.
 */
export const inboundEvents = sqliteTable(
  'inbound_events',
  {
    channel: text('channel', { enum: PUSH_CHANNELS }).notNull(),
    key: text('key').notNull(),
    status: text('status', { enum: ['processing', 'done'] }).notNull(),
    receivedAt: integer('received_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.channel, t.key] }), index('inbound_events_received').on(t.receivedAt)],
);

/**
 * Messages to send on a chat platform outside a customer's turn: staff replies, follow-up
 * questions, staff-chat notices. Written in the same transaction as the message they carry, and
 * retried until sent; after the last attempt the row stays `failed` for staff to see and retry.
 */
export const deliveries = sqliteTable(
  'deliveries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    channel: text('channel', { enum: PUSH_CHANNELS }).notNull(),
    /** The chat to send to: the conversation's userId, or the staff chat. */
    address: text('address').notNull(),
    conversationId: text('conversation_id').references(() => conversations.id),
    messageId: integer('message_id').references(() => messages.id),
    text: text('text').notNull(),
    status: text('status', { enum: ['pending', 'sent', 'failed'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at', { mode: 'timestamp_ms' }).notNull(),
    lastError: text('last_error'),
    createdAt: createdAt(),
    sentAt: integer('sent_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('deliveries_due').on(t.status, t.nextAttemptAt), index('deliveries_message').on(t.messageId)],
);

/**
 * Fixed-window counters of what a client may do only so often (new chat conversations, handoffs
 * and cases per address and per chat user, web-form cases, login attempts per address): one row
 * per key, counting the window that began at `windowStart`. In the database, so that the limits
 * hold across Workers isolates; rows of past windows are pruned outside requests.
 */
export const rateCounters = sqliteTable(
  'rate_counters',
  {
    key: text('key').primaryKey(),
    windowStart: integer('window_start', { mode: 'timestamp_ms' }).notNull(),
    count: integer('count').notNull(),
  },
  (t) => [index('rate_counters_window').on(t.windowStart)],
);

export const OUTAGE_KINDS = ['planned', 'fault'] as const;
export const OUTAGE_STATUSES = ['active', 'restored', 'cancelled'] as const;

/**
 * A planned outage (计划停电) or a fault (故障停电) in one or more supply areas. `version` counts the
 * changes customers are told about (a new expected restoration, restored, cancelled): a linked
 * customer is told once per version (`outage_links.told_version`).
 */
export const outages = sqliteTable(
  'outages',
  {
    id: text('id').primaryKey(),
    /** TD20261206-0001 */
    number: text('number').notNull(),
    kind: text('kind', { enum: OUTAGE_KINDS }).notNull(),
    status: text('status', { enum: OUTAGE_STATUSES }).notNull(),
    areas: text('areas', { mode: 'json' }).$type<string[]>().notNull(),
    startsAt: integer('starts_at', { mode: 'timestamp_ms' }).notNull(),
    endsAt: integer('ends_at', { mode: 'timestamp_ms' }),
    expectedRestoreAt: integer('expected_restore_at', { mode: 'timestamp_ms' }),
    reason: text('reason').notNull(),
    note: text('note'),
    /** When it was marked restored or cancelled. */
    closedAt: integer('closed_at', { mode: 'timestamp_ms' }),
    version: integer('version').notNull().default(1),
    /** Fault reports absorbed (linked instead of a new repair case), and customers told of a change. */
    linked: integer('linked').notNull().default(0),
    notified: integer('notified').notNull().default(0),
    /** Linked customers not yet told of the current version, or a cancellation not yet sent out. */
    tellPending: integer('tell_pending', { mode: 'boolean' }).notNull().default(false),
    /** Planned-outage notices finished: the one days before, the one the day before. */
    daysBeforeDone: integer('days_before_done', { mode: 'boolean' }).notNull().default(false),
    dayBeforeDone: integer('day_before_done', { mode: 'boolean' }).notNull().default(false),
    createdBy: text('created_by').notNull(),
    createdAt: createdAt(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    uniqueIndex('outages_number').on(t.number),
    // The staff list, latest start first, by keyset: all, or active only.
    index('outages_newest').on(t.startsAt, t.id),
    index('outages_status').on(t.status, t.startsAt, t.id),
    // Changes still to be told (the notifier's work): a handful of rows, never the history.
    index('outages_to_tell').on(t.updatedAt).where(sql`tell_pending = 1`),
  ],
);

/**
 * An outage in one area, with the span it covers (`until`: its end, expected restoration, or far
 * ahead when unknown; the closing instant once restored or cancelled): the chat's and the list's
 * look-ups read a range of (area, until) and never the history.
 */
export const outageAreas = sqliteTable(
  'outage_areas',
  {
    area: text('area').notNull(),
    outageId: text('outage_id')
      .notNull()
      .references(() => outages.id),
    startsAt: integer('starts_at', { mode: 'timestamp_ms' }).notNull(),
    until: integer('until', { mode: 'timestamp_ms' }).notNull(),
    open: integer('open', { mode: 'boolean' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.outageId, t.area] }),
    // The chat's question "is there an outage here": the open ones of an area not yet over.
    index('outage_areas_lookup').on(t.area, t.open, t.until),
    // The staff list of one area (all, or open only), latest start first.
    index('outage_areas_list').on(t.area, t.startsAt, t.outageId),
    index('outage_areas_open_list').on(t.area, t.open, t.startsAt, t.outageId),
  ],
);

/** A customer whose fault report an outage absorbed: told of its changes on their own channel. */
export const outageLinks = sqliteTable(
  'outage_links',
  {
    outageId: text('outage_id')
      .notNull()
      .references(() => outages.id),
    conversationId: text('conversation_id')
      .notNull()
      .references(() => conversations.id),
    linkedAt: integer('linked_at', { mode: 'timestamp_ms' }).notNull(),
    /** The outage version this customer was last told (the one current when they reported). */
    toldVersion: integer('told_version').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.outageId, t.conversationId] }),
    index('outage_links_to_tell').on(t.outageId, t.toldVersion, t.conversationId),
  ],
);

/**
 * Planned-outage notices sent: one row per outage, stage (`days_before`, `day_before`, `cancelled`)
 * and conversation, written with the message it records, so each is sent once whatever restarts.
 */
export const outageNotices = sqliteTable(
  'outage_notices',
  {
    outageId: text('outage_id')
      .notNull()
      .references(() => outages.id),
    stage: text('stage', { enum: ['days_before', 'day_before', 'cancelled'] }).notNull(),
    conversationId: text('conversation_id')
      .notNull()
      .references(() => conversations.id),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.outageId, t.stage, t.conversationId] })],
);

/** Chat users who asked for no planned-outage notices (退订停电通知). */
export const outageOptOuts = sqliteTable(
  'outage_opt_outs',
  {
    channel: text('channel', { enum: CHANNELS }).notNull(),
    userId: text('user_id').notNull(),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.channel, t.userId] })],
);

/**
 * Published versions of the knowledge base: immutable once written. `number` counts from 1 (the
 * shipped YAML, seeded into an empty database); `hash` is the content's SHA-256 (entries and
 * out-of-scope examples, concept words), so a process whose shipped knowledge has the same hash
 * builds nothing. The content is in `kb_version_entries` (one row per entry, each well under D1's
 * row limit), `kb_version_out_of_scope` (one row per example) and `kb_version_concepts` (one row per
 * concept).
 */
export const kbVersions = sqliteTable('kb_versions', {
  number: integer('number').primaryKey(),
  hash: text('hash').notNull(),
  note: text('note').notNull(),
  /** The staff member's username, or `system` for the seed. */
  createdBy: text('created_by').notNull(),
  createdAt: createdAt(),
  /** A rollback: the version whose content this one repeats. */
  restoredFrom: integer('restored_from'),
});

/** One entry of a published version, as JSON (the knowledge/knowledge-base.ts entry schema). */
export const kbVersionEntries = sqliteTable(
  'kb_version_entries',
  {
    version: integer('version').notNull(),
    entryId: text('entry_id').notNull(),
    /** Order of the entry in the version (the YAML files' order, new entries at the end). */
    position: integer('position').notNull(),
    /** The YAML file of knowledge/entries it is exported to (`practical.yaml`). */
    file: text('file').notNull(),
    data: text('data').notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
    updatedBy: text('updated_by').notNull(),
  },
  (t) => [primaryKey({ columns: [t.version, t.entryId] })],
);

/** The out-of-scope example messages of a published version (label `unknown` of the classifier). */
export const kbVersionOutOfScope = sqliteTable(
  'kb_version_out_of_scope',
  {
    version: integer('version').notNull(),
    position: integer('position').notNull(),
    text: text('text').notNull(),
  },
  (t) => [primaryKey({ columns: [t.version, t.position] })],
);

/**
 * The concept words of a published version (knowledge/concepts.ts): a row per concept, in order,
 * its variants as a JSON array of strings. A version without rows here was written before these
 * rows existed (migration 0015) and has the shipped concepts (knowledge/concepts.yaml).
 */
export const kbVersionConcepts = sqliteTable(
  'kb_version_concepts',
  {
    version: integer('version').notNull(),
    position: integer('position').notNull(),
    term: text('term').notNull(),
    variants: text('variants').notNull(),
  },
  (t) => [primaryKey({ columns: [t.version, t.position] })],
);

/**
 * The draft: edits in progress over the latest version, one row per changed entry (`data` null: the
 * entry is removed in the draft). Publishing writes a version from the latest one and these rows,
 * and empties the draft.
 */
export const kbDraftEntries = sqliteTable('kb_draft_entries', {
  entryId: text('entry_id').primaryKey(),
  file: text('file').notNull(),
  data: text('data'),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  updatedBy: text('updated_by').notNull(),
});

/** Out-of-scope examples added in the draft (a review-queue question resolved as not ours). */
export const kbDraftOutOfScope = sqliteTable('kb_draft_out_of_scope', {
  text: text('text').primaryKey(),
  addedAt: integer('added_at', { mode: 'timestamp_ms' }).notNull(),
  addedBy: text('added_by').notNull(),
});

/**
 * Concepts changed in the draft: a row per concept added or whose variants changed (`variants`, a
 * JSON array), or removed (`variants` null). Publishing applies them to the latest version's list
 * (a new concept at the end) and empties them.
 */
export const kbDraftConcepts = sqliteTable('kb_draft_concepts', {
  term: text('term').primaryKey(),
  variants: text('variants'),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  updatedBy: text('updated_by').notNull(),
});

/**
 * The review queue (待完善问题): customer questions that got `unknown`, a low-confidence answer, a
 * handoff right after an answer, or a low rating. Near-duplicates share a row (`key`: the normalised
 * text without digits, spaces or punctuation); `text` is the latest wording with long digit runs
 * (phones, account numbers) masked. Resolved rows leave the queue and stay as regression questions
 * of the preview (`resolvedEntryId`).
 */
export const kbUnanswered = sqliteTable(
  'kb_unanswered',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    key: text('key').notNull(),
    text: text('text').notNull(),
    reason: text('reason', {
      enum: ['unknown', 'low_confidence', 'handoff_after_answer', 'low_rating'],
    }).notNull(),
    count: integer('count').notNull(),
    firstAt: integer('first_at', { mode: 'timestamp_ms' }).notNull(),
    lastAt: integer('last_at', { mode: 'timestamp_ms' }).notNull(),
    resolvedAt: integer('resolved_at', { mode: 'timestamp_ms' }),
    resolvedBy: text('resolved_by'),
    /** The entry the question was attached to; null with `resolvedAt` set: kept as out of scope. */
    resolvedEntryId: text('resolved_entry_id'),
  },
  (t) => [
    uniqueIndex('kb_unanswered_key').on(t.key),
    index('kb_unanswered_open_last').on(t.resolvedAt, t.lastAt),
    index('kb_unanswered_open_count').on(t.resolvedAt, t.count),
  ],
);

/**
 * Canned replies (快捷回复): texts staff put into the reply box in one click. Supervisors keep the
 * list; every agent uses it. Listed by title (a small table, read whole up to a limit, by index).
 */
export const cannedReplies = sqliteTable(
  'canned_replies',
  {
    id: text('id').primaryKey(),
    title: text('title').notNull(),
    text: text('text').notNull(),
    createdAt: createdAt(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
    /** The staff member (id) who wrote the current text. */
    updatedBy: text('updated_by').notNull(),
  },
  (t) => [index('canned_replies_title').on(t.title, t.id)],
);
