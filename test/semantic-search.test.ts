import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildTinyEmbeddingModel } from './fixtures/tiny-embedding-model.js';
import { replyText, startTestServices, type TestServices, webUser } from './support/services.js';

let root: string;
let modelDir: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'semantic-'));
  modelDir = path.join(root, 'tiny-bert');
  await buildTinyEmbeddingModel(modelDir);
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('the service with EMBEDDING_MODEL_DIR set', () => {
  let service: TestServices;
  beforeAll(async () => {
    service = await startTestServices({ EMBEDDING_MODEL_DIR: modelDir });
  });
  afterAll(() => service.dispose());

  it('reports semantic search in /healthz', async () => {
    const body = (await (await service.app.request('/healthz')).json()) as { semanticSearch: boolean };
    expect(body.semanticSearch).toBe(true);
  });

  it('answers through the fused lexical and semantic ranking', async () => {
    const hits = await service.knowledge.search.search('电表校验多久出结果');
    expect(hits[0]?.entry.id).toBe('meter-test');
    const turn = await service.say('电表校验多久出结果', webUser());
    expect(turn.intent).toBe('faq');
    expect(replyText(turn)).toContain('5个工作日');
  });

  it('still refuses an out-of-scope question', async () => {
    const turn = await service.say('股票明天会涨吗', webUser());
    expect(turn.intent).toBe('unknown');
  });
});

it('refuses to start with a clear error when the model folder is empty', async () => {
  const empty = await mkdtemp(path.join(root, 'empty-'));
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  await expect(startTestServices({ EMBEDDING_MODEL_DIR: empty })).rejects.toThrow(/config\.json/);
});
