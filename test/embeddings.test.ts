import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createEmbedder, type Embedder } from '../knowledge/embeddings.js';
import { buildTinyEmbeddingModel, TINY_MODEL_HIDDEN_SIZE } from './fixtures/tiny-embedding-model.js';

function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] ?? 0) * (b[i] ?? 0);
  return sum;
}

function cosine(a: Float32Array, b: Float32Array): number {
  return dot(a, b) / Math.sqrt(dot(a, a) * dot(b, b));
}

const tempDirs: string[] = [];

async function freshTempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

afterAll(async () => {
  await Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('createEmbedder with a local transformers.js model folder', () => {
  let embedder: Embedder;

  beforeAll(async () => {
    const modelDir = path.join(await freshTempDir('tiny-embedding-model-'), 'tiny-bert');
    await buildTinyEmbeddingModel(modelDir);
    embedder = await createEmbedder(modelDir);
  });

  it('reports the hidden size of the model as its dimensions', () => {
    expect(embedder.dimensions).toBe(TINY_MODEL_HIDDEN_SIZE);
  });

  it('returns one unit-length vector of the stated dimensions per text, in order', async () => {
    const texts = ['电费怎么缴纳', '我要投诉', 'kwh 多少钱'];
    const vectors = await embedder.embed(texts);
    expect(vectors).toHaveLength(texts.length);
    for (const vector of vectors) {
      expect(vector).toBeInstanceOf(Float32Array);
      expect(vector).toHaveLength(embedder.dimensions);
      expect(Math.sqrt(dot(vector, vector))).toBeCloseTo(1, 5);
    }
    const [single] = await embedder.embed(['我要投诉']);
    expect(Array.from(single ?? [])).toEqual(Array.from(vectors[1] ?? []));
  });

  it('gives the identical vector when the same text is embedded twice', async () => {
    const [first] = await embedder.embed(['停电了什么时间恢复供电']);
    const [second] = await embedder.embed(['停电了什么时间恢复供电']);
    expect(first).toBeDefined();
    expect(Array.from(second ?? [])).toEqual(Array.from(first ?? []));
  });

  it('rates texts sharing characters as more similar than texts with disjoint characters', async () => {
    const [billQuestion, billPlan, complaint] = await embedder.embed(['电费缴纳', '电费方案', '投诉停表']);
    if (!billQuestion || !billPlan || !complaint) throw new Error('missing vectors');
    const sharing = cosine(billQuestion, billPlan);
    const disjoint = cosine(billQuestion, complaint);
    expect(sharing).toBeGreaterThan(disjoint);
    expect(sharing - disjoint).toBeGreaterThan(0.2);
  });

  it('returns no vectors for no texts', async () => {
    await expect(embedder.embed([])).resolves.toEqual([]);
  });
});

describe('createEmbedder choosing the ONNX file', () => {
  it('loads onnx/model_quantized.onnx in preference to onnx/model.onnx when both exist', async () => {
    const modelDir = path.join(await freshTempDir('tiny-quantized-model-'), 'tiny-bert');
    await buildTinyEmbeddingModel(modelDir);
    await rename(
      path.join(modelDir, 'onnx', 'model.onnx'),
      path.join(modelDir, 'onnx', 'model_quantized.onnx'),
    );
    // A corrupt full-precision file: loading only succeeds if the quantized file is the one used.
    await writeFile(path.join(modelDir, 'onnx', 'model.onnx'), 'not an onnx model');
    const embedder = await createEmbedder(modelDir);
    const [vector] = await embedder.embed(['电费']);
    expect(vector).toHaveLength(TINY_MODEL_HIDDEN_SIZE);
  });

  it('rejects a folder whose ONNX file cannot be loaded with an error naming the folder', async () => {
    const modelDir = path.join(await freshTempDir('tiny-corrupt-model-'), 'tiny-bert');
    await buildTinyEmbeddingModel(modelDir);
    await writeFile(path.join(modelDir, 'onnx', 'model.onnx'), 'not an onnx model');
    // transformers.js logs the native failure and its wasm retry before giving up; keep the output clean.
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      await expect(createEmbedder(modelDir)).rejects.toThrow(modelDir);
    } finally {
      warn.mockRestore();
      error.mockRestore();
    }
  });
});

describe('createEmbedder with a missing or incomplete folder', () => {
  it('rejects an empty folder with an error naming the folder and the missing files', async () => {
    const emptyDir = await freshTempDir('empty-embedding-model-');
    const attempt = createEmbedder(emptyDir);
    await expect(attempt).rejects.toThrow(emptyDir);
    await expect(attempt).rejects.toThrow(/config\.json/);
    await expect(attempt).rejects.toThrow(/onnx\/model\.onnx/);
  });

  it('rejects a folder that does not exist with an error naming the folder', async () => {
    const missingDir = path.join(await freshTempDir('absent-embedding-model-'), 'nope');
    await expect(createEmbedder(missingDir)).rejects.toThrow(missingDir);
  });
});
