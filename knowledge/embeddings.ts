/**
 * Optional semantic matching: sentence embeddings from a local transformers.js
 * feature-extraction model (mean pooling + L2 normalisation). Nothing is ever downloaded.
 */
import path from 'node:path';
import { env, pipeline } from '@xenova/transformers';
import { isDirectory, isFile } from './model-folder.js';

export interface Embedder {
  /** Length of every vector returned by `embed`. */
  readonly dimensions: number;
  /** One L2-normalised vector per input text, in input order. */
  embed(texts: string[]): Promise<Float32Array[]>;
}

const REQUIRED_FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json'] as const;
const QUANTIZED_MODEL_FILE = 'onnx/model_quantized.onnx';
const FULL_MODEL_FILE = 'onnx/model.onnx';
/** Texts per forward pass; bounds the padded [batch, sequence] tensor size. */
const BATCH_SIZE = 32;

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Loads the transformers.js feature-extraction model stored in the folder `modelDir`
 * (config.json, tokenizer.json, tokenizer_config.json and onnx/model_quantized.onnx or
 * onnx/model.onnx). Rejects with an Error naming the folder when it is missing or incomplete.
 */
export async function createEmbedder(modelDir: string): Promise<Embedder> {
  const folder = path.resolve(modelDir);

  if (!(await isDirectory(folder))) {
    throw new Error(`Embedding model folder "${folder}" does not exist or is not a directory.`);
  }
  const missing: string[] = [];
  for (const file of REQUIRED_FILES) {
    if (!(await isFile(path.join(folder, file)))) missing.push(file);
  }
  const quantized = await isFile(path.join(folder, QUANTIZED_MODEL_FILE));
  if (!quantized && !(await isFile(path.join(folder, FULL_MODEL_FILE)))) {
    missing.push(`${QUANTIZED_MODEL_FILE} or ${FULL_MODEL_FILE}`);
  }
  if (missing.length > 0) {
    throw new Error(`Embedding model folder "${folder}" is incomplete: missing ${missing.join(', ')}.`);
  }

  // transformers.js resolves a model as `${env.localModelPath}/${modelId}/<file>`. Using the
  // filesystem root as localModelPath and the root-relative folder as id keeps the value of
  // the global constant, so concurrent loads of models in different folders cannot race.
  const root = path.parse(folder).root;
  const modelId = path.relative(root, folder).split(path.sep).join('/');
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = root;
  // The file cache is only consulted/written for remote downloads; with remote loading
  // disabled it could only shadow the local folder with a stale cached copy.
  env.useFSCache = false;

  let extractor: Awaited<ReturnType<typeof pipeline<'feature-extraction'>>>;
  try {
    extractor = await pipeline('feature-extraction', modelId, {
      quantized,
      local_files_only: true,
    });
  } catch (error) {
    throw new Error(`Could not load the embedding model from folder "${folder}": ${describeError(error)}`, {
      cause: error,
    });
  }

  async function embedBatch(texts: string[]): Promise<Float32Array[]> {
    const output = await extractor(texts, { pooling: 'mean', normalize: true });
    const [rows, width] = output.dims;
    if (output.dims.length !== 2 || rows !== texts.length || width === undefined) {
      throw new Error(
        `Embedding model in "${folder}" returned an unexpected shape [${output.dims.join(', ')}] for ${texts.length} text(s).`,
      );
    }
    const data = output.data as Float32Array;
    return texts.map((_, i) => data.slice(i * width, (i + 1) * width));
  }

  async function embed(texts: string[]): Promise<Float32Array[]> {
    const vectors: Float32Array[] = [];
    for (let start = 0; start < texts.length; start += BATCH_SIZE) {
      vectors.push(...(await embedBatch(texts.slice(start, start + BATCH_SIZE))));
    }
    return vectors;
  }

  // One probe run both validates that the model executes and tells us its width
  // (configs name it differently: hidden_size, dim, d_model, ...).
  let probe: Float32Array | undefined;
  try {
    [probe] = await embedBatch(['电费']);
  } catch (error) {
    throw new Error(`Embedding model in folder "${folder}" failed to run: ${describeError(error)}`, {
      cause: error,
    });
  }
  const dimensions = probe?.length ?? 0;
  if (dimensions === 0) {
    throw new Error(`Embedding model in folder "${folder}" produced empty vectors.`);
  }

  return { dimensions, embed };
}
