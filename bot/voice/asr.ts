/**
 * Speech to text, either with a local transformers.js Whisper export (ASR_MODEL_DIR) or an
 * OpenAI-compatible transcription endpoint (ASR_URL). Nothing here logs or echoes the audio,
 * the transcript or the API key.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { type Pcm16k, type SpeechRecognizer, VoiceError } from './types.js';
import { encodeWav } from './wav.js';

export interface AsrSettings {
  ASR_MODEL_DIR?: string;
  ASR_URL?: string;
  ASR_API_KEY?: string;
  ASR_MODEL: string;
}

export interface AsrOptions {
  /** Replaces global fetch (tests). */
  fetch?: typeof fetch;
  /** Per request to ASR_URL; default 20 s. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 20_000;

/** undefined when neither ASR_MODEL_DIR nor ASR_URL is set; the local model wins when both are. */
export function createSpeechRecognizer(
  settings: AsrSettings,
  options: AsrOptions = {},
): SpeechRecognizer | undefined {
  if (settings.ASR_MODEL_DIR) return createLocalRecognizer(settings.ASR_MODEL_DIR);
  if (settings.ASR_URL) return createEndpointRecognizer(settings.ASR_URL, settings, options);
  return undefined;
}

function recognisedText(text: string): string {
  const trimmed = text.trim();
  if (!trimmed) throw new VoiceError('asr_failed', 'nothing recognised');
  return trimmed;
}

/** The message and, for fetch's bare "fetch failed", the underlying reason (e.g. ECONNREFUSED). */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.cause instanceof Error ? `${error.message} (${error.cause.message})` : error.message;
}

// ---------------------------------------------------------------------------------------------
// OpenAI-compatible endpoint

/** `{ASR_URL}/v1/audio/transcriptions`, unless ASR_URL already ends with that path (or with /v1). */
export function transcriptionUrl(base: string): string {
  if (!URL.canParse(base)) throw new Error('ASR_URL is not a valid URL (e.g. http://127.0.0.1:9000).');
  const url = new URL(base);
  const prefix = url.pathname.replace(/\/+$/, '');
  if (prefix.endsWith('/audio/transcriptions')) url.pathname = prefix;
  else if (prefix.endsWith('/v1')) url.pathname = `${prefix}/audio/transcriptions`;
  else url.pathname = `${prefix}/v1/audio/transcriptions`;
  return url.toString();
}

function createEndpointRecognizer(
  base: string,
  settings: AsrSettings,
  options: AsrOptions,
): SpeechRecognizer {
  const url = transcriptionUrl(base);
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const headers: Record<string, string> = { accept: 'application/json' };
  if (settings.ASR_API_KEY) headers.authorization = `Bearer ${settings.ASR_API_KEY}`;

  async function transcribe(audio: Pcm16k, signal?: AbortSignal): Promise<string> {
    const form = new FormData();
    form.append('file', new Blob([encodeWav(audio)], { type: 'audio/wav' }), 'voice.wav');
    form.append('model', settings.ASR_MODEL);
    form.append('language', 'zh');
    form.append('response_format', 'json');

    const timeout = AbortSignal.timeout(timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    // The deadline covers reading the body too: fetch's signal also aborts the body stream.
    const failed = (what: string, error?: unknown) =>
      new VoiceError(
        'asr_failed',
        timeout.aborted
          ? `The speech endpoint did not answer within ${timeoutMs} ms.`
          : signal?.aborted
            ? 'The transcription was cancelled.'
            : what,
        { cause: error },
      );

    let response: Response;
    try {
      response = await fetchImpl(url, { method: 'POST', headers, body: form, signal: combined });
    } catch (error) {
      throw failed(`The speech endpoint could not be reached: ${describeError(error)}.`, error);
    }
    if (!response.ok) {
      // The error body is not quoted: it might echo the request.
      await response.body?.cancel().catch(() => {});
      throw failed(`The speech endpoint answered HTTP ${response.status}.`);
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch (error) {
      throw failed(`The speech endpoint answered HTTP ${response.status} without valid JSON.`, error);
    }
    const text = (body as { text?: unknown } | null)?.text;
    if (typeof text !== 'string') {
      throw failed(`The speech endpoint answered HTTP ${response.status} without a "text" string.`);
    }
    return recognisedText(text);
  }

  return { kind: 'endpoint', transcribe };
}

// ---------------------------------------------------------------------------------------------
// Local transformers.js Whisper

const REQUIRED_FILES = [
  'config.json',
  'preprocessor_config.json',
  'tokenizer.json',
  'tokenizer_config.json',
] as const;
const ONNX_FILES = ['onnx/encoder_model', 'onnx/decoder_model_merged'] as const;
const EXPECTED_FILES =
  'config.json, preprocessor_config.json, tokenizer.json, tokenizer_config.json, ' +
  'onnx/encoder_model.onnx and onnx/decoder_model_merged.onnx (or their _quantized.onnx variants), ' +
  'as in a Xenova/whisper-base or whisper-small export';

type Whisper = (
  audio: Float32Array,
  options: { language: string; task: 'transcribe'; chunk_length_s: number },
) => Promise<unknown>;

/** 'file', 'directory', or undefined where nothing readable is there. */
async function entryKind(at: string): Promise<'file' | 'directory' | undefined> {
  const found = await stat(at).catch(() => undefined);
  if (found?.isFile()) return 'file';
  return found?.isDirectory() ? 'directory' : undefined;
}

async function allFiles(folder: string, files: readonly string[]): Promise<boolean> {
  for (const file of files) if ((await entryKind(path.join(folder, file))) !== 'file') return false;
  return true;
}

/** Checks the folder before transformers.js sees it, so a gap is reported in our words. */
async function checkModelFolder(folder: string): Promise<{ quantized: boolean }> {
  const unavailable = (why: string) =>
    new VoiceError('asr_unavailable', `Speech model folder "${folder}" ${why}; expected ${EXPECTED_FILES}.`);
  if ((await entryKind(folder)) !== 'directory') throw unavailable('does not exist or is not a directory');

  const missing: string[] = [];
  for (const file of REQUIRED_FILES)
    if ((await entryKind(path.join(folder, file))) !== 'file') missing.push(file);
  const quantized = await allFiles(
    folder,
    ONNX_FILES.map((file) => `${file}_quantized.onnx`),
  );
  if (
    !quantized &&
    !(await allFiles(
      folder,
      ONNX_FILES.map((file) => `${file}.onnx`),
    ))
  ) {
    missing.push('the onnx/ encoder and decoder');
  }
  if (missing.length > 0) throw unavailable(`is incomplete: missing ${missing.join(', ')}`);
  return { quantized };
}

async function loadWhisper(folder: string): Promise<Whisper> {
  const { quantized } = await checkModelFolder(folder);
  // Heavy (onnxruntime): only imported when a local model is actually used.
  const { env, pipeline } = await import('@xenova/transformers');
  // Same resolution trick as knowledge/embeddings.ts: the filesystem root as localModelPath and
  // the root-relative folder as model id, never anything remote.
  const root = path.parse(folder).root;
  const modelId = path.relative(root, folder).split(path.sep).join('/');
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = root;
  env.useFSCache = false;
  try {
    const asr = await pipeline('automatic-speech-recognition', modelId, {
      quantized,
      local_files_only: true,
    });
    return (audio, options) => asr(audio, options);
  } catch (error) {
    throw new VoiceError(
      'asr_unavailable',
      `Could not load the speech model from folder "${folder}": ${describeError(error)}`,
      { cause: error },
    );
  }
}

function textOf(output: unknown): unknown {
  const first = Array.isArray(output) ? output[0] : output;
  return (first as { text?: unknown } | undefined)?.text;
}

function createLocalRecognizer(modelDir: string): SpeechRecognizer {
  const folder = path.resolve(modelDir);
  let loading: Promise<Whisper> | undefined;
  const load = () => {
    // Loaded once; a failed load is forgotten so that fixing the folder needs no restart.
    loading ??= loadWhisper(folder).catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };

  async function transcribe(audio: Pcm16k, signal?: AbortSignal): Promise<string> {
    const cancelled = () => new VoiceError('asr_failed', 'The transcription was cancelled.');
    if (signal?.aborted) throw cancelled();
    const whisper = await load();
    // transformers.js cannot stop a running inference; the signal is honoured around it.
    if (signal?.aborted) throw cancelled();
    let output: unknown;
    try {
      output = await whisper(audio.samples, { language: 'chinese', task: 'transcribe', chunk_length_s: 30 });
    } catch (error) {
      throw new VoiceError('asr_failed', `The local speech model failed: ${describeError(error)}`, {
        cause: error,
      });
    }
    const text = textOf(output);
    if (typeof text !== 'string')
      throw new VoiceError('asr_failed', 'The local speech model returned no text.');
    return recognisedText(text);
  }

  return { kind: 'local', transcribe };
}
