/**
 * The WeChat adapter: a Wechaty bot that turns WeChat messages into channel events for
 * `answerInbound` and says the replies. One-to-one chats are answered (text, voice; anything else
 * gets a polite sentence); in a group only text that mentions the bot is, and the reply mentions
 * the person. Logs carry no message text and no names.
 */
import type { Logger } from 'pino';
import qrcodeTerminal from 'qrcode-terminal';
import { type Contact, type Message, type Room, ScanStatus, type Wechaty, WechatyBuilder } from 'wechaty';
import { type ChannelSender, PermanentDeliveryError } from '../../api/channel/contract.js';
import { answerInbound, type InboundContent, type InboundDeps } from '../channel/inbound.js';
import { CHANNEL_REPLIES } from '../channel/replies.js';
import {
  acknowledgementFor,
  declaredVoiceSeconds,
  HISTORY_MARGIN_MS,
  handlingOf,
  isAnswerableTalker,
  splitForWechat,
  unsupportedName,
  wechatEventKey,
} from './messages.js';

type PuppetOption = Exclude<Parameters<typeof WechatyBuilder.build>[0], undefined>['puppet'];

export interface WechatBotOptions {
  /**
   * A puppet instance (tests: PuppetMock) or a puppet package name such as
   * `wechaty-puppet-wechat4u` or `wechaty-puppet-service`. Absent: Wechaty's own WECHATY_PUPPET.
   * Each puppet reads its own settings from the environment as usual
   * (WECHATY_PUPPET_SERVICE_TOKEN…).
   */
  puppet?: PuppetOption | string;
  /** Names the session file `<name>.memory-card.json` (in the working directory) that keeps a
   * login across restarts; absent: the session lives in memory and every start asks for a scan. */
  name?: string;
  /** The shared inbound path's parts; its logger is this bot's. */
  inbound: Omit<InboundDeps, 'logger'> & { logger?: Logger };
  logger: Logger;
  clock?: () => Date;
  /** Shows the login QR code; default: a small one in the terminal (qrcode-terminal). */
  showQrCode?: (qrcode: string) => void;
}

export interface WechatBot {
  wechaty: Wechaty;
  /** Sends staff replies and follow-ups: the address is the contact id (the conversation's userId). */
  sender: ChannelSender;
  start(): Promise<void>;
  /** Waits for the messages being answered (up to 10 s), then stops Wechaty (the login session is kept). */
  stop(): Promise<void>;
  /** Resolves when no message is being handled (tests; shutdown). */
  idle(): Promise<void>;
}

const ERROR_LOG_INTERVAL_MS = 60_000;

export function loginQrUrl(qrcode: string): string {
  return `https://wechaty.js.org/qrcode/${encodeURIComponent(qrcode)}`;
}

function showQrInTerminal(qrcode: string): void {
  qrcodeTerminal.generate(qrcode, { small: true }, (ascii) => process.stdout.write(`${ascii}\n`));
}

function errorSummary(error: unknown): { name: string; message: string } {
  // The message of an error from Wechaty may name a contact (Contact<name>): kept out of the log.
  const name = error instanceof Error ? error.name : typeof error;
  const message = error instanceof Error ? error.message.replace(/<[^>]*>/g, '<…>') : String(error);
  return { name, message: message.slice(0, 300) };
}

export function createWechatBot(options: WechatBotOptions): WechatBot {
  const logger = options.logger.child({ channel: 'wechat' });
  const clock = options.clock ?? (() => new Date());
  const showQrCode = options.showQrCode ?? showQrInTerminal;
  const wechaty = WechatyBuilder.build({
    ...(options.puppet === undefined ? {} : { puppet: options.puppet as PuppetOption }),
    ...(options.name ? { name: options.name } : {}),
  });
  const deps: InboundDeps = { ...options.inbound, logger: options.inbound.logger ?? logger };
  let startedAt = Number.POSITIVE_INFINITY;
  const inFlight = new Set<Promise<void>>();

  /** Says the texts in order, each cut to WeChat's length; in a group, mentioning the person. */
  async function say(texts: string[], talker: Contact, room: Room | undefined): Promise<void> {
    for (const text of texts) {
      for (const part of splitForWechat(text)) {
        if (room) await room.say(part, talker);
        else await talker.say(part);
      }
    }
  }

  /** The event content of a one-to-one message, or undefined when it is not for us. */
  function contentOf(msg: Message, talker: Contact): InboundContent | undefined {
    const type = msg.type();
    switch (handlingOf(type)) {
      case 'ignore':
        return undefined;
      case 'text':
        return { kind: 'text', text: msg.text() };
      case 'unsupported':
        return { kind: 'unsupported', what: unsupportedName(type) };
      case 'voice': {
        const declaredSeconds = declaredVoiceSeconds(msg.text() ?? '');
        const content: InboundContent = {
          kind: 'voice',
          format: 'silk',
          ...(declaredSeconds === undefined ? {} : { declaredSeconds }),
          load: async () => {
            // Called only once the slow work really starts (a new message, recognition
            // available, not refused by its stated length): acknowledged first, so the person
            // knows the answer is coming.
            const ack = acknowledgementFor(content);
            if (ack)
              await say([ack], talker, undefined).catch((error: unknown) =>
                logger.warn({ err: errorSummary(error) }, 'acknowledgement not sent'),
              );
            const box = await msg.toFileBox();
            // SILK from WeChat's apps, MP3 from the web protocol: the decoder tells them apart.
            const bytes = new Uint8Array(await box.toBuffer());
            return bytes;
          },
        };
        return content;
      }
    }
  }

  async function handle(msg: Message): Promise<void> {
    if (msg.self()) return;
    const date = msg.date();
    if (date.getTime() < startedAt - HISTORY_MARGIN_MS) {
      logger.debug({ ageSeconds: msg.age() }, 'message from before the start ignored');
      return;
    }
    const talker = msg.talker();
    if (!isAnswerableTalker(talker)) return;
    const room = msg.room();

    let content: InboundContent | undefined;
    if (room) {
      // Groups: only text that mentions the bot (mentions exist on text messages only).
      if (handlingOf(msg.type()) !== 'text' || !(await msg.mentionSelf())) return;
      content = { kind: 'text', text: await msg.mentionText() };
    } else {
      content = contentOf(msg, talker);
    }
    if (!content) return;

    try {
      if (content.kind === 'text' && !content.text.trim()) {
        // A bare mention or a blank message: nothing to answer but how to ask.
        await say([CHANNEL_REPLIES.help], talker, room);
        return;
      }
      const replies = await answerInbound(deps, {
        channel: 'wechat',
        key: wechatEventKey(msg.id, talker.id, date),
        userId: talker.id,
        content,
        ...(room ? { inGroup: true } : {}),
      });
      if (replies) await say(replies, talker, room);
    } catch (error) {
      logger.error(
        { err: errorSummary(error), kind: content.kind, inGroup: Boolean(room) },
        'wechat message failed',
      );
      await say([CHANNEL_REPLIES.somethingWentWrong], talker, room).catch((sayError: unknown) =>
        logger.error({ err: errorSummary(sayError) }, 'apology not sent'),
      );
    }
  }

  wechaty.on('scan', (qrcode: string, status: ScanStatus) => {
    if (qrcode && (status === ScanStatus.Waiting || status === ScanStatus.Timeout)) {
      try {
        showQrCode(qrcode);
      } catch (error) {
        logger.warn({ err: errorSummary(error) }, 'QR code not shown');
      }
      // The login QR code is not personal data; the URL shows it in a browser.
      logger.info(
        { status: ScanStatus[status], url: loginQrUrl(qrcode) },
        'scan the QR code with WeChat to log in',
      );
    } else {
      logger.info({ status: ScanStatus[status] }, 'wechat login scan');
    }
  });
  wechaty.on('login', () => logger.info('wechat logged in'));
  wechaty.on('logout', () => logger.warn('wechat logged out: a new QR code will be shown to log in again'));
  // A puppet that cannot reach WeChat repeats the same error many times a second: each distinct
  // error is logged at most once a minute, with how often it came meanwhile.
  const recentErrors = new Map<string, { at: number; repeated: number }>();
  wechaty.on('error', (error: unknown) => {
    const err = errorSummary(error);
    const now = Date.now();
    const seen = recentErrors.get(err.message);
    if (seen && now - seen.at < ERROR_LOG_INTERVAL_MS) {
      seen.repeated += 1;
      return;
    }
    if (recentErrors.size > 100) recentErrors.clear();
    recentErrors.set(err.message, { at: now, repeated: 0 });
    logger.warn({ err, ...(seen?.repeated ? { repeated: seen.repeated } : {}) }, 'wechaty error');
  });
  wechaty.on('message', (msg: Message) => {
    const handling: Promise<void> = handle(msg)
      .catch((error: unknown) => logger.error({ err: errorSummary(error) }, 'wechat message not handled'))
      .finally(() => inFlight.delete(handling));
    inFlight.add(handling);
  });

  const sender: ChannelSender = {
    async send(address, text) {
      if (!wechaty.isLoggedIn) throw new Error('the WeChat account is not logged in');
      // find() loads the contact's payload and answers undefined when the puppet has none.
      const contact = await wechaty.Contact.find({ id: address });
      if (!contact) throw new PermanentDeliveryError('no such WeChat contact');
      for (const part of splitForWechat(text)) await contact.say(part);
    },
  };

  async function idle(): Promise<void> {
    while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
  }

  return {
    wechaty,
    sender,
    idle,
    async start() {
      startedAt = clock().getTime();
      await wechaty.start();
    },
    async stop() {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        idle(),
        new Promise<void>((resolve) => {
          timer = setTimeout(resolve, 10_000);
        }),
      ]);
      clearTimeout(timer);
      await wechaty.stop();
    },
  };
}
