import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A message the bot sent, as the Bot API server received it. */
export interface SentMessage {
  chatId: string;
  text: string;
  replyMarkup?: unknown;
}

interface Failure {
  status: number;
  description: string;
  retryAfter?: number;
}

/**
 * A local stand-in for the Telegram Bot API (the part this bot uses): getMe, sendMessage,
 * sendChatAction, getFile and file downloads, getUpdates long polling, webhook calls. Tests point
 * grammY's apiRoot here, queue updates, and read what the bot sent. It can fail a method on
 * purpose (429 with retry_after, 403, 500) to test retries.
 */
export async function startTelegramStandIn(token: string) {
  const sent: SentMessage[] = [];
  const calls: string[] = [];
  const files = new Map<string, { path: string; bytes: Uint8Array }>();
  const updates: Record<string, unknown>[] = [];
  const failures = new Map<string, Failure[]>();
  let nextUpdateId = 1000;
  let nextMessageId = 1;
  let pollWaiters: (() => void)[] = [];
  const messageWaiters: { count: number; resolve: () => void }[] = [];
  const me = {
    id: 7000001,
    is_bot: true as const,
    first_name: '供电客服',
    username: 'power_service_test_bot',
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
    can_connect_to_business: false,
    has_main_web_app: false,
  };

  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };

  async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  }

  async function method(name: string, body: Record<string, unknown>): Promise<unknown> {
    switch (name) {
      case 'getMe':
        return me;
      case 'sendMessage': {
        const message = {
          chatId: String(body.chat_id),
          text: String(body.text),
          replyMarkup: body.reply_markup,
        };
        sent.push(message);
        for (const waiter of [...messageWaiters]) {
          if (sent.length >= waiter.count) {
            messageWaiters.splice(messageWaiters.indexOf(waiter), 1);
            waiter.resolve();
          }
        }
        return {
          message_id: nextMessageId++,
          date: Math.floor(Date.now() / 1000),
          chat: { id: Number(body.chat_id), type: 'private' },
          text: body.text,
        };
      }
      case 'sendChatAction':
      case 'deleteWebhook':
      case 'setWebhook':
      case 'setMyCommands':
        return true;
      case 'getFile': {
        const file = files.get(String(body.file_id));
        if (!file) throw { status: 400, description: 'Bad Request: invalid file_id' };
        return {
          file_id: body.file_id,
          file_unique_id: `u${String(body.file_id)}`,
          file_size: file.bytes.length,
          file_path: file.path,
        };
      }
      case 'getUpdates': {
        const offset = Number(body.offset ?? 0);
        const timeout = Math.min(Number(body.timeout ?? 0), 1);
        const pending = () => updates.filter((u) => (u.update_id as number) >= offset);
        if (pending().length === 0 && timeout > 0) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, timeout * 1000);
            pollWaiters.push(() => {
              clearTimeout(timer);
              resolve();
            });
          });
        }
        return pending();
      }
      default:
        throw { status: 404, description: `Not Found: method ${name}` };
    }
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const file = url.pathname.match(/^\/file\/bot([^/]+)\/(.+)$/);
    if (file) {
      const entry = [...files.values()].find((f) => f.path === file[2]);
      if (file[1] !== token || !entry) return json(res, 404, { ok: false });
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end(Buffer.from(entry.bytes));
      return;
    }
    const call = url.pathname.match(/^\/bot([^/]+)\/(\w+)$/);
    if (!call || call[1] !== token)
      return json(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
    const name = call[2] as string;
    readBody(req)
      .then(async (body) => {
        calls.push(name);
        const failure = failures.get(name)?.shift();
        if (failure) {
          return json(res, failure.status, {
            ok: false,
            error_code: failure.status,
            description: failure.description,
            ...(failure.retryAfter ? { parameters: { retry_after: failure.retryAfter } } : {}),
          });
        }
        json(res, 200, { ok: true, result: await method(name, body) });
      })
      .catch((error: { status?: number; description?: string }) =>
        json(res, error.status ?? 500, {
          ok: false,
          error_code: error.status ?? 500,
          description: error.description ?? 'Internal Server Error',
        }),
      );
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;

  let nextChat = 100;
  const from = (chatId: number) => ({ id: chatId, is_bot: false, first_name: '客户' });

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    me,
    sent,
    calls,
    /** A private chat id not used before in this stand-in. */
    newChatId: () => 900_000 + nextChat++,
    /** An update as Telegram would send it (for the webhook, or queued for getUpdates). */
    update(chatId: number, message: Record<string, unknown>, chatType = 'private') {
      const update_id = nextUpdateId++;
      return {
        update_id,
        message: {
          message_id: update_id,
          date: Math.floor(Date.now() / 1000),
          chat:
            chatType === 'private'
              ? { id: chatId, type: 'private', first_name: '客户' }
              : { id: chatId, type: chatType, title: '业主群' },
          from: from(chatId),
          ...message,
        },
      };
    },
    /** Queues an update for getUpdates (long polling). */
    queue(update: Record<string, unknown>) {
      updates.push(update);
      const waiters = pollWaiters;
      pollWaiters = [];
      for (const wake of waiters) wake();
    },
    addFile(fileId: string, path: string, bytes: Uint8Array) {
      files.set(fileId, { path, bytes });
    },
    failNext(methodName: string, failure: Failure, times = 1) {
      failures.set(methodName, [...(failures.get(methodName) ?? []), ...Array(times).fill(failure)]);
    },
    /** Resolves once the bot has sent at least `count` messages in all. */
    waitForSent(count: number, timeoutMs = 15_000) {
      if (sent.length >= count) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`expected ${count} sent messages, got ${sent.length}`)),
          timeoutMs,
        );
        messageWaiters.push({
          count,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
      });
    },
    sentTo: (chatId: number) => sent.filter((m) => m.chatId === String(chatId)),
    async close() {
      for (const wake of pollWaiters) wake();
      server.closeAllConnections();
      server.close();
      await once(server, 'close').catch(() => undefined);
    },
  };
}

export type TelegramStandIn = Awaited<ReturnType<typeof startTelegramStandIn>>;
