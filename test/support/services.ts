import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { type Config, parseConfig } from '../../api/config.js';
import { createServices, type Services } from '../../bot/services.js';
import { createKnowledge, type Knowledge } from '../../knowledge/index.js';
import { loadKnowledgeBase } from '../../knowledge/load.js';

let sharedKnowledge: Promise<Knowledge> | undefined;
/** One lexical knowledge index per test process: it is read-only, and building it takes ~250 ms. */
export function lexicalKnowledge(): Promise<Knowledge> {
  sharedKnowledge ??= createKnowledge(loadKnowledgeBase());
  return sharedKnowledge;
}

export const SERVICE_TOKEN = 'test-service-token-0123456789';
export const ADMIN_PASSWORD = 'test-admin-password-42';

/** A web visitor's secret userId (≥ 16 characters). */
export function webUser(tag = 'visitor'): string {
  return `${tag}-${crypto.randomUUID()}`;
}

export interface TestServices extends Services {
  dir: string;
  post(body: unknown, headers?: Record<string, string>): Promise<Response>;
  say(
    text: string,
    userId: string,
    channel?: 'web' | 'telegram' | 'wechat' | 'wechat_oa',
  ): Promise<ChatResponse>;
  dispose(): void;
}

export interface ChatResponse {
  conversationId: string;
  intent: string;
  replies: { text: string }[];
  handoff: boolean;
  sources: { id: string; title: string }[];
}

/** The whole service on a fresh SQLite file of its own, driven through HTTP without a port. */
export async function startTestServices(
  env: Record<string, string> = {},
  options: { clock?: () => Date; dir?: string; logger?: pino.Logger; wechatOfficialReplyMs?: number } = {},
): Promise<TestServices> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'assistant-test-'));
  const config: Config = parseConfig({
    DATABASE_PATH: join(dir, 'assistant.db'),
    API_SERVICE_TOKEN: SERVICE_TOKEN,
    STAFF_BOOTSTRAP_PASSWORD: ADMIN_PASSWORD,
    STAFFED_HOURS: 'always',
    LOG_LEVEL: 'silent',
    ...env,
  });
  const knowledge = config.EMBEDDING_MODEL_DIR ? undefined : await lexicalKnowledge();
  const services = await createServices(config, {
    logger: options.logger ?? pino({ level: 'silent' }),
    clock: options.clock,
    knowledge,
    ...(options.wechatOfficialReplyMs === undefined
      ? {}
      : { wechatOfficialReplyMs: options.wechatOfficialReplyMs }),
  });
  const post = async (body: unknown, headers: Record<string, string> = {}) =>
    services.app.request('/v1/messages', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  return {
    ...services,
    dir,
    post,
    async say(text, userId, channel = 'web') {
      const headers: Record<string, string> =
        channel === 'web' ? {} : { authorization: `Bearer ${SERVICE_TOKEN}` };
      const response = await post({ channel, userId, text }, headers);
      if (response.status !== 200)
        throw new Error(`POST /v1/messages answered ${response.status}: ${await response.text()}`);
      return (await response.json()) as ChatResponse;
    },
    dispose() {
      services.close();
      if (!options.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function replyText(response: ChatResponse): string {
  return response.replies.map((r) => r.text).join('\n');
}
