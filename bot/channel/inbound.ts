import type { Logger } from 'pino';
import {
  type InboundLog,
  PRIVATE_INTENTS,
  type PushChannel,
  type TurnClient,
  type TurnResult,
} from '../../api/channel/contract.js';
import {
  MAX_VOICE_SECONDS,
  type Pcm16k,
  type SpeechRecognizer,
  VoiceError,
  type VoiceFormat,
} from '../voice/types.js';
import { CHANNEL_REPLIES, UNREADABLE_NOTES } from './replies.js';

/** The chat contract's limit on one message; longer ones are asked to be split. */
export const MAX_TEXT_LENGTH = 2000;

export type InboundContent =
  | { kind: 'text'; text: string }
  | {
      kind: 'voice';
      format: VoiceFormat;
      /** The length the platform states, checked before anything is downloaded. */
      declaredSeconds?: number;
      load: () => Promise<Uint8Array>;
    }
  | { kind: 'unsupported'; what: string };

export interface InboundEvent {
  channel: PushChannel;
  /** The platform's identity of this event (Telegram update_id; WeChat id + sender + time). */
  key: string;
  userId: string;
  content: InboundContent;
  /** Said in a group chat (to the bot, by mention): account and case replies are kept private. */
  inGroup?: boolean;
}

export interface InboundDeps {
  turns: TurnClient;
  events: InboundLog;
  /** Absent when no ASR is configured: voice gets a polite reply asking to type. */
  recognizer?: SpeechRecognizer;
  decode: (bytes: Uint8Array, format: VoiceFormat) => Promise<Pcm16k>;
  logger: Logger;
  clock?: () => Date;
}

/**
 * Answers one platform event exactly once: the texts to send back, or null when the event was
 * already taken (a platform redelivery). The event is marked done as soon as its turn is recorded,
 * so a redelivery never runs a turn twice (and never opens a second case); a failure before that
 * releases it, so the platform's retry is answered.
 */
export async function answerInbound(deps: InboundDeps, event: InboundEvent): Promise<string[] | null> {
  const clock = deps.clock ?? (() => new Date());
  if (!(await deps.events.claim(event.channel, event.key, clock()))) {
    deps.logger.debug({ channel: event.channel }, 'redelivered event ignored');
    return null;
  }
  try {
    const replies = await answerContent(deps, event);
    await deps.events.complete(event.channel, event.key);
    return replies;
  } catch (error) {
    await deps.events.release(event.channel, event.key).catch(() => undefined);
    deps.logger.error(
      { err: error, channel: event.channel, kind: event.content.kind },
      'inbound message failed',
    );
    return [CHANNEL_REPLIES.somethingWentWrong];
  }
}

async function answerContent(deps: InboundDeps, event: InboundEvent): Promise<string[]> {
  const who = { channel: event.channel, userId: event.userId };
  const unreadable = async (note: string, reply: string) => {
    await deps.turns.recordUnreadable?.({ ...who, text: note }, reply);
    return [reply];
  };
  const { content } = event;
  switch (content.kind) {
    case 'text': {
      if (content.text.length > MAX_TEXT_LENGTH) {
        return unreadable(UNREADABLE_NOTES.unsupported('超长消息'), CHANNEL_REPLIES.textTooLong);
      }
      return replyTexts(event, await deps.turns.handle({ ...who, text: content.text }));
    }
    case 'unsupported':
      return unreadable(UNREADABLE_NOTES.unsupported(content.what), CHANNEL_REPLIES.unsupported);
    case 'voice':
      return answerVoice(deps, event, content, unreadable);
  }
}

/**
 * The turn's replies; in a group, an account or case reply is replaced by a request to continue
 * in a private chat (the conversation is the person's own, so the flow waits for them there).
 */
function replyTexts(event: InboundEvent, result: TurnResult): string[] {
  if (event.inGroup && PRIVATE_INTENTS.has(result.intent)) return [CHANNEL_REPLIES.groupOnly];
  return result.replies.map((r) => r.text);
}

async function answerVoice(
  deps: InboundDeps,
  event: InboundEvent,
  voice: Extract<InboundContent, { kind: 'voice' }>,
  unreadable: (note: string, reply: string) => Promise<string[]>,
): Promise<string[]> {
  if (!deps.recognizer)
    return unreadable(UNREADABLE_NOTES.voiceUnavailable, CHANNEL_REPLIES.voiceUnavailable);
  if ((voice.declaredSeconds ?? 0) > MAX_VOICE_SECONDS) {
    return unreadable(UNREADABLE_NOTES.voiceTooLong, CHANNEL_REPLIES.voiceTooLong);
  }
  let text: string;
  try {
    const bytes = await voice.load().catch((error: unknown) => {
      throw new VoiceError('unreadable', 'the voice file could not be downloaded', { cause: error });
    });
    text = (await deps.recognizer.transcribe(await deps.decode(bytes, voice.format))).trim();
    if (!text) throw new VoiceError('asr_failed', 'nothing recognised');
  } catch (error) {
    if (!(error instanceof VoiceError)) throw error;
    deps.logger.warn(
      { channel: event.channel, reason: error.reason, err: error.message },
      'voice message not recognised',
    );
    switch (error.reason) {
      case 'too_long':
        return unreadable(UNREADABLE_NOTES.voiceTooLong, CHANNEL_REPLIES.voiceTooLong);
      case 'unreadable':
        return unreadable(UNREADABLE_NOTES.voiceUnreadable, CHANNEL_REPLIES.voiceUnreadable);
      case 'asr_unavailable':
        return unreadable(UNREADABLE_NOTES.voiceUnavailable, CHANNEL_REPLIES.voiceUnavailable);
      case 'asr_failed':
        return unreadable(UNREADABLE_NOTES.voiceNotUnderstood, CHANNEL_REPLIES.voiceNotUnderstood);
    }
  }
  const result = await deps.turns.handle({
    channel: event.channel,
    userId: event.userId,
    text: text.slice(0, MAX_TEXT_LENGTH),
  });
  // The echo comes first, so a mis-hearing is visible before the answer it led to.
  const echo = CHANNEL_REPLIES.voiceEcho(text.length > 80 ? `${text.slice(0, 80)}…` : text);
  const [first, ...rest] = replyTexts(event, result);
  return first === undefined ? [echo] : [`${echo}\n\n${first}`, ...rest];
}
