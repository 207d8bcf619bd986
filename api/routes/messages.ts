import { Hono } from 'hono';
import { z } from 'zod';
import type { Store } from '../../db/store.js';
import { CHANNEL_TABLE, CHANNELS, type Channel } from '../../vocabulary/channels.js';
import type { Assistant } from '../assistant/assistant.js';
import { badRequest, RateLimited } from '../errors.js';
import type { ChatLimits } from '../limits/chat-limits.js';
import type { createChannelGuard } from '../middleware/channel-auth.js';
import { parseOrThrow, readJsonObject } from './validation.js';

const channel = z.enum(CHANNELS);
const userId = z.string().min(1).max(128);
const WEB_USER_ID_MIN = 16;
/** A visitor's secret must look random: this many different characters that one can see, at least. */
const WEB_USER_ID_DISTINCT = 8;
/** Characters that do not show: spaces, controls, zero-width and other format characters. */
const INVISIBLE = /[\p{White_Space}\p{Cc}\p{Cf}\p{Zs}\p{Zl}\p{Zp}\u115f\u1160\u3164\uffa0]/u;

const postSchema = z.object({ channel, userId, text: z.string().min(1).max(2000) });
const listSchema = z.object({
  channel,
  userId,
  after: z
    .string()
    .regex(/^\d{1,15}$/, 'after must be a cursor returned by this endpoint')
    .optional(),
});
const ENUM_CODES = { channel: 'unknown_channel' };

export interface MessagesRouteDeps {
  assistant: Assistant;
  store: Store;
  assertChannelAllowed: ReturnType<typeof createChannelGuard>;
  /** New conversations per client address, and what a turn may create; unset, no limit. */
  chatLimits?: ChatLimits;
}

/** The chat contract: one customer turn in, the assistant's replies out; and polling for web clients. */
export function messagesRoutes({ assistant, store, assertChannelAllowed, chatLimits }: MessagesRouteDeps) {
  const checkWebSecret = (input: { channel: string; userId: string }) => {
    if (CHANNEL_TABLE[input.channel as Channel].private) return;
    if (input.userId.length < WEB_USER_ID_MIN) {
      throw badRequest(
        'user_id_too_short',
        `userId of channel web is the visitor's secret and must be at least ${WEB_USER_ID_MIN} characters`,
      );
    }
    const visible = new Set([...input.userId].filter((character) => !INVISIBLE.test(character)));
    if (visible.size < WEB_USER_ID_DISTINCT) {
      throw badRequest(
        'user_id_too_weak',
        `userId of channel web is the visitor's secret: a random string with at least ${WEB_USER_ID_DISTINCT} different visible characters, such as a UUID`,
      );
    }
  };

  return new Hono()
    .post('/', async (c) => {
      const input = parseOrThrow(postSchema, await readJsonObject(c.req.raw), ENUM_CODES);
      checkWebSecret(input);
      if (!input.text.trim()) throw badRequest('empty_text', 'text must contain something other than spaces');
      assertChannelAllowed(input.channel, c.req.header('authorization'));
      // A web visitor is counted by client address too; a bot process speaks for many users at once.
      const clientAddress = CHANNEL_TABLE[input.channel].private ? undefined : c.get('clientAddress');
      if (
        clientAddress !== undefined &&
        chatLimits &&
        !(await store.findConversation(input.channel, input.userId))
      ) {
        const wait = await chatLimits.take('conversation', { ...input, clientAddress });
        if (wait !== undefined)
          throw new RateLimited(
            wait,
            'rate_limited',
            'too many new conversations from this address; please try again later',
          );
      }
      const turn = await assistant.handle({
        ...input,
        ...(clientAddress === undefined ? {} : { clientAddress }),
      });
      // A web client is told over HTTP; a bot process passes the polite reply on to its user.
      if (turn.retryAfterSeconds !== undefined && !CHANNEL_TABLE[input.channel].private)
        throw new RateLimited(
          turn.retryAfterSeconds,
          'rate_limited',
          'too many handoffs or cases from this visitor or address; please try again later',
        );
      return c.json(turn);
    })
    .get('/', async (c) => {
      const input = parseOrThrow(listSchema, c.req.query(), ENUM_CODES);
      checkWebSecret(input);
      assertChannelAllowed(input.channel, c.req.header('authorization'));
      const conversation = await store.findConversation(input.channel, input.userId);
      const after = Number(input.after ?? 0);
      const items = conversation ? await store.listMessages(conversation.id, after) : [];
      return c.json({
        conversationId: conversation?.id ?? null,
        items: items.map((m) => ({
          id: String(m.id),
          role: m.role,
          text: m.text,
          at: m.createdAt.toISOString(),
          ...(m.role !== 'customer' && m.sources?.length ? { sources: m.sources } : {}),
        })),
        cursor: String(items.at(-1)?.id ?? after),
      });
    });
}
