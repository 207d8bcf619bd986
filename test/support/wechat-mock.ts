/**
 * A WeChat world for tests: the real Wechaty bot on wechaty-puppet-mock, logged in as the bot's
 * account, with helpers to make contacts speak (privately or in a group) and to see what the bot
 * said back.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FileBox } from 'file-box';
import { types, log as wechatyLog } from 'wechaty';
import { mock, PuppetMock } from 'wechaty-puppet-mock';
import { createWechatBot, type WechatBot, type WechatBotOptions } from '../../bot/wechat/bot.js';

// Wechaty's own logger would print its info lines into the test output.
wechatyLog.level('silent');

export interface SentMessage {
  /** The contact spoken to, in a private chat. */
  to?: string;
  /** The group spoken in. */
  room?: string;
  text: string;
}

/** The mock server's message payload (the puppet's MessagePayload). */
export type MessagePayload = Parameters<mock.Mocker['MessageMock']['create']>[0];

export interface MockWechat {
  bot: WechatBot;
  puppet: PuppetMock;
  mocker: mock.Mocker;
  me: mock.ContactMock;
  /** Everything the bot said, in order. */
  sent: SentMessage[];
  contact(name: string, type?: types.Contact): mock.ContactMock;
  group(members: mock.ContactMock[]): mock.RoomMock;
  /** A message arriving from WeChat: stored at the mock server and announced to the bot. */
  deliver(payload: MessagePayload, file?: FileBox): void;
  /** The same message announced again (WeChat redelivering it). */
  redeliver(messageId: string): void;
  /** Another message reusing an id the bot has seen (the mock server's cache is refreshed first). */
  reuseId(payload: MessagePayload): Promise<void>;
  said(filter: { to?: string; room?: string }): string[];
  stop(): Promise<void>;
}

let counter = 0;
export function messageId(): string {
  counter += 1;
  return `msg-${Date.now().toString(36)}-${counter}`;
}

export async function startMockWechat(
  options: Omit<WechatBotOptions, 'puppet'> & { botName?: string },
): Promise<MockWechat> {
  const mocker = new mock.Mocker();
  const puppet = new PuppetMock({ mocker });
  const bot = createWechatBot({ ...options, puppet, showQrCode: options.showQrCode ?? (() => undefined) });
  const sent: SentMessage[] = [];
  let me: mock.ContactMock | undefined;

  // What the bot says comes back from the mock server as messages talked by the bot's account.
  puppet.on('message', ({ messageId: id }) => {
    const payload = mocker.cacheMessagePayload.get(id);
    if (!payload || !me || payload.talkerId !== me.id) return;
    sent.push({
      text: payload.text ?? '',
      ...('roomId' in payload && payload.roomId ? { room: payload.roomId } : {}),
      ...('listenerId' in payload && payload.listenerId ? { to: payload.listenerId } : {}),
    });
  });

  await bot.start();
  me = mocker.createContact({ name: options.botName ?? '供电客服' });
  mocker.login(me);
  puppet.emit('ready', { data: 'ready' });
  await bot.wechaty.ready();
  const self = me;

  return {
    bot,
    puppet,
    mocker,
    me: self,
    sent,
    contact: (name, type = types.Contact.Individual) => mocker.createContact({ name, type }),
    group: (members) => mocker.createRoom({ memberIdList: [self.id, ...members.map((m) => m.id)] }),
    deliver(payload, file) {
      if (file) mocker.cacheFileBoxPayload.set(payload.id, file.toJSON());
      mocker.MessageMock.create(payload);
      puppet.emit('message', { messageId: payload.id });
    },
    redeliver(id) {
      puppet.emit('message', { messageId: id });
    },
    async reuseId(payload) {
      mocker.cacheMessagePayload.set(payload.id, payload);
      await puppet.messagePayloadDirty(payload.id);
      puppet.emit('message', { messageId: payload.id });
    },
    said: (filter) =>
      sent
        .filter(
          (m) =>
            (filter.to === undefined || m.to === filter.to) &&
            (filter.room === undefined || m.room === filter.room),
        )
        .map((m) => m.text),
    async stop() {
      await bot.stop();
    },
  };
}

/** A stand-in for an OpenAI-compatible speech API: answers `text`, keeps what it received. */
export interface AsrStandIn {
  url: string;
  requests: { path: string; model: string | null; file: Uint8Array | null; fileType: string | null }[];
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function startAsrStandIn(text: string): Promise<AsrStandIn> {
  const requests: AsrStandIn['requests'] = [];
  const server: Server = createServer((req, res) => {
    readBody(req)
      .then(async (body) => {
        const form = await new Response(new Uint8Array(body), {
          headers: { 'content-type': req.headers['content-type'] ?? '' },
        }).formData();
        const file = form.get('file');
        requests.push({
          path: req.url ?? '',
          model: typeof form.get('model') === 'string' ? (form.get('model') as string) : null,
          file: file instanceof Blob ? new Uint8Array(await file.arrayBuffer()) : null,
          fileType: file instanceof Blob ? file.type : null,
        });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ text }));
      })
      .catch(() => {
        res.writeHead(400);
        res.end();
      });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
