import { asc, eq, sql } from 'drizzle-orm';
import { it as base, describe, expect } from 'vitest';
import { STALE_CLAIM_MS } from '../db/channel-store.js';
import { atomic, type Db } from '../db/handle.js';
import type { NewOutage } from '../db/outage-store.js';
import {
  accounts,
  applicationEvents,
  applications,
  auditLog,
  bills,
  caseDeadlines,
  conversations,
  deliveries,
  messages,
} from '../db/schema.js';
import { createStores, type Stores } from '../db/stores.js';
import {
  type CaseFilter,
  type CasePosition,
  createSqliteTicketStore,
  type NewTicket,
  type Ticket,
  type TicketStore,
} from '../db/ticket-store.js';

/** A case's whole history, oldest first (small in these tests; the staff side reads it a page at a time). */
async function eventsOf(tickets: TicketStore, ticketId: string) {
  return (await tickets.history(ticketId, 1000)).items.reverse();
}

/** A freshly migrated, empty database on one driver, and how to let go of it. */
export interface TestDatabase {
  db: Db;
  close(): void | Promise<void>;
}

const at = (iso: string) => new Date(iso);
const T0 = at('2026-11-26T02:00:00.000Z');
const later = (ms: number) => new Date(T0.getTime() + ms);

const ticketNumber = (prefix: string) => (sequence: number) =>
  `${prefix}${String(sequence).padStart(4, '0')}`;

export function newTicket(id: string, overrides: Partial<NewTicket> = {}): NewTicket {
  return {
    id,
    kind: 'complaint',
    status: 'accepted',
    description: '抄表员态度恶劣',
    contactPhone: '13912345678',
    accountNumber: null,
    address: null,
    channel: 'form',
    userId: null,
    conversationId: null,
    acceptedAt: T0,
    deadlines: { contactDueAt: later(86_400_000).getTime() },
    calendarConfirmed: true,
    ...overrides,
  };
}

/** Every case, by paging through the staff list (for checks that need them all). */
async function allCases(stores: Stores): Promise<Ticket[]> {
  const all: Ticket[] = [];
  let after: CasePosition | undefined;
  do {
    const page = await stores.tickets.page({ filter: {}, asOf: T0, limit: 200, ...(after ? { after } : {}) });
    all.push(...page.items);
    after = page.next;
  } while (after);
  return all;
}

/** Opens a case with one deadline `dueIn` after its acceptance (T0 unless given), numbered by kind. */
async function openCase(
  stores: Stores,
  id: string,
  options: Partial<NewTicket> & { dueIn: number },
): Promise<Ticket> {
  const { dueIn, ...overrides } = options;
  const acceptedAt = overrides.acceptedAt ?? T0;
  const kind = overrides.kind ?? 'complaint';
  const prefix = kind === 'repair' ? 'BX20261126-' : 'TS20261126-';
  const name = kind === 'repair' ? 'arriveDueAt' : 'contactDueAt';
  return stores.tickets.create(
    newTicket(id, { ...overrides, kind, acceptedAt, deadlines: { [name]: acceptedAt.getTime() + dueIn } }),
    prefix,
    ticketNumber(prefix),
  );
}

/**
 * The store cases, run against each driver. Like drizzle's own integration tests, the database is
 * handed to every case through the test context: `open` makes a fresh migrated database per case.
 */
export function storeSuite(driver: string, open: () => Promise<TestDatabase>) {
  const it = base.extend<{ db: Db; stores: Stores }>({
    // biome-ignore lint/correctness/noEmptyPattern: vitest fixtures must destructure their context
    db: async ({}, use) => {
      const database = await open();
      await use(database.db);
      await database.close();
    },
    stores: async ({ db }, use) => {
      await use(createStores(db));
    },
  });

  describe(`stores on ${driver}`, () => {
    describe('conversations', () => {
      it('opens a channel user’s conversation once: a second open gives the same one', async ({ stores }) => {
        const first = await stores.store.openConversation('telegram', 'u1', 'c1', T0);
        const second = await stores.store.openConversation('telegram', 'u1', 'c2', later(1000));
        expect(second.id).toBe('c1');
        expect(first).toMatchObject({ id: 'c1', channel: 'telegram', userId: 'u1', mode: 'bot' });
        expect(second.createdAt).toEqual(T0);
        expect(await stores.store.getConversation('c2')).toBeUndefined();
        expect((await stores.store.findConversation('telegram', 'u1'))?.id).toBe('c1');
        expect(await stores.store.findConversation('wechat', 'u1')).toBeUndefined();
      });

      it('records a turn as one write: the state changes and the messages are appended', async ({
        stores,
      }) => {
        await stores.store.openConversation('web', 'w1', 'c1', T0);
        const flowState = { flow: 'bill', step: 'account' };
        const stored = await stores.store.recordTurn({
          conversationId: 'c1',
          flowState,
          mode: 'handoff',
          handoffSince: later(5000),
          unansweredStreak: 2,
          messages: [
            { role: 'customer', text: '电费多少' },
            { role: 'assistant', text: '请提供户号', intent: 'bill', sources: [{ id: 'k1', title: '电费' }] },
          ],
          at: later(5000),
        });
        expect(stored.map((m) => m.text)).toEqual(['电费多少', '请提供户号']);
        expect(stored[1]).toMatchObject({ intent: 'bill', sources: [{ id: 'k1', title: '电费' }] });
        expect(stored[0]?.id).toBeLessThan(stored[1]?.id ?? 0);
        const conversation = await stores.store.getConversation('c1');
        expect(conversation).toMatchObject({
          flowState,
          mode: 'handoff',
          handoffSince: later(5000),
          unansweredStreak: 2,
          updatedAt: later(5000),
        });
        expect(await stores.store.listMessages('c1')).toEqual(stored);
      });

      it('leaves the handoff time alone unless a turn sets or clears it, and stores no flow state as NULL', async ({
        stores,
        db,
      }) => {
        await stores.store.openConversation('web', 'w1', 'c1', T0);
        const turn = (handoffSince?: Date | null) =>
          stores.store.recordTurn({
            conversationId: 'c1',
            flowState: null,
            mode: handoffSince ? 'handoff' : 'bot',
            ...(handoffSince !== undefined ? { handoffSince } : {}),
            unansweredStreak: 0,
            messages: [{ role: 'customer', text: '转人工' }],
            at: later(1000),
          });
        await turn(later(1000));
        await turn(undefined);
        expect((await stores.store.getConversation('c1'))?.handoffSince).toEqual(later(1000));
        await turn(null);
        expect((await stores.store.getConversation('c1'))?.handoffSince).toBeNull();
        const [row] = (await db.all(
          sql`select flow_state is null as noState, handoff_since is null as noSince from conversations`,
        )) as { noState: number; noSince: number }[];
        expect(row).toEqual({ noState: 1, noSince: 1 });
        const [message] = (await db.all(sql`select sources is null as noSources from messages limit 1`)) as {
          noSources: number;
        }[];
        expect(message).toEqual({ noSources: 1 });
      });

      it('records nothing of a turn that fails part-way', async ({ stores }) => {
        await stores.store.openConversation('web', 'w1', 'c1', T0);
        await expect(
          stores.store.recordTurn({
            conversationId: 'c1',
            flowState: { flow: 'bill' },
            mode: 'bot',
            unansweredStreak: 3,
            // The second message breaks a NOT NULL constraint after the update and the first insert.
            messages: [
              { role: 'customer', text: '你好' },
              { role: 'assistant', text: null as unknown as string },
            ],
            at: later(1000),
          }),
        ).rejects.toThrow();
        expect(await stores.store.listMessages('c1')).toEqual([]);
        expect(await stores.store.getConversation('c1')).toMatchObject({
          flowState: null,
          unansweredStreak: 0,
          updatedAt: T0,
        });
      });

      it('lists messages after a cursor, oldest first, up to a limit', async ({ stores }) => {
        await stores.store.openConversation('web', 'w1', 'c1', T0);
        const stored = await stores.store.recordTurn({
          conversationId: 'c1',
          flowState: null,
          mode: 'bot',
          unansweredStreak: 0,
          messages: ['一', '二', '三', '四'].map((text) => ({ role: 'customer' as const, text })),
          at: T0,
        });
        const cursor = stored[1]?.id ?? 0;
        expect((await stores.store.listMessages('c1', cursor)).map((m) => m.text)).toEqual(['三', '四']);
        expect((await stores.store.listMessages('c1', 0, 2)).map((m) => m.text)).toEqual(['一', '二']);
        expect(await stores.store.listMessages('c1', stored[3]?.id)).toEqual([]);
        expect(await stores.store.listMessages('other')).toEqual([]);
        expect((await stores.store.latestMessages('c1', 2)).map((m) => m.text)).toEqual(['四', '三']);
        expect(await stores.store.latestMessages('other', 2)).toEqual([]);
      });

      it('hands a conversation over and back, with the waiting list and its last message', async ({
        stores,
      }) => {
        await stores.store.openConversation('web', 'w1', 'c1', T0);
        await stores.store.openConversation('telegram', 't1', 'c2', T0);
        await stores.store.openConversation('web', 'w3', 'c3', T0);
        await stores.store.appendMessage('c1', { role: 'customer', text: '我要投诉' }, T0);
        await stores.store.appendMessage('c1', { role: 'customer', text: '转人工' }, T0);
        await stores.store.appendMessage('c3', { role: 'customer', text: '你好' }, T0);
        await stores.store.setMode('c1', 'handoff', later(2000), null, later(2000));
        await stores.store.setMode('c2', 'handoff', later(1000), 'staff-1', later(1000));
        const handoffs = (await stores.store.listHandoffs()).items;
        expect(handoffs.map((h) => h.id)).toEqual(['c2', 'c1']);
        expect(handoffs[0]).toMatchObject({ handoffOwner: 'staff-1', lastMessage: undefined });
        expect(handoffs[1]?.lastMessage?.text).toBe('转人工');
        // Only c1 waits: c2 has its owner, c3 is with the bot.
        expect(await stores.store.countWaitingHandoffs()).toBe(1);
        await stores.store.setFlowState('c3', { flow: 'follow_up', ticketId: 't' }, later(3000));
        expect((await stores.store.getConversation('c3'))?.flowState).toEqual({
          flow: 'follow_up',
          ticketId: 't',
        });
        await stores.store.setMode('c1', 'bot', null, null, later(4000));
        expect((await stores.store.listHandoffs()).items.map((h) => h.id)).toEqual(['c2']);
      });

      it("lists the queue by owner with each customer's own last message, and lets one agent take a conversation", async ({
        stores,
      }) => {
        for (const id of ['c1', 'c2', 'c3']) await stores.store.openConversation('web', `u-${id}`, id, T0);
        await stores.store.appendMessage('c1', { role: 'customer', text: '电表箱在响' }, T0);
        await stores.store.appendMessage('c1', { role: 'assistant', text: '已为您转接人工客服' }, T0);
        await stores.store.setMode('c1', 'handoff', later(1000), null, later(1000));
        await stores.store.setMode('c2', 'handoff', later(2000), null, later(2000));
        const [c1, c2] = (await stores.store.listHandoffs()).items;
        expect(c1?.lastMessage?.text).toBe('已为您转接人工客服');
        expect(c1?.lastCustomerMessage?.text).toBe('电表箱在响');
        expect(c2?.lastCustomerMessage).toBeUndefined();

        expect(await stores.store.takeHandoff('c1', 'staff-1', later(3000))).toBe(true);
        // Taken already, or with the bot: nobody else gets it.
        expect(await stores.store.takeHandoff('c1', 'staff-2', later(3000))).toBe(false);
        expect(await stores.store.takeHandoff('c3', 'staff-2', later(3000))).toBe(false);
        expect((await stores.store.getConversation('c1'))?.handoffOwner).toBe('staff-1');
        expect((await stores.store.getConversation('c1'))?.handoffSince).toEqual(later(1000));

        const ids = async (owner: string | null | undefined) =>
          (await stores.store.listHandoffs({ owner })).items.map((h) => h.id);
        expect(await ids(null)).toEqual(['c2']);
        expect(await ids('staff-1')).toEqual(['c1']);
        expect(await ids('staff-2')).toEqual([]);
        expect(await ids(undefined)).toEqual(['c1', 'c2']);
      });

      it('keeps internal notes apart from the messages, read by time range', async ({ stores }) => {
        await stores.store.openConversation('web', 'u-n', 'cn', T0);
        await stores.store.appendMessage('cn', { role: 'customer', text: '你好' }, T0);
        await stores.store.addNote('cn', 'staff-1', '第一条备注', later(1000));
        await stores.store.addNote('cn', 'staff-2', '第二条备注', later(2000));
        expect((await stores.store.listMessages('cn')).map((m) => m.text)).toEqual(['你好']);
        const all = await stores.store.notesBetween('cn', T0, undefined, 10);
        expect(all.map((n) => [n.staffId, n.text])).toEqual([
          ['staff-1', '第一条备注'],
          ['staff-2', '第二条备注'],
        ]);
        expect(
          (await stores.store.notesBetween('cn', later(1500), undefined, 10)).map((n) => n.text),
        ).toEqual(['第二条备注']);
        expect((await stores.store.notesBetween('cn', T0, later(2000), 10)).map((n) => n.text)).toEqual([
          '第一条备注',
        ]);
      });

      it('pages through the handoff queue, longest waiting first, each with its last message', async ({
        stores,
      }) => {
        for (let i = 0; i < 5; i++) {
          await stores.store.openConversation('web', `w${i}`, `c${i}`, T0);
          await stores.store.appendMessage(`c${i}`, { role: 'customer', text: `第${i}位` }, T0);
          // Two wait since the same instant: the id orders them.
          await stores.store.setMode(`c${i}`, 'handoff', later(Math.min(i, 3) * 1000), null, T0);
        }
        const first = await stores.store.listHandoffs({ limit: 2 });
        expect(first.items.map((h) => [h.id, h.lastMessage?.text])).toEqual([
          ['c0', '第0位'],
          ['c1', '第1位'],
        ]);
        expect(first.next).toEqual({ since: later(1000).getTime(), id: 'c1' });
        const second = await stores.store.listHandoffs({
          limit: 2,
          ...(first.next ? { after: first.next } : {}),
        });
        expect(second.items.map((h) => h.id)).toEqual(['c2', 'c3']);
        const last = await stores.store.listHandoffs({
          limit: 2,
          ...(second.next ? { after: second.next } : {}),
        });
        expect(last).toEqual({ items: [expect.objectContaining({ id: 'c4' })] });
      });

      it('stores ratings with their comment and the case they follow up', async ({ stores }) => {
        await stores.store.openConversation('web', 'w1', 'c1', T0);
        const first = await stores.store.addRating('c1', 5, T0);
        const second = await stores.store.addRating('c1', 2, later(1000), 'ticket-1');
        expect(second).toBeGreaterThan(first);
        await stores.store.setRatingComment(second, '太慢');
        expect(await stores.store.listRatings()).toEqual([
          { score: 5, ticketId: null },
          { score: 2, ticketId: 'ticket-1' },
        ]);
        expect(await stores.tickets.counts(T0)).toMatchObject({ ratings: 2, ratingsSatisfied: 1 });
        expect(await stores.store.ping()).toBe(true);
        expect(await stores.store.countAccounts()).toBe(0);
      });
    });

    describe('messages outside a turn and the delivery outbox', () => {
      it('queues a message to a Telegram customer for delivery in the same write', async ({ stores, db }) => {
        await stores.store.openConversation('telegram', '4242', 'c1', T0);
        await stores.store.openConversation('telegram', '5353', 'c2', T0);
        const first = await stores.store.appendMessage(
          'c1',
          { role: 'staff', text: '您好，我是客服小王' },
          T0,
        );
        const other = await stores.store.appendMessage('c2', { role: 'staff', text: '另一位' }, T0);
        const second = await stores.store.appendMessage(
          'c1',
          { role: 'staff', text: '已为您登记' },
          later(1),
        );
        expect(first).toMatchObject({ conversationId: 'c1', role: 'staff', text: '您好，我是客服小王' });
        const queued = await stores.deliveries.forConversation('c1');
        expect(queued).toHaveLength(2);
        expect(queued[0]).toMatchObject({
          channel: 'telegram',
          address: '4242',
          conversationId: 'c1',
          messageId: first.id,
          text: '您好，我是客服小王',
          status: 'pending',
          attempts: 0,
          nextAttemptAt: T0,
        });
        expect(queued[1]?.messageId).toBe(second.id);
        expect((await stores.deliveries.forConversation('c2'))[0]?.messageId).toBe(other.id);
        expect(await db.select().from(messages).where(eq(messages.conversationId, 'c1')).all()).toHaveLength(
          2,
        );
      });

      it('queues nothing for a web customer (the page polls)', async ({ stores, db }) => {
        await stores.store.openConversation('web', 'w1', 'c1', T0);
        const message = await stores.store.appendMessage('c1', { role: 'staff', text: '您好' }, T0);
        expect(message.text).toBe('您好');
        expect(await db.select().from(deliveries).all()).toEqual([]);
        expect((await stores.store.listMessages('c1')).map((m) => m.id)).toEqual([message.id]);
      });

      it('stores neither the message nor its delivery when the write fails', async ({ stores, db }) => {
        await stores.store.openConversation('wechat', 'wx1', 'c1', T0);
        await expect(
          stores.store.appendMessage('c1', { role: 'staff', text: null as unknown as string }, T0),
        ).rejects.toThrow();
        expect(await db.select().from(messages).all()).toEqual([]);
        expect(await db.select().from(deliveries).all()).toEqual([]);
      });

      it('hands out due deliveries, and records sends, failures, give-ups and retries', async ({
        stores,
      }) => {
        const a = await stores.deliveries.enqueue(
          { channel: 'telegram', address: 'staff-chat', text: 'A' },
          T0,
        );
        const b = await stores.deliveries.enqueue({ channel: 'wechat', address: 'wx', text: 'B' }, later(10));
        const c = await stores.deliveries.enqueue(
          { channel: 'telegram', address: 't', text: 'C' },
          later(60_000),
        );
        expect(a).toMatchObject({ status: 'pending', attempts: 0, conversationId: null, messageId: null });
        expect((await stores.deliveries.due(later(10), ['telegram', 'wechat'])).map((d) => d.id)).toEqual([
          a.id,
          b.id,
        ]);
        expect((await stores.deliveries.due(later(60_000), ['telegram'])).map((d) => d.id)).toEqual([
          a.id,
          c.id,
        ]);
        expect(await stores.deliveries.due(later(60_000), [])).toEqual([]);
        expect(await stores.deliveries.due(later(60_000), ['telegram', 'wechat'], 1)).toHaveLength(1);

        await stores.deliveries.markSent(a.id, later(20));
        expect(await stores.deliveries.get(a.id)).toMatchObject({ status: 'sent', sentAt: later(20) });

        await stores.deliveries.markFailed(b.id, 'timeout', later(30_000));
        expect(await stores.deliveries.get(b.id)).toMatchObject({
          status: 'pending',
          attempts: 1,
          lastError: 'timeout',
          nextAttemptAt: later(30_000),
        });
        expect((await stores.deliveries.due(later(20_000), ['wechat'])).map((d) => d.id)).toEqual([]);
        expect((await stores.deliveries.due(later(30_000), ['wechat'])).map((d) => d.id)).toEqual([b.id]);

        await stores.deliveries.markFailed(b.id, 'x'.repeat(600), null);
        const failed = await stores.deliveries.get(b.id);
        expect(failed).toMatchObject({ status: 'failed', attempts: 2 });
        expect(failed?.lastError).toHaveLength(500);
        expect(await stores.deliveries.due(later(90_000), ['wechat'])).toEqual([]);

        expect(await stores.deliveries.retry(a.id, later(100_000))).toBe(false);
        expect(await stores.deliveries.retry(b.id, later(100_000))).toBe(true);
        expect(await stores.deliveries.get(b.id)).toMatchObject({
          status: 'pending',
          attempts: 0,
          nextAttemptAt: later(100_000),
        });
        expect(await stores.deliveries.retry(b.id, later(100_000))).toBe(false);
        await stores.deliveries.markFailed(999_999, 'nothing there', null);
        expect(await stores.deliveries.get(999_999)).toBeUndefined();
      });

      it('leases due deliveries of one channel to a remote bot until the lease runs out', async ({
        stores,
      }) => {
        const first = await stores.deliveries.enqueue({ channel: 'wechat', address: 'wx1', text: '1' }, T0);
        const second = await stores.deliveries.enqueue({ channel: 'wechat', address: 'wx2', text: '2' }, T0);
        await stores.deliveries.enqueue({ channel: 'telegram', address: 't', text: '3' }, T0);
        await stores.deliveries.enqueue({ channel: 'wechat', address: 'wx3', text: 'later' }, later(120_000));
        const leased = await stores.deliveries.lease('wechat', later(1), 60_000);
        expect(leased.map((d) => d.id)).toEqual([first.id, second.id]);
        expect(leased[0]?.nextAttemptAt).toEqual(later(60_001));
        expect(await stores.deliveries.lease('wechat', later(2), 60_000)).toEqual([]);
        expect((await stores.deliveries.lease('wechat', later(60_001), 60_000, 1)).map((d) => d.id)).toEqual([
          first.id,
        ]);
      });
    });

    describe('inbound events', () => {
      it('is claimed once; a completed event never again', async ({ stores }) => {
        expect(await stores.inboundEvents.claim('telegram', '1001', T0)).toBe(true);
        expect(await stores.inboundEvents.claim('telegram', '1001', later(1000))).toBe(false);
        expect(await stores.inboundEvents.claim('wechat', '1001', later(1000))).toBe(true);
        await stores.inboundEvents.complete('telegram', '1001');
        expect(await stores.inboundEvents.claim('telegram', '1001', later(STALE_CLAIM_MS * 10))).toBe(false);
      });

      it('is taken again when the claim went stale, and after a release', async ({ stores }) => {
        expect(await stores.inboundEvents.claim('telegram', '7', T0)).toBe(true);
        expect(await stores.inboundEvents.claim('telegram', '7', later(STALE_CLAIM_MS))).toBe(false);
        expect(await stores.inboundEvents.claim('telegram', '7', later(STALE_CLAIM_MS + 1))).toBe(true);
        // The re-claim renewed the claim: it is fresh again.
        expect(await stores.inboundEvents.claim('telegram', '7', later(STALE_CLAIM_MS + 2))).toBe(false);
        await stores.inboundEvents.release('telegram', '7');
        expect(await stores.inboundEvents.claim('telegram', '7', later(STALE_CLAIM_MS + 3))).toBe(true);
        await stores.inboundEvents.complete('telegram', '7');
        await stores.inboundEvents.release('telegram', '7');
        expect(await stores.inboundEvents.claim('telegram', '7', later(STALE_CLAIM_MS + 4))).toBe(false);
      });

      it('forgets events received before a time', async ({ stores }) => {
        await stores.inboundEvents.claim('telegram', 'old-1', T0);
        await stores.inboundEvents.claim('wechat', 'old-2', later(1));
        await stores.inboundEvents.claim('telegram', 'new', later(1000));
        expect(await stores.inboundEvents.prune(later(500))).toBe(2);
        expect(await stores.inboundEvents.claim('telegram', 'old-1', later(2000))).toBe(true);
        expect(await stores.inboundEvents.claim('telegram', 'new', later(2000))).toBe(false);
      });
    });

    describe('tickets', () => {
      it('creates a case with the day’s next number and its acceptance event', async ({ stores }) => {
        const numberFor = ticketNumber('TS20261126-');
        const first = await stores.tickets.create(newTicket('t1'), 'TS20261126-', numberFor);
        const second = await stores.tickets.create(newTicket('t2'), 'TS20261126-', numberFor);
        const otherKind = await stores.tickets.create(
          newTicket('t3'),
          'BX20261126-',
          ticketNumber('BX20261126-'),
        );
        expect([first.number, second.number, otherKind.number]).toEqual([
          'TS20261126-0001',
          'TS20261126-0002',
          'BX20261126-0001',
        ]);
        expect(first).toMatchObject({
          id: 't1',
          status: 'accepted',
          acceptedAt: T0,
          calendarConfirmed: true,
        });
        expect(first.deadlines).toEqual({ contactDueAt: later(86_400_000).getTime() });
        expect(await stores.tickets.get('t1')).toEqual(first);
        expect(await stores.tickets.findByNumber('TS20261126-0002')).toEqual(second);
        expect(await eventsOf(stores.tickets, 't1')).toMatchObject([
          { ticketId: 't1', type: 'status', status: 'accepted', actor: 'system', at: T0 },
        ]);
      });

      it('gives cases created at the same time distinct numbers, also from two processes', async ({
        stores,
        db,
      }) => {
        const numberFor = ticketNumber('BX20261126-');
        // A second store on the same database stands for another process (or Workers isolate):
        // its cases race the first store's, and the unique index settles it.
        const elsewhere = createSqliteTicketStore(db);
        const created = await Promise.all(
          Array.from({ length: 8 }, (_, i) =>
            (i % 2 ? elsewhere : stores.tickets).create(newTicket(`t${i}`), 'BX20261126-', numberFor),
          ),
        );
        expect(created.map((t) => t.number).sort()).toEqual(
          Array.from({ length: 8 }, (_, i) => numberFor(i + 1)),
        );
        for (const ticket of created) {
          expect(await eventsOf(stores.tickets, ticket.id)).toHaveLength(1);
        }
        expect(await allCases(stores)).toHaveLength(8);
        expect((await stores.tickets.counts(T0)).byKind.complaint.accepted).toBe(8);
      });

      it('numbers a burst of 200 cases at once without refusing any', async ({ stores }) => {
        const numberFor = ticketNumber('JY20261126-');
        const created = await Promise.all(
          Array.from({ length: 200 }, (_, i) =>
            stores.tickets.create(newTicket(`b${i}`), 'JY20261126-', numberFor),
          ),
        );
        expect(new Set(created.map((t) => t.number)).size).toBe(200);
        expect(
          created
            .map((t) => t.number)
            .sort()
            .at(-1),
        ).toBe('JY20261126-0200');
      });

      it('refuses only the case of a burst whose id is taken, and numbers the others without a gap', async ({
        stores,
      }) => {
        const numberFor = ticketNumber('JY20261126-');
        await stores.tickets.create(newTicket('taken'), 'JY20261126-', numberFor);
        const outcomes = await Promise.allSettled(
          ['b0', 'b1', 'taken', 'b2', 'b3'].map((id) =>
            stores.tickets.create(newTicket(id), 'JY20261126-', numberFor),
          ),
        );
        expect(outcomes.map((o) => o.status)).toEqual([
          'fulfilled',
          'fulfilled',
          'rejected',
          'fulfilled',
          'fulfilled',
        ]);
        const numbers = (await allCases(stores)).map((t) => t.number).sort();
        expect(numbers).toEqual([1, 2, 3, 4, 5].map(numberFor));
        expect(await eventsOf(stores.tickets, 'taken')).toHaveLength(1);
      });

      it('counts past the 9,999th case of a day', async ({ stores }) => {
        const numberFor = ticketNumber('TS20261126-');
        await stores.tickets.create(newTicket('t0'), 'TS20261126-', () => 'TS20261126-9999');
        await stores.tickets.create(newTicket('t9'), 'TS20261125-', () => 'TS20261125-0007');
        const next = await stores.tickets.create(newTicket('t1'), 'TS20261126-', numberFor);
        const after = await stores.tickets.create(newTicket('t2'), 'TS20261126-', numberFor);
        expect([next.number, after.number]).toEqual(['TS20261126-10000', 'TS20261126-10001']);
      });

      it('does not retry a case whose id is taken', async ({ stores }) => {
        const numberFor = ticketNumber('TS20261126-');
        await stores.tickets.create(newTicket('t1'), 'TS20261126-', numberFor);
        await expect(stores.tickets.create(newTicket('t1'), 'TS20261126-', numberFor)).rejects.toThrow();
        expect(await eventsOf(stores.tickets, 't1')).toHaveLength(1);
      });

      it('records status changes with who made them, in order', async ({ stores }) => {
        await stores.tickets.create(newTicket('t1'), 'TS20261126-', ticketNumber('TS20261126-'));
        await stores.tickets.setStatus('t1', 'contacted', 'staff-1', '已电话联系', later(1000));
        await stores.tickets.setStatus('t1', 'closed', 'staff-2', null, later(2000));
        expect((await stores.tickets.get('t1'))?.status).toBe('closed');
        const events = await eventsOf(stores.tickets, 't1');
        expect(events.map((e) => [e.status, e.actor, e.note])).toEqual([
          ['accepted', 'system', null],
          ['contacted', 'staff-1', '已电话联系'],
          ['closed', 'staff-2', null],
        ]);
      });

      it('escalates once per case, deadline and threshold', async ({ stores }) => {
        await stores.tickets.create(newTicket('t1'), 'TS20261126-', ticketNumber('TS20261126-'));
        const soon = { ticketId: 't1', type: 'due_soon', deadline: 'contactDueAt' } as const;
        const late = { ticketId: 't1', type: 'overdue', deadline: 'contactDueAt' } as const;
        // Twice in one pass, and again in the next: recorded once.
        expect(await stores.tickets.escalate([soon, soon], later(1))).toEqual([true, false]);
        expect(await stores.tickets.escalate([soon], later(2))).toEqual([false]);
        expect(await stores.tickets.escalate([late, { ...soon, deadline: 'replyDueAt' }], later(3))).toEqual([
          true,
          true,
        ]);
        expect(await stores.tickets.escalate([], later(4))).toEqual([]);
        expect((await eventsOf(stores.tickets, 't1')).map((e) => e.type)).toEqual([
          'status',
          'due_soon',
          'overdue',
          'due_soon',
        ]);
        // The live updates' signal moved with the one new overdue escalation only.
        expect(await stores.tickets.overdueSignal()).toBe(1);
        expect(await stores.tickets.escalate([late], later(5))).toEqual([false]);
        expect(await stores.tickets.overdueSignal()).toBe(1);
      });

      it('assigns cases in one write, with an event only where the assignee changes', async ({ stores }) => {
        const numberFor = ticketNumber('TS20261126-');
        await stores.tickets.create(newTicket('a1'), 'TS20261126-', numberFor);
        await stores.tickets.create(newTicket('a2'), 'TS20261126-', numberFor);
        await stores.tickets.create(newTicket('a3', { status: 'closed' }), 'TS20261126-', numberFor);
        const wang = { id: 's-wang', username: 'wang' };
        const request = { assignee: wang, actor: 'admin', at: later(1) };
        expect(await stores.tickets.assign({ ...request, ticketIds: ['a1'] })).toBe(1);
        expect(await stores.tickets.assign({ ...request, ticketIds: ['a1', 'a2', 'a3'] })).toBe(1);
        expect((await stores.tickets.get('a2'))?.assignee).toBe('s-wang');
        expect((await stores.tickets.get('a3'))?.assignee).toBeNull();
        expect((await eventsOf(stores.tickets, 'a1')).map((e) => [e.type, e.actor, e.assignee])).toEqual([
          ['status', 'system', null],
          ['assigned', 'admin', 'wang'],
        ]);
        expect((await stores.tickets.findByNumbers(['TS20261126-0002', 'X'])).map((t) => t.id)).toEqual([
          'a2',
        ]);
        await stores.tickets.addNote('a1', '已联系', 'wang', later(2));
        const page = await stores.tickets.history('a1', 2);
        expect(page.items.map((e) => e.type)).toEqual(['note', 'assigned']);
        expect(page.next).toBeDefined();
        const rest = await stores.tickets.history('a1', 2, page.next);
        expect(rest).toEqual({ items: [expect.objectContaining({ type: 'status' })] });
      });

      it('lists cases by user and by account, newest first', async ({ stores }) => {
        const numberFor = ticketNumber('BX20261126-');
        await stores.tickets.create(
          newTicket('late', { acceptedAt: later(2000), channel: 'telegram', userId: 'u1' }),
          'BX20261126-',
          numberFor,
        );
        await stores.tickets.create(
          newTicket('early', {
            acceptedAt: later(1000),
            channel: 'telegram',
            userId: 'u1',
            accountNumber: 'A1',
          }),
          'BX20261126-',
          numberFor,
        );
        await stores.tickets.create(newTicket('closed', { accountNumber: 'A1' }), 'BX20261126-', numberFor);
        expect((await stores.tickets.listForUser('telegram', 'u1')).map((t) => t.id)).toEqual([
          'late',
          'early',
        ]);
        expect((await stores.tickets.listForAccount('A1')).map((t) => t.id)).toEqual(['early', 'closed']);
        expect(await stores.tickets.listForUser('wechat', 'u1')).toEqual([]);
      });

      it('lists overdue cases first, soonest deadline first, then the others newest first, a page at a time', async ({
        stores,
      }) => {
        const hour = 3600_000;
        // Accepted one an hour, each due 5 hours after acceptance: at T0 + 7 h, a0–a2 are overdue.
        for (let i = 0; i < 6; i++)
          await openCase(stores, `a${i}`, { acceptedAt: later(i * hour), dueIn: 5 * hour });
        const asOf = later(7 * hour);
        const ids = async (limit: number) => {
          const seen: string[][] = [];
          let after: CasePosition | undefined;
          do {
            const page = await stores.tickets.page({ filter: {}, asOf, limit, ...(after ? { after } : {}) });
            seen.push(page.items.map((t) => t.id));
            after = page.next;
          } while (after);
          return seen;
        };
        expect(await ids(4)).toEqual([
          ['a0', 'a1', 'a2', 'a5'],
          ['a4', 'a3'],
        ]);
        expect(await ids(3)).toEqual([
          ['a0', 'a1', 'a2'],
          ['a5', 'a4', 'a3'],
        ]);
        expect((await ids(6)).flat()).toEqual(['a0', 'a1', 'a2', 'a5', 'a4', 'a3']);
        // Met deadlines no longer make a case overdue: contacted, a1 joins the others by age.
        await stores.tickets.setStatus('a1', 'contacted', 'staff-1', null, asOf);
        expect((await ids(6)).flat()).toEqual(['a0', 'a2', 'a5', 'a4', 'a3', 'a1']);
      });

      it('filters by status, kind and overdue, and finds a case by number, phone or account number', async ({
        stores,
      }) => {
        const hour = 3600_000;
        await openCase(stores, 'late', { dueIn: hour, contactPhone: '13900001111' });
        await openCase(stores, 'fresh', {
          acceptedAt: later(1000),
          dueIn: 100 * hour,
          accountNumber: '1000000001',
        });
        await openCase(stores, 'repair', { kind: 'repair', acceptedAt: later(2000), dueIn: 100 * hour });
        await stores.tickets.setStatus('fresh', 'contacted', 'staff-1', null, later(3000));
        const find = async (filter: CaseFilter) =>
          (await stores.tickets.page({ filter, asOf: later(2 * hour), limit: 50 })).items.map((t) => t.id);
        expect(await find({})).toEqual(['late', 'repair', 'fresh']);
        expect(await find({ overdue: true })).toEqual(['late']);
        expect(await find({ overdue: false })).toEqual(['repair', 'fresh']);
        expect(await find({ status: 'contacted' })).toEqual(['fresh']);
        expect(await find({ kind: 'repair' })).toEqual(['repair']);
        expect(await find({ kind: 'complaint', status: 'accepted' })).toEqual(['late']);
        expect(await find({ q: 'ts20261126-0002' })).toEqual(['fresh']);
        expect(await find({ q: ' 139-0000-1111 ' })).toEqual(['late']);
        expect(await find({ q: '1000000001' })).toEqual(['fresh']);
        expect(await find({ q: '1000000001', overdue: true })).toEqual([]);
        expect(await find({ q: '抄表员' })).toEqual([]);
      });

      it('gives every case exactly once, page after page, while new cases arrive', async ({ stores }) => {
        const hour = 3600_000;
        for (let i = 0; i < 30; i++)
          await openCase(stores, `old${i}`, {
            acceptedAt: later(i * 1000),
            dueIn: i % 3 ? 100 * hour : hour,
          });
        const asOf = later(2 * hour);
        const seen: string[] = [];
        let after: CasePosition | undefined;
        let arrivals = 0;
        do {
          const page = await stores.tickets.page({ filter: {}, asOf, limit: 7, ...(after ? { after } : {}) });
          seen.push(...page.items.map((t) => t.id));
          after = page.next;
          // Two new cases between pages: newer than everything listed, they belong before the walk's position.
          for (let i = 0; i < 2; i++)
            await openCase(stores, `new${arrivals++}`, {
              acceptedAt: later(hour + arrivals * 1000),
              dueIn: hour,
            });
        } while (after);
        // Each case listed once; every case there when the walk began among them (new ones may join it).
        expect(new Set(seen).size).toBe(seen.length);
        expect(seen).toEqual(expect.arrayContaining(Array.from({ length: 30 }, (_, i) => `old${i}`)));
      });

      it('keeps each deadline as a row, met by the status that meets it, the soonest unmet one on the case', async ({
        stores,
        db,
      }) => {
        const contact = later(3600_000);
        const reply = later(7 * 86_400_000);
        await stores.tickets.create(
          newTicket('t1', { deadlines: { contactDueAt: contact.getTime(), replyDueAt: reply.getTime() } }),
          'TS20261126-',
          ticketNumber('TS20261126-'),
        );
        const rows = async () =>
          (await db.select().from(caseDeadlines).orderBy(asc(caseDeadlines.dueAt)).all()).map((d) => [
            d.name,
            d.met,
          ]);
        expect(await rows()).toEqual([
          ['contactDueAt', false],
          ['replyDueAt', false],
        ]);
        expect((await stores.tickets.get('t1'))?.nextDueAt).toEqual(contact);
        await stores.tickets.setStatus('t1', 'contacted', 'staff-1', null, later(1000));
        expect(await rows()).toEqual([
          ['contactDueAt', true],
          ['replyDueAt', false],
        ]);
        expect((await stores.tickets.get('t1'))?.nextDueAt).toEqual(reply);
        await stores.tickets.setStatus('t1', 'closed', 'staff-1', null, later(2000));
        expect(await rows()).toEqual([
          ['contactDueAt', true],
          ['replyDueAt', true],
        ]);
        expect((await stores.tickets.get('t1'))?.nextDueAt).toBeNull();
      });

      it('hands the scanner only the deadlines due and not yet escalated that far', async ({ stores }) => {
        const hour = 3600_000;
        await openCase(stores, 'past', { dueIn: hour });
        await openCase(stores, 'soon', { dueIn: 3 * hour });
        await openCase(stores, 'far', { dueIn: 30 * hour });
        await openCase(stores, 'met', { dueIn: hour });
        await stores.tickets.setStatus('met', 'contacted', 'staff-1', null, later(1000));
        const now = later(2 * hour);
        const horizon = later(4 * hour);
        const due = async () =>
          (await stores.tickets.dueDeadlines(now, horizon, 10)).map((d) => [d.ticket.id, d.escalated]);
        expect(await due()).toEqual([
          ['past', 'none'],
          ['soon', 'none'],
        ]);
        expect(
          await stores.tickets.escalate(
            [
              { ticketId: 'past', type: 'overdue', deadline: 'contactDueAt' },
              { ticketId: 'soon', type: 'due_soon', deadline: 'contactDueAt' },
            ],
            now,
          ),
        ).toEqual([true, true]);
        expect(await due()).toEqual([]);
        // Once its deadline passes, the due-soon one is handed out again, to be escalated as overdue.
        const afterwards = await stores.tickets.dueDeadlines(later(3 * hour), later(5 * hour), 10);
        expect(afterwards.map((d) => [d.ticket.id, d.name, d.escalated])).toEqual([
          ['soon', 'contactDueAt', 'due_soon'],
        ]);
        expect(await stores.tickets.dueDeadlines(now, horizon, 1)).toEqual([]);
        expect(
          (await stores.tickets.dueDeadlines(later(40 * hour), later(40 * hour), 1)).map((d) => d.ticket.id),
        ).toEqual(['soon']);
      });

      it('counts cases by kind and status, the overdue ones, follow-ups and their answers, as they change', async ({
        stores,
      }) => {
        const hour = 3600_000;
        await stores.store.openConversation('web', 'w1', 'c1', T0);
        await openCase(stores, 't1', { dueIn: hour });
        await openCase(stores, 't2', { dueIn: 100 * hour });
        await openCase(stores, 'r1', { kind: 'repair', dueIn: hour });
        await stores.tickets.setStatus('t2', 'closed', 'staff-1', null, later(1000));
        await stores.tickets.recordFollowUp('t2', 'chat', later(1000));
        await stores.tickets.recordFollowUp('t2', 'chat', later(1500));
        const counts = await stores.tickets.counts(later(2 * hour));
        expect(counts.byKind.complaint).toEqual({ accepted: 1, contacted: 0, replied: 0, closed: 1 });
        expect(counts.byKind.repair).toMatchObject({ accepted: 1, closed: 0 });
        expect(counts.overdueByKind).toMatchObject({ complaint: 1, repair: 1, report: 0 });
        expect(counts).toMatchObject({ followUps: 1, followUpsAnswered: 0, ratings: 0, ratingsSatisfied: 0 });
        expect((await stores.tickets.unansweredFollowUps(10)).map((t) => t.id)).toEqual(['t2']);

        await stores.store.addRating('c1', 4, later(3000), 't2');
        await stores.store.addRating('c1', 2, later(4000), 't2');
        expect(await stores.tickets.counts(later(2 * hour))).toMatchObject({
          followUps: 1,
          followUpsAnswered: 1,
          ratings: 2,
          ratingsSatisfied: 1,
        });
        expect(await stores.tickets.unansweredFollowUps(10)).toEqual([]);
      });
    });

    describe('staff', () => {
      const user = {
        id: 's1',
        username: 'wang',
        passwordHash: 'scrypt$…',
        role: 'agent' as const,
        createdAt: T0,
      };

      it('stores users, unique by user name', async ({ stores }) => {
        expect(await stores.staff.count()).toBe(0);
        await stores.staff.create(user);
        await stores.staff.create({ ...user, id: 's2', username: 'li', role: 'supervisor' });
        expect(await stores.staff.count()).toBe(2);
        await expect(stores.staff.create({ ...user, id: 's3' })).rejects.toThrow();
        expect(await stores.staff.findByUsername('wang')).toMatchObject({
          id: 's1',
          role: 'agent',
          mustChangePassword: false,
        });
        await stores.staff.create({ ...user, id: 's4', username: 'first', mustChangePassword: true });
        expect(await stores.staff.findById('s4')).toMatchObject({ mustChangePassword: true });
        await stores.staff.setPassword('s4', 'scrypt$new');
        expect(await stores.staff.findById('s4')).toMatchObject({
          passwordHash: 'scrypt$new',
          mustChangePassword: false,
        });
        expect(await stores.staff.findById('s2')).toMatchObject({ username: 'li', role: 'supervisor' });
        expect(await stores.staff.findByUsername('nobody')).toBeUndefined();
      });

      it('keeps sessions until deleted or expired, and an audit trail', async ({ stores, db }) => {
        await stores.staff.create(user);
        const session = (tokenHash: string, expiresAt: Date) => ({
          tokenHash,
          staffId: 's1',
          csrfToken: `csrf-${tokenHash}`,
          createdAt: T0,
          expiresAt,
        });
        await stores.staff.createSession(session('h1', later(1000)));
        await stores.staff.createSession(session('h2', later(10_000)));
        await stores.staff.createSession(session('h3', later(10_000)));
        expect(await stores.staff.findSession('h1')).toEqual(session('h1', later(1000)));
        await stores.staff.deleteExpiredSessions(later(5000));
        expect(await stores.staff.findSession('h1')).toBeUndefined();
        expect(await stores.staff.findSession('h2')).toBeDefined();
        await stores.staff.deleteSession('h2');
        expect(await stores.staff.findSession('h2')).toBeUndefined();
        expect(await stores.staff.findSession('h3')).toBeDefined();

        await stores.staff.audit('s1', 'view_account', 'A1', later(1));
        await stores.staff.audit('s1', 'close_case', 't1', later(2));
        const trail = await db.select().from(auditLog).orderBy(asc(auditLog.id)).all();
        expect(trail.map((r) => [r.action, r.target, r.at])).toEqual([
          ['view_account', 'A1', later(1)],
          ['close_case', 't1', later(2)],
        ]);
      });
    });

    describe('abuse limits', () => {
      it('counts events per key in fixed windows, each of a burst at once counted once', async ({
        stores,
      }) => {
        const counted = await Promise.all(
          Array.from({ length: 12 }, () => stores.limits.count('handoff:addr:203.0.113.1', 60_000, T0)),
        );
        expect(counted.map((c) => c.count).sort((a, b) => a - b)).toEqual(
          Array.from({ length: 12 }, (_, i) => i + 1),
        );
        expect(counted[0]?.windowEnds).toEqual(at('2026-11-26T02:01:00.000Z'));
        expect((await stores.limits.count('handoff:addr:203.0.113.2', 60_000, T0)).count).toBe(1);
        // The next window starts again; a clock a little behind still counts into the current one.
        expect((await stores.limits.count('handoff:addr:203.0.113.1', 60_000, later(61_000))).count).toBe(1);
        expect(await stores.limits.count('handoff:addr:203.0.113.1', 60_000, later(59_000))).toEqual({
          count: 2,
          windowEnds: at('2026-11-26T02:02:00.000Z'),
        });
        expect(await stores.limits.pruneCounters(later(60_000))).toBe(1);
        expect((await stores.limits.count('handoff:addr:203.0.113.2', 60_000, later(61_000))).count).toBe(1);
      });

      it('spaces attempts alike whether they come at once or one after another', async ({ stores }) => {
        const spacing = { free: 3, firstDelayMs: 1000, maxDelayMs: 4000, forgetAfterMs: 3600_000 };
        const burst = await Promise.all(
          Array.from({ length: 10 }, () => stores.limits.claimAttempt('admin@203.0.113.1', T0, spacing)),
        );
        expect(burst.filter((c) => c.allowed)).toHaveLength(3);
        expect(burst.filter((c) => !c.allowed).map((c) => c.nextAllowedAt)).toEqual(
          Array.from({ length: 7 }, () => later(1000)),
        );
        expect(await stores.limits.claimAttempt('admin@203.0.113.1', later(999), spacing)).toEqual({
          allowed: false,
          nextAllowedAt: later(1000),
        });
        expect(await stores.limits.claimAttempt('admin@203.0.113.1', later(1000), spacing)).toEqual({
          allowed: true,
          attempts: 4,
          nextAllowedAt: later(3000),
        });
        expect(await stores.limits.claimAttempt('admin@203.0.113.1', later(3000), spacing)).toMatchObject({
          attempts: 5,
          nextAllowedAt: later(7000),
        });
        expect(await stores.limits.claimAttempt('admin@203.0.113.1', later(7000), spacing)).toMatchObject({
          attempts: 6,
          nextAllowedAt: later(11_000),
        });
        // Another key is not held back; a success, or a quiet hour, starts the count again.
        expect(await stores.limits.claimAttempt('admin@203.0.113.2', later(7000), spacing)).toMatchObject({
          allowed: true,
          attempts: 1,
        });
        await stores.limits.forgetAttempts('admin@203.0.113.2');
        expect(await stores.limits.claimAttempt('admin@203.0.113.2', later(7000), spacing)).toMatchObject({
          attempts: 1,
        });
        expect(
          await stores.limits.claimAttempt('admin@203.0.113.1', later(7000 + 3600_000), spacing),
        ).toMatchObject({ allowed: true, attempts: 1 });
        expect(await stores.limits.pruneAttempts(later(7001))).toBe(1);
      });
    });

    describe('accounts', () => {
      async function seedAccounts(db: Db) {
        await db
          .insert(accounts)
          .values([
            {
              accountNumber: '0100000001',
              customerClass: 'resident',
              classLabel: '居民',
              name: '张三',
              phone: '13900001234',
              address: '城关镇幸福路 1 号',
              createdAt: T0,
            },
            {
              accountNumber: '0100000002',
              customerClass: 'low_voltage',
              classLabel: '低压非居民',
              name: '李四商店',
              phone: '13900005678',
              address: null,
              createdAt: T0,
            },
          ])
          .run();
        await db
          .insert(bills)
          .values([
            { accountNumber: '0100000001', period: '2026-09', amountFen: 12_345, status: 'paid', paidAt: T0 },
            {
              accountNumber: '0100000001',
              period: '2026-10',
              amountFen: 23_456,
              status: 'unpaid',
              paidAt: null,
            },
          ])
          .run();
        await db
          .insert(applications)
          .values({
            number: 'SQ2026100001',
            accountNumber: '0100000002',
            kind: '低压新装',
            acceptedOn: '2026-10-08',
            currentStage: 'design_review',
            createdAt: T0,
          })
          .run();
        await db
          .insert(applicationEvents)
          .values([
            { applicationNumber: 'SQ2026100001', stage: 'supply_plan_reply', startedOn: '2026-10-09' },
            { applicationNumber: 'SQ2026100001', stage: 'accepted', startedOn: '2026-10-08' },
          ])
          .run();
      }

      it('looks up accounts, bills and applications', async ({ stores, db }) => {
        await seedAccounts(db);
        expect(await stores.store.countAccounts()).toBe(2);
        expect(await stores.accounts.findAccount('0100000001')).toMatchObject({
          name: '张三',
          createdAt: T0,
        });
        expect(await stores.accounts.findAccount('0199999999')).toBeUndefined();
        const bills = await stores.accounts.listBills('0100000001');
        expect(bills.map((b) => [b.period, b.amountFen, b.status])).toEqual([
          ['2026-10', 23_456, 'unpaid'],
          ['2026-09', 12_345, 'paid'],
        ]);
        expect(bills[1]?.paidAt).toEqual(T0);
        expect((await stores.accounts.listApplications('0100000002')).map((a) => a.number)).toEqual([
          'SQ2026100001',
        ]);
        expect(await stores.accounts.findApplication('SQ2026100001')).toMatchObject({
          currentStage: 'design_review',
        });
        expect((await stores.accounts.listApplicationEvents('SQ2026100001')).map((e) => e.stage)).toEqual([
          'accepted',
          'supply_plan_reply',
        ]);
      });

      it('binds a channel user to accounts until the binding expires, and unbinds', async ({
        stores,
        db,
      }) => {
        await seedAccounts(db);
        const user = { channel: 'telegram' as const, userId: 'u1' };
        await stores.accounts.bind(user, '0100000002', later(10), later(1000));
        await stores.accounts.bind(user, '0100000001', T0, later(50));
        expect(await stores.accounts.boundAccounts(user, later(20))).toEqual(['0100000001', '0100000002']);
        expect(await stores.accounts.boundAccounts(user, later(60))).toEqual(['0100000002']);
        // Verifying again renews the binding.
        await stores.accounts.bind(user, '0100000001', later(70), later(5000));
        expect(await stores.accounts.boundAccounts(user, later(2000))).toEqual(['0100000001']);
        expect(await stores.accounts.boundAccounts({ channel: 'wechat', userId: 'u1' }, T0)).toEqual([]);
        expect(await stores.accounts.unbind(user, '0100000002')).toBe(1);
        await stores.accounts.bind(user, '0100000002', later(80), later(5000));
        expect(await stores.accounts.unbind(user)).toBe(2);
        expect(await stores.accounts.unbind(user)).toBe(0);
      });

      it('finds the conversations of an account’s chat users, the latest verified first, at most as many as asked', async ({
        stores,
        db,
      }) => {
        await seedAccounts(db);
        const users = ['a', 'b', 'c'].map((userId) => ({ channel: 'web' as const, userId }));
        for (const [i, user] of users.entries()) {
          await stores.store.openConversation(user.channel, user.userId, `conv-${user.userId}`, later(i));
          await stores.accounts.bind(user, '0100000001', later(10 * i), later(100));
        }
        // A chat user without a conversation and another account's user are not listed.
        await stores.accounts.bind(
          { channel: 'telegram', userId: 'silent' },
          '0100000001',
          later(5),
          later(100),
        );
        await stores.store.openConversation('web', 'other', 'conv-other', T0);
        await stores.accounts.bind({ channel: 'web', userId: 'other' }, '0100000002', later(40), later(100));
        const found = await stores.accounts.conversationsOfAccount('0100000001', 2);
        expect(found.map((c) => [c.id, c.channel, c.verifiedAt])).toEqual([
          ['conv-c', 'web', later(20)],
          ['conv-b', 'web', later(10)],
        ]);
        expect((await stores.accounts.conversationsOfAccount('0100000001', 10)).map((c) => c.id)).toEqual([
          'conv-c',
          'conv-b',
          'conv-a',
        ]);
      });

      it('counts failed identity checks by this user and by anyone', async ({ stores }) => {
        const me = { channel: 'web' as const, userId: 'me' };
        const other = { channel: 'telegram' as const, userId: 'other' };
        await stores.accounts.recordAttempt(me, '0100000001', false, later(1));
        await stores.accounts.recordAttempt(other, '0100000001', false, later(2));
        await stores.accounts.recordAttempt(me, '0100000001', true, later(3));
        await stores.accounts.recordAttempt(me, '0100000001', false, T0);
        await stores.accounts.recordAttempt(me, '0100000009', false, later(4));
        expect(await stores.accounts.recentFailures(me, '0100000001', later(1))).toEqual({
          byUser: [later(1)],
          byAnyone: [later(1), later(2)],
        });
      });
    });

    it('atomic(): runs statements in order with their results, and undoes all when one fails', async ({
      db,
    }) => {
      const [, inserted] = await atomic(db, [
        db
          .insert(conversations)
          .values({ id: 'c1', channel: 'web', userId: 'w1', createdAt: T0, updatedAt: T0 }),
        db
          .insert(messages)
          .values({ conversationId: 'c1', role: 'customer', text: '一', createdAt: T0 })
          .returning(),
        db.select({ id: conversations.id }).from(conversations),
      ]);
      expect(inserted).toMatchObject([{ conversationId: 'c1', text: '一', createdAt: T0 }]);
      await expect(
        atomic(db, [
          db
            .insert(conversations)
            .values({ id: 'c2', channel: 'web', userId: 'w2', createdAt: T0, updatedAt: T0 }),
          db.update(conversations).set({ unansweredStreak: 9 }).where(eq(conversations.id, 'c1')),
          db.insert(messages).values({ conversationId: 'c2', role: 'customer', text: '二', createdAt: T0 }),
          // A foreign key the database refuses, after three statements that succeeded.
          db
            .insert(messages)
            .values({ conversationId: 'nowhere', role: 'customer', text: '三', createdAt: T0 }),
        ]),
      ).rejects.toThrow();
      expect(await db.select({ id: conversations.id }).from(conversations).all()).toEqual([{ id: 'c1' }]);
      expect((await db.select().from(conversations).get())?.unansweredStreak).toBe(0);
      expect((await db.select().from(messages).all()).map((m) => m.text)).toEqual(['一']);
    });

    describe('outages', () => {
      const fault = (id: string, areas: string[], startsAt = T0): NewOutage => ({
        id,
        kind: 'fault',
        areas,
        startsAt,
        endsAt: null,
        expectedRestoreAt: later(4 * 3600_000),
        reason: '电缆故障',
        createdBy: 'admin',
      });

      it('numbers outages by day and finds the open ones of an area by time; closed ones are no longer found', async ({
        stores,
      }) => {
        const first = await stores.outages.create(fault('o1', ['城东片区', '城西片区']), 'TD20261126', T0);
        const second = await stores.outages.create(
          {
            ...fault('o2', ['城东片区']),
            kind: 'planned',
            startsAt: later(3 * 86_400_000),
            endsAt: later(3 * 86_400_000 + 3600_000),
          },
          'TD20261126',
          T0,
        );
        expect([first.number, second.number]).toEqual(['TD20261126-0001', 'TD20261126-0002']);
        const now = later(60_000);
        expect((await stores.outages.activeIn('城东片区', now, now)).map((o) => o.id)).toEqual(['o1']);
        expect(
          (await stores.outages.activeIn('城东片区', now, later(14 * 86_400_000))).map((o) => o.id),
        ).toEqual(['o1', 'o2']);
        expect((await stores.outages.activeIn('开发区片区', now, now)).map((o) => o.id)).toEqual([]);
        const restored = await stores.outages.update('o1', { status: 'restored' }, later(3600_000));
        expect(restored).toMatchObject({ status: 'restored', version: 2, closedAt: later(3600_000) });
        expect(await stores.outages.activeIn('城西片区', later(2 * 3600_000), later(2 * 3600_000))).toEqual(
          [],
        );
        const page = await stores.outages.page({ area: '城东片区', limit: 1 });
        expect(page.items.map((o) => o.id)).toEqual(['o2']);
        const rest = await stores.outages.page({ area: '城东片区', limit: 1, after: page.next });
        expect(rest.items.map((o) => o.id)).toEqual(['o1']);
        expect(rest.next).toBeUndefined();
        expect((await stores.outages.page({ active: true, limit: 10 })).items.map((o) => o.id)).toEqual([
          'o2',
        ]);
      });

      it('links a customer once, and tells each linked customer of a change once: transcript and outbox', async ({
        stores,
      }) => {
        await stores.store.openConversation('telegram', 't1', 'c1', T0);
        await stores.store.openConversation('web', 'w1', 'c2', T0);
        const outage = await stores.outages.create(fault('o1', ['城东片区']), 'TD20261126', T0);
        await stores.outages.link(outage, 'c1', T0);
        await stores.outages.link(outage, 'c1', later(1000));
        await stores.outages.link(outage, 'c2', later(2000));
        expect((await stores.outages.get('o1'))?.linked).toBe(2);
        const changed = await stores.outages.update('o1', { status: 'restored' }, later(3600_000));
        expect(changed?.tellPending).toBe(true);
        expect((await stores.outages.withTellingPending(10)).map((o) => o.id)).toEqual(['o1']);
        const first = await stores.outages.linkedToTell('o1', 2, 1);
        expect(first).toHaveLength(1);
        await stores.outages.tellLinked(
          'o1',
          2,
          first.map((recipient) => ({ recipient, text: '已恢复供电' })),
          later(3600_000),
        );
        const second = await stores.outages.linkedToTell('o1', 2, 10);
        expect(second.map((r) => r.conversationId)).not.toContain(first[0]?.conversationId);
        await stores.outages.tellLinked(
          'o1',
          2,
          second.map((recipient) => ({ recipient, text: '已恢复供电' })),
          later(3600_000),
        );
        expect(await stores.outages.linkedToTell('o1', 2, 10)).toEqual([]);
        // Passes that read the same batch: the second writes nothing.
        await stores.outages.tellLinked(
          'o1',
          2,
          second.map((recipient) => ({ recipient, text: '已恢复供电' })),
          later(3600_000),
        );
        await stores.outages.doneTelling('o1', 2);
        expect(await stores.outages.withTellingPending(10)).toEqual([]);
        expect((await stores.outages.get('o1'))?.notified).toBe(2);
        expect((await stores.store.listMessages('c2')).map((m) => m.text)).toEqual(['已恢复供电']);
        // Only the Telegram customer's message goes through the outbox; the web one reads the transcript.
        expect((await stores.deliveries.forConversation('c1')).map((d) => [d.address, d.text])).toEqual([
          ['t1', '已恢复供电'],
        ]);
        expect(await stores.deliveries.forConversation('c2')).toEqual([]);
      });

      it('marks a customer linked to an outage read before it was restored as still to be told', async ({
        stores,
      }) => {
        await stores.store.openConversation('telegram', 't1', 'c1', T0);
        const stale = await stores.outages.create(fault('o1', ['城东片区']), 'TD20261126', T0);
        const restored = await stores.outages.update('o1', { status: 'restored' }, later(1000));
        expect(restored?.tellPending).toBe(false);
        await stores.outages.link(stale, 'c1', later(2000));
        expect((await stores.outages.withTellingPending(10)).map((o) => o.id)).toEqual(['o1']);
        expect((await stores.outages.linkedToTell('o1', 2, 10)).map((r) => r.conversationId)).toEqual(['c1']);
      });

      it('sends a planned notice to the bound chat users of the area once each, not to those who opted out', async ({
        stores,
        db,
      }) => {
        await db.insert(accounts).values([
          {
            accountNumber: '1000000001',
            customerClass: 'resident',
            classLabel: '居民',
            name: '张三',
            phone: '13800001234',
            area: '城东片区',
            createdAt: T0,
          },
          {
            accountNumber: '3000000003',
            customerClass: 'resident',
            classLabel: '居民',
            name: '王五',
            phone: '13700009012',
            area: '开发区片区',
            createdAt: T0,
          },
        ]);
        for (const [user, conversation, account] of [
          ['t1', 'c1', '1000000001'],
          ['t2', 'c2', '1000000001'],
          ['t3', 'c3', '3000000003'],
        ] as const) {
          await stores.store.openConversation('telegram', user, conversation, T0);
          await stores.accounts.bind({ channel: 'telegram', userId: user }, account, T0, later(86_400_000));
        }
        await stores.outages.setOptOut('telegram', 't2', true, T0);
        const outage = await stores.outages.create(
          {
            ...fault('o1', ['城东片区']),
            kind: 'planned',
            startsAt: later(5 * 86_400_000),
            endsAt: later(5 * 86_400_000 + 3600_000),
          },
          'TD20261126',
          T0,
        );
        expect(
          (await stores.outages.plannedStartingBy(T0, later(7 * 86_400_000), 10)).map((o) => o.id),
        ).toEqual(['o1']);
        const recipients = await stores.outages.noticeRecipients(outage, '城东片区', 'days_before', '', 10);
        expect(recipients.map((r) => r.userId)).toEqual(['t1']);
        await stores.outages.sendNotices(
          'o1',
          'days_before',
          recipients.map((recipient) => ({ recipient, text: '停电通知' })),
          T0,
        );
        expect(await stores.outages.noticeRecipients(outage, '城东片区', 'days_before', '', 10)).toEqual([]);
        // The same batch again (a second pass that read the same customers): nobody is told twice.
        await stores.outages.sendNotices(
          'o1',
          'days_before',
          recipients.map((recipient) => ({ recipient, text: '停电通知' })),
          T0,
        );
        expect((await stores.deliveries.forConversation('c1')).map((d) => d.text)).toEqual(['停电通知']);
        await stores.outages.markNoticeStageDone('o1', 'days_before');
        await stores.outages.update('o1', { status: 'cancelled' }, later(1000));
        expect(
          (await stores.outages.cancellationRecipients('o1', 'days_before', '', 10)).map((r) => r.userId),
        ).toEqual(['t1']);
        await stores.outages.sendNotices(
          'o1',
          'cancelled',
          recipients.map((recipient) => ({ recipient, text: '停电取消' })),
          T0,
        );
        expect(await stores.outages.cancellationRecipients('o1', 'days_before', '', 10)).toEqual([]);
      });
    });

    it('gives each case a fresh database', async ({ db }) => {
      expect(await db.select().from(conversations).all()).toEqual([]);
    });
  });
}
