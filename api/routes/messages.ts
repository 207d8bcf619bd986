import { Hono } from 'hono';
import { z } from 'zod';
import type { Store } from '../../db/store.js';
import { CHANNEL_TABLE, CHANNELS, type Channel } from '../../vocabulary/channels.js';
import type { Assistant } from '../assistant/assistant.js';
import { badRequest } from '../errors.js';
import type { createChannelGuard } from '../middleware/channel-auth.js';
import { parseOrThrow, readJsonObject } from './validation.js';

const channel = z.enum(CHANNELS);
const userId = z.string().min(1).max(128);
const WEB_USER_ID_MIN = 16;

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
}

/** The chat contract: one customer turn in, the assistant's replies out; and polling for web clients. */
export function messagesRoutes({ assistant, store, assertChannelAllowed }: MessagesRouteDeps) {
  const checkWebSecret = (input: { channel: string; userId: string }) => {
    if (!CHANNEL_TABLE[input.channel as Channel].private && input.userId.length < WEB_USER_ID_MIN) {
      throw badRequest(
        'user_id_too_short',
        `userId of channel web is the visitor's secret and must be at least ${WEB_USER_ID_MIN} characters`,
      );
    }
  };

  return new Hono()
    .post('/', async (c) => {
      const input = parseOrThrow(postSchema, await readJsonObject(c.req.raw), ENUM_CODES);
      checkWebSecret(input);
      if (!input.text.trim()) throw badRequest('empty_text', 'text must contain something other than spaces');
      assertChannelAllowed(input.channel, c.req.header('authorization'));
      return c.json(await assistant.handle(input));
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
