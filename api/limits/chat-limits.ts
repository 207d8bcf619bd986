import type { LimitStore } from '../../db/limit-store.js';
import type { Channel } from '../../vocabulary/channels.js';
import { overLimit } from './rate.js';

/** What a chat can create, each limited per minute. */
export type ChatCreation = 'conversation' | 'handoff' | 'case';

/** Who is asking: the chat user, and the client's address where the message came over HTTP from the web. */
export interface ChatRequester {
  channel: Channel;
  userId: string;
  clientAddress?: string;
}

export interface ChatLimits {
  /**
   * Counts one `what` for the requester: the seconds to wait when that is over a limit (nothing is
   * to be created), else undefined. New conversations are counted per client address (a chat user
   * has one conversation); handoffs and cases per client address and per chat user (a web visitor,
   * a Telegram or WeChat user).
   */
  take(what: ChatCreation, who: ChatRequester): Promise<number | undefined>;
}

export function createChatLimits(deps: {
  limits: LimitStore;
  clock: () => Date;
  perMinute: Record<ChatCreation, number>;
}): ChatLimits {
  return {
    async take(what, who) {
      const now = deps.clock();
      const perMinute = deps.perMinute[what];
      if (who.clientAddress !== undefined) {
        const wait = await overLimit(
          deps.limits,
          `chat-${what}|address|${who.clientAddress}`,
          perMinute,
          now,
        );
        if (wait !== undefined) return wait;
      }
      if (what === 'conversation') return undefined;
      return overLimit(deps.limits, `chat-${what}|user|${who.channel}|${who.userId}`, perMinute, now);
    },
  };
}
