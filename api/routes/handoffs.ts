import { Hono } from 'hono';
import { z } from 'zod';
import type { DeliveryRecord, DeliveryStore } from '../../db/channel-store.js';
import type { StaffStore } from '../../db/staff-store.js';
import type { ConversationRecord, MessageRecord, Store } from '../../db/store.js';
import { CHANNEL_TABLE } from '../../vocabulary/channels.js';
import { ApiError } from '../errors.js';
import type { Handoffs } from '../handoff/handoffs.js';
import { requireStaff, staffOf } from '../staff/auth.js';
import { DEFAULT_PAGE_SIZE, decodeCursor, pageBody, pageQuery } from './paging.js';
import { parseOrThrow, readJsonObject } from './validation.js';

const pageSchema = z.object(pageQuery);
/** The queue's tabs: all (unset), nobody's yet (`unowned`: 待接入), the signed-in agent's (`mine`). */
const queueSchema = z.object({ ...pageQuery, owner: z.enum(['unowned', 'mine']).optional() });
/** The queue's cursor: the last one's queueing instant and id. */
const handoffCursor = z.object({ since: z.number().int(), id: z.string().max(200) });
/** A transcript's cursor: the last message's id. */
const messageCursor = z.object({ after: z.number().int().nonnegative() });
const replySchema = z.object({ text: z.string().min(1).max(4000) });
const transferSchema = z.object({ to: z.string().min(1).max(64) });
const noteSchema = z.object({ text: z.string().min(1).max(4000) });

export interface HandoffRouteDeps {
  store: Store;
  staff: StaffStore;
  deliveries: DeliveryStore;
  clock: () => Date;
  handoffs: Handoffs;
  /** A message was queued for Telegram or WeChat: send it now rather than at the next pass. */
  onOutbound?: () => void;
}

/** How a message outside a turn is getting to a Telegram or WeChat customer, for the agent. */
export function deliveryView(delivery: DeliveryRecord | undefined) {
  if (!delivery) return undefined;
  return {
    id: String(delivery.id),
    status: delivery.status,
    attempts: delivery.attempts,
    ...(delivery.lastError ? { lastError: delivery.lastError } : {}),
  };
}

/** The staff side of handed-off conversations: the queue, replies, release, transcripts. */
export function handoffRoutes(deps: HandoffRouteDeps) {
  const { store, staff, clock } = deps;
  const guard = requireStaff(staff, clock);
  const conversationOr404 = async (id: string) => {
    const conversation = await store.getConversation(id);
    if (!conversation) throw new ApiError(404, 'not_found', `no conversation ${id}`);
    return conversation;
  };
  const assertMayAct = (conversation: ConversationRecord, me: { id: string; role: string }) => {
    if (conversation.handoffOwner && conversation.handoffOwner !== me.id && me.role !== 'supervisor') {
      throw new ApiError(403, 'not_owner', 'only its owner or a supervisor can do this');
    }
  };
  return new Hono()
    .get('/handoffs', guard, async (c) => {
      const { limit, cursor, owner } = parseOrThrow(queueSchema, c.req.query());
      const page = await store.listHandoffs({
        limit: limit ?? DEFAULT_PAGE_SIZE,
        ...(cursor ? { after: decodeCursor(cursor, handoffCursor) } : {}),
        ...(owner ? { owner: owner === 'mine' ? staffOf(c).id : null } : {}),
      });
      const message = (m: MessageRecord | undefined) =>
        m ? { role: m.role, text: m.text, at: m.createdAt.toISOString() } : null;
      return c.json(
        pageBody(
          page.items.map((h) => ({
            conversationId: h.id,
            channel: h.channel,
            waitingSince: (h.handoffSince ?? h.updatedAt).toISOString(),
            owner: h.handoffOwner,
            reason: h.handoffReason,
            lastMessage: message(h.lastMessage),
            lastCustomerMessage: message(h.lastCustomerMessage),
          })),
          page.next,
        ),
      );
    })
    .post('/handoffs/:conversationId/replies', guard, async (c) => {
      const conversation = await conversationOr404(c.req.param('conversationId'));
      const { text } = parseOrThrow(replySchema, await readJsonObject(c.req.raw));
      if (!text.trim())
        throw new ApiError(400, 'empty_text', 'text must contain something other than spaces');
      const now = clock();
      const me = staffOf(c);
      if (conversation.handoffOwner && conversation.handoffOwner !== me.id) {
        throw new ApiError(409, 'owned_by_other', 'another agent owns this conversation; ask for a transfer');
      }
      // The first agent who replies owns the conversation; it never moves silently.
      if (conversation.mode === 'handoff' && !conversation.handoffOwner) {
        await deps.handoffs.assign(conversation, me.id, now);
      }
      const message = await store.appendMessage(conversation.id, { role: 'staff', text: text.trim() }, now);
      await staff.audit(me.id, 'reply', conversation.id, now);
      // Web customers read staff replies by polling GET /v1/messages; for Telegram and WeChat the
      // reply was queued in the delivery outbox with the message, and goes out now (retried if not).
      deps.onOutbound?.();
      return c.json(
        {
          id: String(message.id),
          at: message.createdAt.toISOString(),
          channel: conversation.channel,
          delivery: CHANNEL_TABLE[conversation.channel].replies === 'poll' ? 'message_list' : 'queued',
        },
        201,
      );
    })
    .post('/handoffs/:conversationId/take', guard, async (c) => {
      // 接入: the agent takes a waiting conversation; everybody's queue shows it taken.
      const conversation = await conversationOr404(c.req.param('conversationId'));
      const me = staffOf(c);
      if (conversation.mode !== 'handoff')
        throw new ApiError(409, 'not_handed_off', 'the bot has this conversation');
      if (conversation.handoffOwner && conversation.handoffOwner !== me.id) {
        throw new ApiError(409, 'owned_by_other', 'another agent owns this conversation; ask for a transfer');
      }
      const now = clock();
      if (!conversation.handoffOwner) {
        // Conditional: a colleague who took it a moment earlier keeps it.
        if (!(await store.takeHandoff(conversation.id, me.id, now)))
          throw new ApiError(409, 'owned_by_other', 'another agent took this conversation a moment ago');
        await staff.audit(me.id, 'take', conversation.id, now);
      }
      return c.json({ conversationId: conversation.id, owner: me.username });
    })
    .post('/handoffs/:conversationId/transfer', guard, async (c) => {
      const conversation = await conversationOr404(c.req.param('conversationId'));
      const { to } = parseOrThrow(transferSchema, await readJsonObject(c.req.raw));
      const me = staffOf(c);
      if (conversation.mode !== 'handoff')
        throw new ApiError(409, 'not_handed_off', 'the bot has this conversation');
      assertMayAct(conversation, me);
      const target = await staff.findByUsername(to);
      if (!target) throw new ApiError(400, 'unknown_staff', `no staff member ${to}`);
      const now = clock();
      await deps.handoffs.assign(conversation, target.id, now);
      await staff.audit(me.id, `transfer_to:${target.username}`, conversation.id, now);
      return c.json({ conversationId: conversation.id, owner: target.username });
    })
    .post('/handoffs/:conversationId/release', guard, async (c) => {
      const conversation = await conversationOr404(c.req.param('conversationId'));
      const me = staffOf(c);
      assertMayAct(conversation, me);
      const now = clock();
      await deps.handoffs.release(conversation, now);
      await staff.audit(me.id, 'release', conversation.id, now);
      return c.json({ conversationId: conversation.id, mode: 'bot' });
    })
    .post('/handoffs/:conversationId/close', guard, async (c) => {
      // The person is done with the customer: the bot takes the conversation back and asks how
      // satisfied they were (standard 四、2), on their own channel.
      const conversation = await conversationOr404(c.req.param('conversationId'));
      const me = staffOf(c);
      if (conversation.mode !== 'handoff')
        throw new ApiError(409, 'not_handed_off', 'the bot has this conversation');
      assertMayAct(conversation, me);
      const now = clock();
      await deps.handoffs.close(conversation, now);
      await staff.audit(me.id, 'close', conversation.id, now);
      deps.onOutbound?.();
      return c.json({ conversationId: conversation.id, mode: 'bot', ratingRequested: true });
    })
    .post('/deliveries/:id/retry', guard, async (c) => {
      const id = Number(c.req.param('id'));
      if (!Number.isSafeInteger(id) || !(await deps.deliveries.retry(id, clock()))) {
        throw new ApiError(404, 'not_found', 'no failed delivery with this id');
      }
      await staff.audit(staffOf(c).id, 'retry_delivery', String(id), clock());
      deps.onOutbound?.();
      return c.json({ id: String(id), status: 'pending' });
    })
    .post('/conversations/:id/notes', guard, async (c) => {
      // An internal note: staff only, kept with the transcript in the console, never sent to the
      // customer (a table of its own: no message list or delivery reads it).
      const conversation = await conversationOr404(c.req.param('id'));
      const { text } = parseOrThrow(noteSchema, await readJsonObject(c.req.raw));
      if (!text.trim())
        throw new ApiError(400, 'empty_text', 'text must contain something other than spaces');
      const me = staffOf(c);
      const now = clock();
      const note = await store.addNote(conversation.id, me.id, text.trim(), now);
      await staff.audit(me.id, 'note', conversation.id, now);
      return c.json({ id: String(note.id), at: note.createdAt.toISOString(), author: me.username }, 201);
    })
    .get('/conversations/:id/messages', guard, async (c) => {
      const conversation = await conversationOr404(c.req.param('id'));
      const { limit = DEFAULT_PAGE_SIZE, cursor } = parseOrThrow(pageSchema, c.req.query());
      const after = cursor ? decodeCursor(cursor, messageCursor).after : 0;
      await staff.audit(staffOf(c).id, 'open_conversation', conversation.id, clock());
      // Oldest first from the cursor; one more than the page tells whether another follows.
      const found = await store.listMessages(conversation.id, after, limit + 1);
      const messages = found.slice(0, limit);
      const deliveries = new Map(
        (await deps.deliveries.forMessages(messages.map((m) => m.id))).map((d) => [d.messageId, d]),
      );
      const last = messages.at(-1);
      return c.json(
        pageBody(
          messages.map((m) => ({
            id: String(m.id),
            role: m.role,
            text: m.text,
            at: m.createdAt.toISOString(),
            ...(m.intent ? { intent: m.intent } : {}),
            ...(m.sources?.length ? { sources: m.sources } : {}),
            ...(deliveries.has(m.id) ? { delivery: deliveryView(deliveries.get(m.id)) } : {}),
          })),
          found.length > limit && last ? { after: last.id } : undefined,
        ),
      );
    });
}
