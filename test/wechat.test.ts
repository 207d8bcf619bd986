import { readFileSync } from 'node:fs';
import { FileBox } from 'file-box';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ScanStatus, types } from 'wechaty';
import { PermanentDeliveryError } from '../api/channel/contract.js';
import { parseWechatProcessConfig } from '../api/config.js';
import type { InboundDeps } from '../bot/channel/inbound.js';
import { CHANNEL_REPLIES } from '../bot/channel/replies.js';
import { createSpeechRecognizer } from '../bot/voice/asr.js';
import { decodeVoice } from '../bot/voice/decode.js';
import { loginQrUrl } from '../bot/wechat/bot.js';
import {
  acknowledgementFor,
  declaredVoiceSeconds,
  handlingOf,
  splitForWechat,
  unsupportedName,
  WECHAT_REPLIES,
  wechatEventKey,
} from '../bot/wechat/messages.js';
import { createSqliteInboundLog } from '../db/channel-store.js';
import { startTestServices, type TestServices } from './support/services.js';
import {
  type AsrStandIn,
  type MessagePayload,
  type MockWechat,
  messageId,
  startAsrStandIn,
  startMockWechat,
} from './support/wechat-mock.js';

const QUESTION = '居民客户供电方案答复期限是多少';
const SPOKEN = '居民用电的供电方案多久答复';
const ANSWER = '3个工作日';
/** Generous for a loaded 2-core machine. */
const WAIT = { timeout: 25_000, interval: 50 };
const TEST_TIMEOUT = 60_000;

describe('WeChat adapter decisions', () => {
  it('splits long replies at line breaks, in order, within the limit', () => {
    expect(splitForWechat('短回复')).toEqual(['短回复']);
    const lines = Array.from({ length: 30 }, (_, i) => `第${i + 1}条：${'电'.repeat(90)}`);
    const text = lines.join('\n');
    const parts = splitForWechat(text, 500);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(500);
    // Cut only at line breaks: every part is whole lines, and nothing is lost or reordered.
    expect(parts.join('\n')).toBe(text);
    expect(parts[0]?.startsWith('第1条')).toBe(true);
  });

  it('cuts a line longer than the limit without breaking a character in two', () => {
    const line = `${'a'.repeat(9)}😀${'b'.repeat(15)}`;
    const parts = splitForWechat(line, 10);
    expect(parts.join('')).toBe(line);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(10);
      expect(part).not.toMatch(/[\ud800-\udbff]$/);
    }
    expect(splitForWechat('x'.repeat(4500))).toHaveLength(3);
  });

  it('acknowledges voice first and answers text directly', () => {
    const voice = { kind: 'voice', format: 'silk', load: async () => new Uint8Array() } as const;
    expect(acknowledgementFor(voice)).toBe(WECHAT_REPLIES.voiceAck);
    expect(acknowledgementFor({ kind: 'text', text: QUESTION })).toBeUndefined();
    expect(acknowledgementFor({ kind: 'unsupported', what: '图片' })).toBeUndefined();
  });

  it('identifies a message by id, sender and time together', () => {
    const at = new Date('2025-03-01T08:00:00Z');
    const key = wechatEventKey('1001', 'wxid_a', at);
    expect(wechatEventKey('1001', 'wxid_a', new Date(at))).toBe(key);
    expect(wechatEventKey('1001', 'wxid_b', at)).not.toBe(key);
    expect(wechatEventKey('1001', 'wxid_a', new Date(at.getTime() + 1000))).not.toBe(key);
  });

  it('names what it cannot read and ignores system messages', () => {
    expect(handlingOf(types.Message.Text)).toBe('text');
    expect(handlingOf(types.Message.Audio)).toBe('voice');
    expect(handlingOf(types.Message.Image)).toBe('unsupported');
    expect(unsupportedName(types.Message.Image)).toBe('图片');
    expect(unsupportedName(types.Message.Emoticon)).toBe('表情');
    expect(unsupportedName(types.Message.Attachment)).toBe('文件');
    expect(unsupportedName(types.Message.Video)).toBe('视频');
    expect(unsupportedName(types.Message.Url)).toBe('链接');
    expect(unsupportedName(types.Message.Location)).toBe('位置');
    expect(unsupportedName(types.Message.Contact)).toBe('名片');
    for (const type of [types.Message.Unknown, types.Message.Recalled, types.Message.GroupNote]) {
      expect(handlingOf(type)).toBe('ignore');
    }
    expect(declaredVoiceSeconds('<msg><voicemsg voicelength="3200" voiceformat="4" /></msg>')).toBe(3.2);
    expect(declaredVoiceSeconds('')).toBeUndefined();
  });

  it('reads the separate process settings, naming whatever is missing', () => {
    expect(() => parseWechatProcessConfig({})).toThrow(
      /WECHATY_PUPPET is not set.*API_URL is not set.*API_SERVICE_TOKEN is not set/,
    );
    expect(() =>
      parseWechatProcessConfig({
        WECHATY_PUPPET: 'wechaty-puppet-service',
        API_URL: 'https://assistant.example.com',
        API_SERVICE_TOKEN: 'a-service-token-of-32-characters',
      }),
    ).toThrow(/WECHATY_PUPPET_SERVICE_TOKEN is not set/);
    expect(() =>
      parseWechatProcessConfig({
        WECHATY_PUPPET: 'wechaty-puppet-wechat4u',
        API_URL: 'https://assistant.example.com',
        API_SERVICE_TOKEN: 'short',
      }),
    ).toThrow(/API_SERVICE_TOKEN must be at least 16 characters/);
    const settings = parseWechatProcessConfig({
      WECHATY_PUPPET: 'wechaty-puppet-wechat4u',
      API_URL: 'https://assistant.example.com',
      API_SERVICE_TOKEN: 'a-service-token-of-32-characters',
      ASR_URL: 'http://127.0.0.1:9000',
    });
    expect(settings).toMatchObject({
      ASR_URL: 'http://127.0.0.1:9000',
      ASR_MODEL: 'whisper-1',
      LOG_LEVEL: 'info',
    });
  });
});

describe('WeChat bot on the mock puppet against the real service', () => {
  let services: TestServices;
  let asr: AsrStandIn;
  let world: MockWechat;

  beforeAll(async () => {
    services = await startTestServices();
    asr = await startAsrStandIn(SPOKEN);
    const logger = pino({ level: 'silent' });
    const recognizer = createSpeechRecognizer({ ASR_URL: asr.url, ASR_MODEL: 'whisper-1' });
    const inbound: InboundDeps = {
      turns: services.turns,
      events: createSqliteInboundLog(services.database.db),
      decode: decodeVoice,
      logger,
      ...(recognizer ? { recognizer } : {}),
    };
    world = await startMockWechat({ inbound, logger });
  });

  afterAll(async () => {
    await world?.stop();
    await asr?.close();
    services?.dispose();
  });

  const textFrom = (talkerId: string, text: string, extra: Partial<MessagePayload> = {}): MessagePayload =>
    ({
      id: messageId(),
      talkerId,
      listenerId: world.me.id,
      text,
      timestamp: Date.now(),
      type: types.Message.Text,
      ...extra,
    }) as MessagePayload;

  async function customerMessages(userId: string): Promise<string[]> {
    const conversation = await services.store.findConversation('wechat', userId);
    if (!conversation) return [];
    const messages = await services.store.listMessages(conversation.id);
    return messages.filter((m) => m.role === 'customer').map((m) => m.text);
  }

  /** Lets every message already announced be handled to the end. */
  async function settle(): Promise<void> {
    await world.bot.idle();
    await new Promise((resolve) => setTimeout(resolve, 150));
    await world.bot.idle();
  }

  it(
    'answers a text question from the knowledge base and keeps it in the wechat conversation',
    async () => {
      const customer = world.contact('王女士');
      world.deliver(textFrom(customer.id, QUESTION));
      await vi.waitFor(() => expect(world.said({ to: customer.id })).toHaveLength(1), WAIT);
      expect(world.said({ to: customer.id })[0]).toContain(ANSWER);

      const conversation = await services.store.findConversation('wechat', customer.id);
      expect(conversation?.channel).toBe('wechat');
      const messages = await services.store.listMessages(conversation?.id ?? '');
      expect(messages.map((m) => [m.role, m.text.includes(ANSWER) || m.text === QUESTION])).toEqual([
        ['customer', true],
        ['assistant', true],
      ]);
    },
    TEST_TIMEOUT,
  );

  it(
    'answers the MP3 voice the web protocol (wechat4u) hands over under a .sil name',
    async () => {
      const customer = world.contact('马女士');
      const mp3 = readFileSync(new URL('./fixtures/voice/zh-question.mp3', import.meta.url));
      world.deliver(
        textFrom(customer.id, '', { type: types.Message.Audio }),
        FileBox.fromBase64(mp3.toString('base64'), 'voice.sil'),
      );
      await vi.waitFor(() => expect(world.said({ to: customer.id })).toHaveLength(2), WAIT);
      expect(world.said({ to: customer.id })[1]?.startsWith(`您说的是：“${SPOKEN}”`)).toBe(true);
    },
    TEST_TIMEOUT,
  );

  it(
    'answers a SILK voice message: acknowledged first, then the echo and the answer; the ASR got a WAV',
    async () => {
      const customer = world.contact('李先生');
      const silk = readFileSync(new URL('./fixtures/voice/zh-question.sil', import.meta.url));
      const voice = FileBox.fromBase64(silk.toString('base64'), 'voice.sil');
      const before = asr.requests.length;
      const payload = textFrom(customer.id, '', { type: types.Message.Audio });
      world.deliver(payload, voice);
      await vi.waitFor(() => expect(world.said({ to: customer.id })).toHaveLength(2), WAIT);

      const [ack, answer] = world.said({ to: customer.id });
      expect(ack).toBe(WECHAT_REPLIES.voiceAck);
      expect(answer?.startsWith(`您说的是：“${SPOKEN}”`)).toBe(true);
      expect(answer).toContain(ANSWER);

      expect(asr.requests).toHaveLength(before + 1);
      const request = asr.requests.at(-1);
      expect(request?.path).toBe('/v1/audio/transcriptions');
      expect(request?.model).toBe('whisper-1');
      expect(request?.fileType).toBe('audio/wav');
      const wav = Buffer.from(request?.file ?? new Uint8Array());
      expect(wav.subarray(0, 4).toString('latin1')).toBe('RIFF');
      expect(wav.subarray(8, 12).toString('latin1')).toBe('WAVE');
      expect(wav.readUInt32LE(24)).toBe(16000);
      // Several seconds of speech at 16 kHz, 16-bit mono.
      expect(wav.length - 44).toBeGreaterThan(2 * 16000 * 2);
      expect(await customerMessages(customer.id)).toEqual([SPOKEN]);

      // WeChat delivering the same voice message again: no second acknowledgement, no second ASR call.
      world.redeliver(payload.id);
      world.deliver(textFrom(customer.id, QUESTION));
      await vi.waitFor(() => expect(world.said({ to: customer.id })).toHaveLength(3), WAIT);
      await settle();
      expect(world.said({ to: customer.id })).toHaveLength(3);
      expect(asr.requests).toHaveLength(before + 1);
    },
    TEST_TIMEOUT,
  );

  it(
    'answers the same message once when it is delivered again',
    async () => {
      const customer = world.contact('赵女士');
      const payload = textFrom(customer.id, QUESTION);
      world.deliver(payload);
      world.redeliver(payload.id);
      await vi.waitFor(() => expect(world.said({ to: customer.id })).toHaveLength(1), WAIT);
      world.redeliver(payload.id);
      await settle();
      expect(world.said({ to: customer.id })).toHaveLength(1);
      expect(await customerMessages(customer.id)).toEqual([QUESTION]);
    },
    TEST_TIMEOUT,
  );

  it(
    'answers two different messages that share an id (other sender, other time)',
    async () => {
      const first = world.contact('钱先生');
      const second = world.contact('孙女士');
      const payload = textFrom(first.id, QUESTION);
      world.deliver(payload);
      await vi.waitFor(() => expect(world.said({ to: first.id })).toHaveLength(1), WAIT);

      // The same id from someone else, a second later.
      await world.reuseId({ ...payload, talkerId: second.id, timestamp: payload.timestamp + 1000 });
      await vi.waitFor(() => expect(world.said({ to: second.id })).toHaveLength(1), WAIT);
      // The same id and sender at another time is another message too.
      await world.reuseId({ ...payload, text: '查电费', timestamp: payload.timestamp + 5000 });
      await vi.waitFor(() => expect(world.said({ to: first.id })).toHaveLength(2), WAIT);

      expect(world.said({ to: second.id })[0]).toContain(ANSWER);
      expect(await customerMessages(first.id)).toEqual([QUESTION, '查电费']);
      expect(await customerMessages(second.id)).toEqual([QUESTION]);
    },
    TEST_TIMEOUT,
  );

  it(
    'in a group, answers only when mentioned, in the group, mentioning the person',
    async () => {
      const customer = world.contact('周先生');
      const neighbour = world.contact('吴女士');
      const group = world.group([customer, neighbour]);
      const inGroup = (talkerId: string, text: string, mentioned: boolean) =>
        ({
          id: messageId(),
          talkerId,
          roomId: group.id,
          mentionIdList: mentioned ? [world.me.id] : [],
          text,
          timestamp: Date.now(),
          type: types.Message.Text,
        }) as MessagePayload;

      world.deliver(inGroup(neighbour.id, QUESTION, false));
      world.deliver(inGroup(customer.id, `@${world.me.payload.name}\u2005${QUESTION}`, true));
      await vi.waitFor(() => expect(world.said({ room: group.id })).toHaveLength(1), WAIT);
      await settle();

      const [reply] = world.said({ room: group.id });
      expect(reply?.startsWith('@周先生')).toBe(true);
      expect(reply).toContain(ANSWER);
      expect(world.said({ to: customer.id })).toEqual([]);
      // The conversation is the person's own; the unmentioned message reached nobody.
      expect(await customerMessages(customer.id)).toEqual([QUESTION]);
      expect(await customerMessages(neighbour.id)).toEqual([]);
    },
    TEST_TIMEOUT,
  );

  it(
    'in a group, an account request gets the private-chat notice',
    async () => {
      const customer = world.contact('郑先生');
      const group = world.group([customer]);
      world.deliver({
        id: messageId(),
        talkerId: customer.id,
        roomId: group.id,
        mentionIdList: [world.me.id],
        text: `@${world.me.payload.name} 查电费`,
        timestamp: Date.now(),
        type: types.Message.Text,
      } as MessagePayload);
      await vi.waitFor(() => expect(world.said({ room: group.id })).toHaveLength(1), WAIT);
      const [reply] = world.said({ room: group.id });
      expect(reply).toBe(`@郑先生 ${CHANNEL_REPLIES.groupOnly}`);
      // Not the account flow's prompt, which would ask for the account number in front of the group.
      expect(reply).not.toContain('10位数字');
    },
    TEST_TIMEOUT,
  );

  it(
    'answers an image with the polite text-and-voice-only sentence and notes it in the conversation',
    async () => {
      const customer = world.contact('冯女士');
      const png = FileBox.fromBase64(
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
        'photo.png',
      );
      world.deliver(textFrom(customer.id, '', { type: types.Message.Image }), png);
      await vi.waitFor(() => expect(world.said({ to: customer.id })).toHaveLength(1), WAIT);
      expect(world.said({ to: customer.id })).toEqual([CHANNEL_REPLIES.unsupported]);
      expect(await customerMessages(customer.id)).toEqual(['[图片：暂不支持]']);
    },
    TEST_TIMEOUT,
  );

  it(
    'ignores official accounts and history replayed from before the start',
    async () => {
      const account = world.contact('某公众号', types.Contact.Official);
      const customer = world.contact('陈先生');
      world.deliver(textFrom(account.id, QUESTION));
      world.deliver(textFrom(customer.id, '旧消息', { timestamp: Date.now() - 3_600_000 }));
      world.deliver(textFrom(customer.id, QUESTION));
      await vi.waitFor(() => expect(world.said({ to: customer.id })).toHaveLength(1), WAIT);
      await settle();
      expect(world.said({ to: account.id })).toEqual([]);
      expect(await customerMessages(account.id)).toEqual([]);
      expect(await customerMessages(customer.id)).toEqual([QUESTION]);
    },
    TEST_TIMEOUT,
  );

  it(
    'sends staff messages to a known contact (long ones split in order) and refuses an unknown one for good',
    async () => {
      const customer = world.contact('褚女士');
      await world.bot.sender.send(customer.id, '您的报修工单已受理，抢修人员将在2小时内到达。');
      await vi.waitFor(() => expect(world.said({ to: customer.id })).toHaveLength(1), WAIT);
      expect(world.said({ to: customer.id })[0]).toBe('您的报修工单已受理，抢修人员将在2小时内到达。');

      const long = Array.from({ length: 60 }, (_, i) => `${i + 1}. ${'说明'.repeat(30)}`).join('\n');
      await world.bot.sender.send(customer.id, long);
      await vi.waitFor(() => expect(world.said({ to: customer.id }).length).toBeGreaterThan(2), WAIT);
      const parts = world.said({ to: customer.id }).slice(1);
      for (const part of parts) expect(part.length).toBeLessThanOrEqual(2000);
      expect(parts.join('\n')).toBe(long);

      await expect(world.bot.sender.send('wxid_nobody_knows', '您好')).rejects.toBeInstanceOf(
        PermanentDeliveryError,
      );
    },
    TEST_TIMEOUT,
  );
});

describe('WeChat bot when answering fails', () => {
  it(
    'apologises to the customer, keeps running, and logs neither the text nor names',
    async () => {
      const lines: string[] = [];
      const logger = pino({ level: 'debug' }, { write: (line: string) => lines.push(line) });
      const shown: string[] = [];
      let claims = 0;
      const inbound: InboundDeps = {
        turns: {
          handle: async () => {
            throw new Error('turn must not run');
          },
        },
        events: {
          claim: async () => {
            claims += 1;
            if (claims === 1) throw new Error('database is locked');
            return true;
          },
          complete: async () => undefined,
          release: async () => undefined,
          prune: async () => 0,
        },
        decode: decodeVoice,
        logger,
      };
      const world = await startMockWechat({
        inbound,
        logger,
        botName: '电力小助手',
        showQrCode: (qrcode) => shown.push(qrcode),
      });
      try {
        world.mocker.scan('https://login.weixin.qq.com/l/Abc123==', ScanStatus.Waiting);
        const customer = world.contact('蒋先生');
        const secret = '我的户号是3201234567，电话13900001111';
        world.deliver({
          id: messageId(),
          talkerId: customer.id,
          listenerId: world.me.id,
          text: secret,
          timestamp: Date.now(),
          type: types.Message.Text,
        } as MessagePayload);
        await vi.waitFor(() => expect(world.said({ to: customer.id })).toHaveLength(1), WAIT);
        expect(world.said({ to: customer.id })).toEqual([CHANNEL_REPLIES.somethingWentWrong]);

        // Still answering: the next message reaches the (failing) turn and gets the apology too.
        world.deliver({
          id: messageId(),
          talkerId: customer.id,
          listenerId: world.me.id,
          text: '你好',
          timestamp: Date.now(),
          type: types.Message.Text,
        } as MessagePayload);
        await vi.waitFor(() => expect(world.said({ to: customer.id })).toHaveLength(2), WAIT);
        await world.bot.idle();

        expect(shown).toEqual(['https://login.weixin.qq.com/l/Abc123==']);
        const log = lines.join('');
        expect(log).toContain(loginQrUrl('https://login.weixin.qq.com/l/Abc123=='));
        expect(log).toContain('wechat logged in');
        expect(log).toContain('wechat message failed');
        for (const privateWord of [secret, '3201234567', '你好', '蒋先生', '电力小助手']) {
          expect(log).not.toContain(privateWord);
        }
      } finally {
        await world.stop();
      }
    },
    TEST_TIMEOUT,
  );
});
