/**
 * The chat channels, one row each. Everything that lists channels (the schema's enums, the API's
 * zod enums, the outbox, names shown to staff) derives from this table: a new channel is a row
 * here, plus its adapter.
 */

import { keysWhere, type NonEmpty } from './table.js';

export interface ChannelRow {
  /** The channel's name as people see it (console, staff notices). */
  name: string;
  /**
   * A private channel's user ids are platform identities (a Telegram chat, a WeChat contact): only
   * its adapter may speak for them, with the service token. A public channel's user id is the
   * visitor's own secret (the web chat), so anyone may post with it.
   */
  private: boolean;
  /**
   * How messages outside a customer's turn (staff replies, follow-ups) reach the customer: `push`
   * through the delivery outbox and the channel's adapter, `poll` by the client asking for them.
   */
  replies: 'push' | 'poll';
}

export const CHANNEL_TABLE = {
  web: { name: '网页', private: false, replies: 'poll' },
  telegram: { name: 'Telegram', private: true, replies: 'push' },
  wechat: { name: '微信', private: true, replies: 'push' },
  wechat_oa: { name: '微信公众号', private: true, replies: 'push' },
} as const satisfies Record<string, ChannelRow>;

export type Channel = keyof typeof CHANNEL_TABLE;

/** Channels whose replies go out through the delivery outbox and an adapter. */
export type PushChannel = {
  [C in Channel]: (typeof CHANNEL_TABLE)[C]['replies'] extends 'push' ? C : never;
}[Channel];

export const CHANNELS = keysWhere<Channel, ChannelRow>(
  CHANNEL_TABLE,
  () => true,
) as unknown as NonEmpty<Channel>;
export const PUSH_CHANNELS = keysWhere<Channel, ChannelRow>(
  CHANNEL_TABLE,
  (row) => row.replies === 'push',
) as unknown as NonEmpty<PushChannel>;

/** Where a case came from: the web complaint form, or a chat channel. */
export const CASE_ORIGINS = ['form', ...CHANNELS] as const;
export type CaseOrigin = (typeof CASE_ORIGINS)[number];

/** A channel's or case origin's name as people see it. */
export const ORIGIN_NAMES: Record<CaseOrigin, string> = {
  form: '网页表单',
  ...(Object.fromEntries(CHANNELS.map((c) => [c, CHANNEL_TABLE[c].name])) as Record<Channel, string>),
};

export function isChannel(value: string): value is Channel {
  return Object.hasOwn(CHANNEL_TABLE, value);
}

export function isPushChannel(value: string): value is PushChannel {
  return isChannel(value) && CHANNEL_TABLE[value].replies === 'push';
}
