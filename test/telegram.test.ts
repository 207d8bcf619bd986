import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CHANNEL_REPLIES } from '../bot/channel/replies.js';
import { MAIN_KEYBOARD, TELEGRAM_MAX_MESSAGE } from '../bot/telegram/bot.js';
import { startAsrStandIn } from './support/asr-stand-in.js';
import { startTestServices, type TestServices } from './support/services.js';
import { staffCall, staffSession } from './support/staff-session.js';
import { startTelegramStandIn, type TelegramStandIn } from './support/telegram-stand-in.js';

const TOKEN = '123456:test-token-for-the-stand-in';
const SECRET = 'webhook-secret_0123456789';
const STAFF_CHAT = '-100777';
const SPOKEN = '居民用电的供电方案多久答复';
const VOICE = readFileSync(new URL('./fixtures/voice/zh-question.ogg', import.meta.url));

let telegram: TelegramStandIn;
let asr: Awaited<ReturnType<typeof startAsrStandIn>>;
beforeAll(async () => {
  asr = await startAsrStandIn(SPOKEN);
});
afterAll(() => asr.close());

let service: TestServices;
beforeEach(async () => {
  telegram = await startTelegramStandIn(TOKEN);
});
afterEach(async () => {
  if (service?.telegram?.bot.isRunning()) await service.telegram.stop();
  service?.dispose();
  await telegram.close();
});

function start(env: Record<string, string> = {}) {
  return startTestServices({
    TELEGRAM_BOT_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: telegram.apiRoot,
    TELEGRAM_WEBHOOK_SECRET: SECRET,
    ASR_URL: asr.url,
    ...env,
  });
}

/** Telegram posting one update to our webhook. */
function deliver(update: unknown, secret = SECRET) {
  return service.app.request('/telegram/webhook', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
    body: JSON.stringify(update),
  });
}

async function conversationOf(chatId: number) {
  const conversation = await service.store.findConversation('telegram', String(chatId));
  if (!conversation) throw new Error(`no conversation for chat ${chatId}`);
  return conversation;
}

describe('Telegram by webhook', () => {
  beforeEach(async () => {
    service = await start();
  });

  it('answers a text question in the chat, with the main keyboard', async () => {
    const chat = telegram.newChatId();
    const response = await deliver(telegram.update(chat, { text: '居民客户供电方案答复期限是多少' }));
    expect(response.status).toBe(200);
    const [reply] = telegram.sentTo(chat);
    expect(reply?.text).toContain('3个工作日');
    expect(reply?.replyMarkup).toEqual(JSON.parse(JSON.stringify(MAIN_KEYBOARD)));
    const messages = await service.store.listMessages((await conversationOf(chat)).id);
    expect(messages.map((m) => m.role)).toEqual(['customer', 'assistant']);
  });

  it('refuses an update without the right secret header, and answers nothing', async () => {
    const chat = telegram.newChatId();
    expect((await deliver(telegram.update(chat, { text: '你好' }), 'wrong-secret')).status).toBe(401);
    expect(telegram.sentTo(chat)).toEqual([]);
    expect(await service.store.findConversation('telegram', String(chat))).toBeUndefined();
  });

  it('answers a retried update once', async () => {
    const chat = telegram.newChatId();
    const update = telegram.update(chat, { text: '我要投诉' });
    expect((await deliver(update)).status).toBe(200);
    const answered = telegram.sentTo(chat).length;
    expect(answered).toBeGreaterThan(0);
    expect((await deliver(update)).status).toBe(200);
    expect(telegram.sentTo(chat)).toHaveLength(answered);
    const messages = await service.store.listMessages((await conversationOf(chat)).id);
    expect(messages.filter((m) => m.role === 'customer')).toHaveLength(1);
  });

  it('greets on /start and explains on /help', async () => {
    const chat = telegram.newChatId();
    await deliver(
      telegram.update(chat, { text: '/start', entities: [{ type: 'bot_command', offset: 0, length: 6 }] }),
    );
    await deliver(
      telegram.update(chat, { text: '/help', entities: [{ type: 'bot_command', offset: 0, length: 5 }] }),
    );
    expect(telegram.sentTo(chat).map((m) => m.text)).toEqual([CHANNEL_REPLIES.welcome, CHANNEL_REPLIES.help]);
  });

  it('answers stickers, photos and locations politely and notes them for staff', async () => {
    const chat = telegram.newChatId();
    await deliver(
      telegram.update(chat, {
        sticker: {
          file_id: 's1',
          file_unique_id: 'us1',
          type: 'regular',
          width: 512,
          height: 512,
          is_animated: false,
          is_video: false,
        },
      }),
    );
    await deliver(
      telegram.update(chat, { photo: [{ file_id: 'p1', file_unique_id: 'up1', width: 90, height: 90 }] }),
    );
    await deliver(telegram.update(chat, { location: { latitude: 31.2, longitude: 121.5 } }));
    expect(telegram.sentTo(chat).map((m) => m.text)).toEqual(Array(3).fill(CHANNEL_REPLIES.unsupported));
    const messages = await service.store.listMessages((await conversationOf(chat)).id);
    expect(messages.filter((m) => m.role === 'customer').map((m) => m.text)).toEqual([
      '[表情：暂不支持]',
      '[图片：暂不支持]',
      '[位置：暂不支持]',
    ]);
  });

  it('tells a group to write privately when mentioned, and stays quiet otherwise', async () => {
    const group = -4001;
    await deliver(telegram.update(group, { text: '今天停电了吗' }, 'group'));
    expect(telegram.sentTo(group)).toEqual([]);
    await deliver(telegram.update(group, { text: `@${telegram.me.username} 查电费` }, 'group'));
    expect(telegram.sentTo(group).map((m) => m.text)).toEqual([CHANNEL_REPLIES.groupOnly]);
  });

  it('asks for a long message to be shortened instead of failing', async () => {
    const chat = telegram.newChatId();
    await deliver(telegram.update(chat, { text: '电'.repeat(2500) }));
    expect(telegram.sentTo(chat).map((m) => m.text)).toEqual([CHANNEL_REPLIES.textTooLong]);
  });
});

describe('Telegram voice messages', () => {
  const voiceUpdate = (chat: number, duration: number, fileId = `voice-${chat}`) =>
    telegram.update(chat, {
      voice: {
        file_id: fileId,
        file_unique_id: `u${fileId}`,
        duration,
        mime_type: 'audio/ogg',
        file_size: VOICE.length,
      },
    });

  it('recognises a real OGG/Opus voice note, echoes it and answers it', async () => {
    service = await start();
    const chat = telegram.newChatId();
    telegram.addFile(`voice-${chat}`, `voice/file_${chat}.oga`, VOICE);
    const before = asr.bodies.length;
    await deliver(voiceUpdate(chat, 5));
    const [reply] = telegram.sentTo(chat);
    expect(reply?.text.startsWith(`您说的是：“${SPOKEN}”`)).toBe(true);
    expect(reply?.text).toContain('3个工作日');
    // The ASR service got the decoded speech as a 16 kHz mono WAV.
    const body = asr.bodies[before] ?? Buffer.alloc(0);
    const wav = body.subarray(body.indexOf('RIFF'));
    expect(wav.subarray(8, 12).toString()).toBe('WAVE');
    expect(wav.readUInt16LE(22)).toBe(1);
    expect(wav.readUInt32LE(24)).toBe(16000);
    const messages = await service.store.listMessages((await conversationOf(chat)).id);
    expect(messages[0]).toMatchObject({ role: 'customer', text: SPOKEN });
  });

  it('asks to type when the voice is over 60 seconds, without downloading it', async () => {
    service = await start();
    const chat = telegram.newChatId();
    telegram.addFile(`voice-${chat}`, `voice/file_${chat}.oga`, VOICE);
    await deliver(voiceUpdate(chat, 75));
    expect(telegram.sentTo(chat).map((m) => m.text)).toEqual([CHANNEL_REPLIES.voiceTooLong]);
    expect(telegram.calls).not.toContain('getFile');
  });

  it('asks to type when the file is broken or the recogniser fails', async () => {
    service = await start();
    const broken = telegram.newChatId();
    telegram.addFile(`voice-${broken}`, `voice/file_${broken}.oga`, VOICE.subarray(0, 300));
    await deliver(voiceUpdate(broken, 5));
    expect(telegram.sentTo(broken).map((m) => m.text)).toEqual([CHANNEL_REPLIES.voiceUnreadable]);

    const failing = telegram.newChatId();
    telegram.addFile(`voice-${failing}`, `voice/file_${failing}.oga`, VOICE);
    asr.failWith(503);
    try {
      await deliver(voiceUpdate(failing, 5));
    } finally {
      asr.failWith(undefined);
    }
    expect(telegram.sentTo(failing).map((m) => m.text)).toEqual([CHANNEL_REPLIES.voiceNotUnderstood]);
    const messages = await service.store.listMessages((await conversationOf(failing)).id);
    expect(messages[0]?.text).toBe('[语音消息：未能识别]');
  });

  it('says voice is not available when no recogniser is configured', async () => {
    service = await start({ ASR_URL: '' });
    const chat = telegram.newChatId();
    telegram.addFile(`voice-${chat}`, `voice/file_${chat}.oga`, VOICE);
    await deliver(voiceUpdate(chat, 5));
    expect(telegram.sentTo(chat).map((m) => m.text)).toEqual([CHANNEL_REPLIES.voiceUnavailable]);
  });
});

describe('Telegram by long polling', () => {
  it('answers queued updates through getUpdates, a redelivered one once', async () => {
    service = await start({ TELEGRAM_WEBHOOK_SECRET: '' });
    const chat = telegram.newChatId();
    const polling = service.telegram?.startPolling();
    const update = telegram.update(chat, { text: '电费怎么交' });
    telegram.queue(update);
    await telegram.waitForSent(1);
    telegram.queue(update); // getUpdates hands it out again (as after a restart before the offset moved)
    telegram.queue(telegram.update(chat, { text: '谢谢' }));
    await telegram.waitForSent(2);
    await service.telegram?.stop();
    await polling;
    const customerTurns = (await service.store.listMessages((await conversationOf(chat)).id)).filter(
      (m) => m.role === 'customer',
    );
    expect(customerTurns.map((m) => m.text)).toEqual(['电费怎么交', '谢谢']);
  });
});

describe('delivery to a Telegram customer', () => {
  beforeEach(async () => {
    service = await start({ TELEGRAM_STAFF_CHAT_ID: STAFF_CHAT });
  });

  async function handedOff() {
    const chat = telegram.newChatId();
    await deliver(telegram.update(chat, { text: '转人工' }));
    return { chat, conversation: await conversationOf(chat) };
  }

  it('tells the staff chat about a handoff, without customer data', async () => {
    const { conversation } = await handedOff();
    await service.deliveryWorker.runOnce();
    const notices = telegram.sentTo(Number(STAFF_CHAT));
    expect(notices).toHaveLength(1);
    expect(notices[0]?.text).toContain('【待人工】');
    expect(notices[0]?.text).toContain(`/console/conversations/${conversation.id}`);
  });

  it('tells the staff chat once when a case deadline passes', async () => {
    const form = await service.app.request('/v1/tickets', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'complaint', description: '抄表员态度恶劣', contactPhone: '13800138000' }),
    });
    const ticket = (await form.json()) as { id: string; number: string };
    const later = new Date(Date.now() + 30 * 86_400_000);
    expect((await service.scanOnce(later)).map((e) => e.type)).toEqual(['overdue', 'overdue']);
    expect(await service.scanOnce(later)).toEqual([]);
    await service.deliveryWorker.runOnce();
    const notices = telegram.sentTo(Number(STAFF_CHAT)).map((m) => m.text);
    expect(notices).toHaveLength(2);
    expect(notices.every((n) => n.startsWith('【已超期】') && n.includes(ticket.number))).toBe(true);
    expect(notices.join('')).not.toContain('13800138000');
  });

  it('sends a staff reply on the customer’s Telegram chat', async () => {
    const { chat, conversation } = await handedOff();
    const staff = await staffSession(service.app);
    const response = await staffCall(service.app, staff, 'POST', `/v1/handoffs/${conversation.id}/replies`, {
      text: '您好，我是客服小王，请问您的户号是多少？',
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ channel: 'telegram', delivery: 'queued' });
    await service.deliveryWorker.runOnce();
    expect(telegram.sentTo(chat).at(-1)?.text).toBe('您好，我是客服小王，请问您的户号是多少？');
    const transcript = (await (
      await staffCall(service.app, staff, 'GET', `/v1/conversations/${conversation.id}/messages`)
    ).json()) as { items: { role: string; delivery?: { status: string } }[] };
    expect(transcript.items.at(-1)).toMatchObject({ role: 'staff', delivery: { status: 'sent' } });
  });

  it('waits out a 429 and sends the reply once', async () => {
    const { chat, conversation } = await handedOff();
    telegram.failNext('sendMessage', {
      status: 429,
      description: 'Too Many Requests: retry after 1',
      retryAfter: 1,
    });
    await service.store.appendMessage(conversation.id, { role: 'staff', text: '请稍等' }, new Date());
    await service.deliveryWorker.runOnce();
    expect(telegram.sentTo(chat).filter((m) => m.text === '请稍等')).toHaveLength(1);
  });

  it('shows a failed delivery to the agent and sends it when retried', async () => {
    const { chat, conversation } = await handedOff();
    const staff = await staffSession(service.app);
    await service.deliveryWorker.runOnce(); // the staff-chat notice goes first
    telegram.failNext('sendMessage', { status: 403, description: 'Forbidden: bot was blocked by the user' });
    await staffCall(service.app, staff, 'POST', `/v1/handoffs/${conversation.id}/replies`, { text: '您好' });
    await service.deliveryWorker.runOnce();
    const transcript = async () =>
      (await (
        await staffCall(service.app, staff, 'GET', `/v1/conversations/${conversation.id}/messages`)
      ).json()) as {
        items: { role: string; delivery?: { id: string; status: string; lastError?: string } }[];
      };
    const failed = (await transcript()).items.at(-1)?.delivery;
    expect(failed).toMatchObject({ status: 'failed' });
    expect(failed?.lastError).toContain('403');
    expect(telegram.sentTo(chat).map((m) => m.text)).not.toContain('您好');

    const retry = await staffCall(service.app, staff, 'POST', `/v1/deliveries/${failed?.id}/retry`);
    expect(retry.status).toBe(200);
    await service.deliveryWorker.runOnce();
    expect(telegram.sentTo(chat).at(-1)?.text).toBe('您好');
    expect((await transcript()).items.at(-1)?.delivery).toMatchObject({ status: 'sent' });
  });

  it('keeps a reply that failed on a server error for a later attempt', async () => {
    const { chat, conversation } = await handedOff();
    await service.deliveryWorker.runOnce();
    telegram.failNext('sendMessage', { status: 502, description: 'Bad Gateway' });
    await service.store.appendMessage(conversation.id, { role: 'staff', text: '马上为您处理' }, new Date());
    await service.deliveryWorker.runOnce();
    await service.deliveryWorker.runOnce(); // not due again yet: no second attempt
    const [pending] = (await service.deliveries.forConversation(conversation.id)).filter(
      (d) => d.text === '马上为您处理',
    );
    expect(pending).toMatchObject({ status: 'pending', attempts: 1 });
    expect(pending?.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());
    expect(telegram.sentTo(chat).map((m) => m.text)).not.toContain('马上为您处理');
  });

  it('asks a Telegram customer for a rating when the person closes the conversation', async () => {
    const { chat, conversation } = await handedOff();
    const staff = await staffSession(service.app);
    const closed = await staffCall(service.app, staff, 'POST', `/v1/handoffs/${conversation.id}/close`);
    expect(closed.status).toBe(200);
    await service.deliveryWorker.runOnce();
    expect(telegram.sentTo(chat).at(-1)?.text).toContain('1-5分');
    await deliver(telegram.update(chat, { text: '5' }));
    expect(await service.store.listRatings()).toEqual([{ score: 5, ticketId: null }]);
  });

  it('follows up a closed repair on the customer’s Telegram chat', async () => {
    const chat = telegram.newChatId();
    for (const text of ['家里停电了', '整栋楼都没电', '上海市浦东新区张江路100号', '13800138000', '确认']) {
      await deliver(telegram.update(chat, { text }));
    }
    const [ticket] = (await service.tickets.page({ filter: {}, asOf: new Date(), limit: 1 })).items;
    expect(ticket?.kind).toBe('repair');
    const staff = await staffSession(service.app);
    const patch = await staffCall(service.app, staff, 'PATCH', `/v1/tickets/${ticket?.id}`, {
      status: 'closed',
      note: '已修复',
    });
    expect(patch.status).toBe(200);
    await service.deliveryWorker.runOnce();
    expect(telegram.sentTo(chat).at(-1)?.text).toContain(ticket?.number);
    expect(telegram.sentTo(chat).at(-1)?.text).toContain('1-5分');
  });

  it('splits a reply longer than Telegram allows', async () => {
    const chat = telegram.newChatId();
    await service.telegram?.sender.send(String(chat), `${'第一段。'.repeat(800)}\n${'第二段。'.repeat(800)}`);
    const parts = telegram.sentTo(chat);
    expect(parts).toHaveLength(2);
    expect(parts.every((p) => p.text.length <= TELEGRAM_MAX_MESSAGE)).toBe(true);
    expect(parts.map((p) => p.text).join('')).toBe(`${'第一段。'.repeat(800)}\n${'第二段。'.repeat(800)}`);
  });
});

describe('the main keyboard', () => {
  it('has buttons the assistant understands as their actions', async () => {
    service = await start();
    const expected: Record<string, string> = {
      查电费: 'bill',
      报装进度: 'application',
      我要投诉: 'complaint',
      故障报修: 'repair',
      转人工: 'handoff',
    };
    for (const [label, intent] of Object.entries(expected)) {
      const reply = await service.say(label, `keyboard-${crypto.randomUUID()}`);
      expect(reply.intent, label).toBe(intent);
    }
  });
});

describe('a reply Telegram did not take', () => {
  it('is queued and sent by the outbox, not lost', async () => {
    service = await start();
    const chat = telegram.newChatId();
    telegram.failNext('sendMessage', { status: 502, description: 'Bad Gateway' });
    await deliver(telegram.update(chat, { text: '居民客户供电方案答复期限是多少' }));
    expect(telegram.sentTo(chat)).toEqual([]);
    const [queued] = await service.deliveries.due(new Date(), ['telegram']);
    expect(queued).toMatchObject({ address: String(chat), status: 'pending' });
    await service.deliveryWorker.runOnce();
    expect(telegram.sentTo(chat)[0]?.text).toContain('3个工作日');
  });
});
