import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ChannelSender, PermanentDeliveryError } from '../api/channel/contract.js';
import { createRemoteOutbox } from '../bot/channel/remote-outbox.js';
import { SERVICE_TOKEN, startTestServices, type TestServices } from './support/services.js';
import { staffCall, staffSession } from './support/staff-session.js';

/**
 * The WeChat bot in a process of its own (the Workers deployment) takes staff replies for its
 * customers from the API's outbox, sends them, and reports back.
 */
let service: TestServices;
let sent: { address: string; text: string }[];
let failWith: Error | undefined;
const sender: ChannelSender = {
  async send(address, text) {
    if (failWith) throw failWith;
    sent.push({ address, text });
  },
};

beforeEach(async () => {
  service = await startTestServices();
  sent = [];
  failWith = undefined;
});
afterEach(() => service.dispose());

const viaApp: typeof fetch = async (input, init) => service.app.request(String(input), init);
const outbox = () =>
  createRemoteOutbox({
    apiUrl: 'http://api.test',
    serviceToken: SERVICE_TOKEN,
    channel: 'wechat',
    sender,
    logger: pino({ level: 'silent' }),
    fetch: viaApp,
  });

async function staffReplyToWechat(userId: string, text: string) {
  const asked = await service.say('转人工', userId, 'wechat');
  const staff = await staffSession(service.app);
  const reply = await staffCall(service.app, staff, 'POST', `/v1/handoffs/${asked.conversationId}/replies`, {
    text,
  });
  expect(reply.status).toBe(201);
  return asked.conversationId;
}

describe('the outbox of a remote WeChat process', () => {
  it('delivers a staff reply once and records it as sent', async () => {
    const conversationId = await staffReplyToWechat('wxid_customer_1', '您好，我是客服小李');
    expect(await outbox().runOnce()).toEqual({ sent: 1, failed: 0 });
    expect(sent).toEqual([{ address: 'wxid_customer_1', text: '您好，我是客服小李' }]);
    const [delivery] = await service.deliveries.forConversation(conversationId);
    expect(delivery?.status).toBe('sent');
    expect(await outbox().runOnce()).toEqual({ sent: 0, failed: 0 });
  });

  it('keeps a failed send for a later attempt, and gives up on one that cannot succeed', async () => {
    const conversationId = await staffReplyToWechat('wxid_customer_2', '请问您的户号是多少？');
    failWith = new Error('not logged in');
    expect(await outbox().runOnce()).toEqual({ sent: 0, failed: 1 });
    let [delivery] = await service.deliveries.forConversation(conversationId);
    expect(delivery).toMatchObject({ status: 'pending', attempts: 1, lastError: 'not logged in' });
    expect(delivery?.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());

    failWith = new PermanentDeliveryError('unknown contact');
    // Due again (as after its wait), and this time the contact is unknown.
    await service.deliveries.markFailed(delivery?.id ?? 0, 'not logged in', new Date(Date.now() - 1));
    expect(await outbox().runOnce()).toEqual({ sent: 0, failed: 1 });
    [delivery] = await service.deliveries.forConversation(conversationId);
    expect(delivery).toMatchObject({ status: 'failed', lastError: 'unknown contact' });
  });

  it('hands a delivery to one poll only until its lease runs out', async () => {
    await staffReplyToWechat('wxid_customer_3', '马上为您处理');
    const poll = () =>
      viaApp('http://api.test/v1/outbox?channel=wechat', {
        headers: { authorization: `Bearer ${SERVICE_TOKEN}` },
      }).then((r) => r.json() as Promise<{ items: unknown[] }>);
    const [first, second] = await Promise.all([poll(), poll()]);
    expect(first.items.length + second.items.length).toBe(1);
  });

  it('is closed without the service token and refuses bad results', async () => {
    const conversationId = await staffReplyToWechat('wxid_customer_4', '您好');
    const [delivery] = await service.deliveries.forConversation(conversationId);
    expect((await viaApp('http://api.test/v1/outbox?channel=wechat')).status).toBe(401);
    expect((await viaApp('http://api.test/v1/outbox?channel=email')).status).toBe(400);
    const post = (id: string, body: unknown, token = SERVICE_TOKEN) =>
      viaApp(`http://api.test/v1/outbox/${id}/result`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
    expect((await post(String(delivery?.id), { sent: true }, 'not-the-service-token')).status).toBe(401);
    expect((await post(String(delivery?.id), { sent: 'yes' })).status).toBe(400);
    expect((await post('999999', { sent: true })).status).toBe(404);
    expect((await service.deliveries.get(delivery?.id ?? 0))?.status).toBe('pending');
    expect((await post(String(delivery?.id), { sent: true })).status).toBe(200);
    expect((await post(String(delivery?.id), { sent: true })).status).toBe(409);
  });
});
