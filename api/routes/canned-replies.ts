import { type Context, Hono } from 'hono';
import { z } from 'zod';
import type { CannedReply, CannedReplyStore } from '../../db/canned-reply-store.js';
import type { StaffStore } from '../../db/staff-store.js';
import { ApiError } from '../errors.js';
import { requireStaff, staffOf } from '../staff/auth.js';
import { parseOrThrow, readJsonObject } from './validation.js';

export interface CannedReplyRouteDeps {
  cannedReplies: CannedReplyStore;
  staff: StaffStore;
  clock: () => Date;
  newId: () => string;
}

/** At most this many canned replies are kept; the list is read whole (by its title index). */
export const CANNED_REPLY_LIMIT = 200;
/** A canned reply fits in one staff reply (the reply box takes 4,000 characters). */
const fields = {
  title: z.string().trim().min(1).max(40),
  text: z.string().trim().min(1).max(2000),
};
const newReply = z.strictObject(fields);
const changedReply = z
  .strictObject({ title: fields.title.optional(), text: fields.text.optional() })
  .refine((change) => change.title !== undefined || change.text !== undefined, {
    message: 'give title or text',
  });

/**
 * Canned replies (快捷回复) for staff (session; CSRF on changes): every staff member reads them
 * (the conversation page inserts them into the reply box); supervisors add, change and remove them
 * (else 403 `supervisor_only`), since they are what customers read. Every change is audited.
 */
export function cannedReplyRoutes(deps: CannedReplyRouteDeps) {
  const guard = requireStaff(deps.staff, deps.clock);
  const supervisor = (c: Context) => {
    const me = staffOf(c);
    if (me.role !== 'supervisor')
      throw new ApiError(403, 'supervisor_only', 'only a supervisor can change the canned replies');
    return me;
  };
  const names = async () => new Map((await deps.staff.list()).map((s) => [s.id, s.username]));
  const view = (reply: CannedReply, usernames: Map<string, string>) => ({
    id: reply.id,
    title: reply.title,
    text: reply.text,
    updatedAt: reply.updatedAt.toISOString(),
    updatedBy: usernames.get(reply.updatedBy) ?? reply.updatedBy,
  });
  return new Hono()
    .get('/', guard, async (c) => {
      const [items, usernames] = await Promise.all([deps.cannedReplies.list(CANNED_REPLY_LIMIT), names()]);
      return c.json({ items: items.map((reply) => view(reply, usernames)) });
    })
    .post('/', guard, async (c) => {
      const me = supervisor(c);
      const input = parseOrThrow(newReply, await readJsonObject(c.req.raw));
      if ((await deps.cannedReplies.list(CANNED_REPLY_LIMIT)).length >= CANNED_REPLY_LIMIT)
        throw new ApiError(409, 'too_many', `at most ${CANNED_REPLY_LIMIT} canned replies are kept`);
      const now = deps.clock();
      const reply: CannedReply = {
        id: deps.newId(),
        ...input,
        createdAt: now,
        updatedAt: now,
        updatedBy: me.id,
      };
      await deps.cannedReplies.create(reply);
      await deps.staff.audit(me.id, 'canned_reply_created', reply.id, now);
      return c.json(view(reply, new Map([[me.id, me.username]])), 201);
    })
    .put('/:id', guard, async (c) => {
      const me = supervisor(c);
      const change = parseOrThrow(changedReply, await readJsonObject(c.req.raw));
      const now = deps.clock();
      const reply = await deps.cannedReplies.update(c.req.param('id'), {
        ...change,
        updatedAt: now,
        updatedBy: me.id,
      });
      if (!reply) throw new ApiError(404, 'not_found', 'no such canned reply');
      await deps.staff.audit(me.id, 'canned_reply_updated', reply.id, now);
      return c.json(view(reply, new Map([[me.id, me.username]])));
    })
    .delete('/:id', guard, async (c) => {
      const me = supervisor(c);
      const id = c.req.param('id');
      if (!(await deps.cannedReplies.remove(id)))
        throw new ApiError(404, 'not_found', 'no such canned reply');
      const now = deps.clock();
      await deps.staff.audit(me.id, 'canned_reply_deleted', id, now);
      return c.body(null, 204);
    });
}
