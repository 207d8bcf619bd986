/**
 * The channel contract: what a chat adapter (bot/) hands to a turn, what a turn gives back, how
 * the API sends a message out through an adapter, and what an adapter adds to the service. The API
 * defines it; the adapters implement it. Adapters import this module, never the API's inner parts.
 */
import type { Handler } from 'hono';
import type { Source } from '../../db/store.js';
import { CASE_KIND_TABLE, CASE_KINDS } from '../../vocabulary/case-kinds.js';
import type { Channel, PushChannel } from '../../vocabulary/channels.js';
import type { Intent } from '../assistant/intents.js';

export type { InboundLog } from '../../db/channel-store.js';
export { STALE_CLAIM_MS } from '../../db/channel-store.js';
export type { Source } from '../../db/store.js';
export type { Channel, PushChannel } from '../../vocabulary/channels.js';
export type { Intent } from '../assistant/intents.js';

/** One customer message, as a channel hands it to a turn (and as `POST /v1/messages` takes it). */
export interface InboundMessage {
  channel: Channel;
  userId: string;
  text: string;
  /**
   * The client's address, where the message came over HTTP from a public channel (a web visitor):
   * handoffs and cases are limited per address as well as per chat user.
   */
  clientAddress?: string;
}

/** What a turn gives back (and `POST /v1/messages` answers). */
export interface TurnResult {
  conversationId: string;
  intent: Intent;
  replies: { text: string }[];
  handoff: boolean;
  sources: Source[];
  /**
   * Set when what the customer asked for (a person, a case) was refused by a limit: the replies say
   * so politely, nothing of the turn was recorded, and the same request may go after this many
   * seconds. (`POST /v1/messages` answers a web visitor 429 with `Retry-After` instead.)
   */
  retryAfterSeconds?: number;
}

/** How a chat adapter gets a turn answered: in this process, or by the API over HTTP. */
export interface TurnClient {
  handle(inbound: InboundMessage): Promise<TurnResult>;
  /**
   * Writes a message the bot could not read (an unrecognised voice note, a sticker) into the
   * conversation with the reply it got, so staff see it arrived. Remote clients cannot.
   */
  recordUnreadable?(inbound: InboundMessage, reply: string): Promise<void>;
}

/** What a chat adapter offers the rest of the service: send a text to one of its chats. */
export interface ChannelSender {
  send(address: string, text: string): Promise<void>;
}

/** A failure that retrying cannot fix (the customer blocked the bot, the chat does not exist). */
export class PermanentDeliveryError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PermanentDeliveryError';
  }
}

/**
 * A platform's HTTP entry into the service (Telegram's webhook), mounted on the app behind the same
 * body limit as every route (413), then `authorize` (401), then, for a JSON body, the same JSON
 * reading as every route (400): the handler sees only a proven, parsed request.
 */
export interface ChannelWebhook {
  method: 'GET' | 'POST';
  path: string;
  /** The platform's proof that the call is its own (a secret header), checked before the body is read. */
  authorize?: (request: Request) => boolean;
  /** `json`: the body must be a JSON object (read once; the handler's `c.req.json()` gets it again). */
  body?: 'json';
  handler: Handler;
}

/** A running chat adapter, as the service registers it. */
export interface ChannelAdapter {
  channel: PushChannel;
  /** Sends staff replies, follow-ups and notices queued in the outbox. */
  sender: ChannelSender;
  /** Routes the platform calls (a webhook), where updates arrive over HTTP. */
  webhooks?: ChannelWebhook[];
}

/** Intents whose replies carry account details: never shown in a group chat. */
const ACCOUNT_INTENTS: readonly Intent[] = ['bill', 'application', 'rating'];

/**
 * Intents whose replies carry account or case details (the account intents and those of every
 * private case kind), never shown in a group chat: the adapter asks to continue in private.
 */
export const PRIVATE_INTENTS: ReadonlySet<Intent> = new Set<Intent>([
  ...ACCOUNT_INTENTS,
  ...CASE_KINDS.filter((kind) => CASE_KIND_TABLE[kind].private && CASE_KIND_TABLE[kind].chat).map(
    (kind) => CASE_KIND_TABLE[kind].intent,
  ),
]);
