/**
 * The WeChat adapter's pure decisions, kept apart from Wechaty so each is tested on its own:
 * which message types are answered and how they are named, when a reply is acknowledged first,
 * how a message is identified, how long replies are cut.
 */
import { types } from 'wechaty';
import type { InboundContent } from '../channel/inbound.js';

/** WeChat's practical length for one text message (longer ones are cut or refused by clients). */
export const WECHAT_TEXT_LIMIT = 2000;

/** Messages sent this long before the bot started are history replayed on login, not questions. */
export const HISTORY_MARGIN_MS = 60_000;

/** What the WeChat adapter says itself, beside the channel replies every adapter shares. */
export const WECHAT_REPLIES = {
  voiceAck: '收到语音，正在识别，请稍候…',
} as const;

/** Types nobody typed to us: system notices, recalls, group announcements, moments. */
const IGNORED_TYPES = new Set<types.Message>([
  types.Message.Unknown,
  types.Message.Recalled,
  types.Message.GroupNote,
  types.Message.Post,
]);

/** The customer's word for what they sent, in the polite "text and voice only" reply. */
const UNSUPPORTED_NAMES: Partial<Record<types.Message, string>> = {
  [types.Message.Attachment]: '文件',
  [types.Message.Contact]: '名片',
  [types.Message.ChatHistory]: '聊天记录',
  [types.Message.Emoticon]: '表情',
  [types.Message.Image]: '图片',
  [types.Message.Location]: '位置',
  [types.Message.MiniProgram]: '小程序',
  [types.Message.Transfer]: '转账',
  [types.Message.RedEnvelope]: '红包',
  [types.Message.Url]: '链接',
  [types.Message.Video]: '视频',
};

/** WeChat's own service accounts, which talk like contacts on some puppets. */
const SYSTEM_CONTACT_IDS = new Set([
  'weixin',
  'filehelper',
  'newsapp',
  'fmessage',
  'medianote',
  'floatbottle',
]);

export type MessageHandling = 'text' | 'voice' | 'unsupported' | 'ignore';

/** How a one-to-one message of this type is handled (in a group only mentioned text is). */
export function handlingOf(type: types.Message): MessageHandling {
  if (type === types.Message.Text) return 'text';
  if (type === types.Message.Audio) return 'voice';
  if (IGNORED_TYPES.has(type)) return 'ignore';
  return 'unsupported';
}

export function unsupportedName(type: types.Message): string {
  return UNSUPPORTED_NAMES[type] ?? '此类消息';
}

/** Official accounts and WeChat's system contacts are never answered. */
export function isAnswerableTalker(talker: { id: string; type(): types.Contact }): boolean {
  return talker.type() !== types.Contact.Official && !SYSTEM_CONTACT_IDS.has(talker.id);
}

/**
 * The message's identity for de-duplication: id, sender and time together, because a message id
 * alone is not unique on every puppet (it has dropped real messages elsewhere).
 */
export function wechatEventKey(messageId: string, talkerId: string, date: Date): string {
  return `${messageId}:${talkerId}:${date.getTime()}`;
}

/**
 * The acknowledgement said before slow work, or undefined when the answer comes at once.
 * Only voice is slow (download, decode, speech recognition: seconds); a text turn takes
 * milliseconds. The adapter says it when that work actually starts, so a redelivered message,
 * or one refused at once (no speech recognition, too long), is not acknowledged.
 */
export function acknowledgementFor(content: InboundContent): string | undefined {
  return content.kind === 'voice' ? WECHAT_REPLIES.voiceAck : undefined;
}

/**
 * The voice length some puppets state in the message text (`<voicemsg voicelength="3200" …>`,
 * milliseconds), so an overlong voice is refused before it is downloaded; undefined if absent.
 */
export function declaredVoiceSeconds(text: string): number | undefined {
  const match = /voicelength\s*=\s*"(\d+)"/i.exec(text);
  if (!match?.[1]) return undefined;
  const ms = Number(match[1]);
  return Number.isFinite(ms) && ms > 0 ? ms / 1000 : undefined;
}

/**
 * Cuts a reply into messages of at most `limit` characters, in order, at line breaks where
 * possible (the break itself is dropped), otherwise inside the line without splitting a
 * character made of two UTF-16 units. Nothing is lost but the line breaks cut at.
 */
export function splitForWechat(text: string, limit = WECHAT_TEXT_LIMIT): string[] {
  if (limit < 2) throw new RangeError('limit must be at least 2');
  if (text.length <= limit) return [text];
  const parts: string[] = [];
  let current = '';
  const flush = () => {
    if (current) parts.push(current);
    current = '';
  };
  for (const line of text.split('\n')) {
    const joined = current ? `${current}\n${line}` : line;
    if (joined.length <= limit) {
      current = joined;
      continue;
    }
    flush();
    let rest = line;
    while (rest.length > limit) {
      let cut = limit;
      const code = rest.charCodeAt(cut - 1);
      if (code >= 0xd800 && code <= 0xdbff) cut -= 1; // keep a surrogate pair together
      parts.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    current = rest;
  }
  flush();
  return parts;
}
