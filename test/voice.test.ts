import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSpeechRecognizer, transcriptionUrl } from '../bot/voice/asr.js';
import { decodeVoice, downsample48kTo16k, resampleTo16k } from '../bot/voice/decode.js';
import { MAX_VOICE_SECONDS, type Pcm16k, VoiceError, type VoiceFailure } from '../bot/voice/types.js';
import { encodeWav } from '../bot/voice/wav.js';

// Fixtures made by scripts/make-voice-fixtures.sh (espeak-ng + opusenc + silk-wasm).
// zh-question.*: espeak-ng Mandarin "居民用电的供电方案多久答复？", 4.814 s by opusinfo.
const SPOKEN_SECONDS = 4.814;

async function fixture(name: string): Promise<Uint8Array> {
  return new Uint8Array(await readFile(new URL(`./fixtures/voice/${name}`, import.meta.url)));
}

function rms(samples: Float32Array): number {
  let sum = 0;
  for (const sample of samples) sum += sample * sample;
  return Math.sqrt(sum / samples.length);
}

/** Resolves to the VoiceError a promise rejects with; fails the test on anything else. */
async function voiceError(promise: Promise<unknown>): Promise<VoiceError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(VoiceError);
  return error as VoiceError;
}

async function expectFailure(promise: Promise<unknown>, reason: VoiceFailure): Promise<VoiceError> {
  const error = await voiceError(promise);
  expect(error.reason).toBe(reason);
  return error;
}

/** Minimal parse of the 44-byte canonical WAV header. */
function parseWav(bytes: Uint8Array) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ascii = (offset: number) => String.fromCharCode(...bytes.subarray(offset, offset + 4));
  return {
    riff: ascii(0),
    riffSize: view.getUint32(4, true),
    wave: ascii(8),
    fmt: ascii(12),
    format: view.getUint16(20, true),
    channels: view.getUint16(22, true),
    sampleRate: view.getUint32(24, true),
    byteRate: view.getUint32(28, true),
    blockAlign: view.getUint16(32, true),
    bitsPerSample: view.getUint16(34, true),
    data: ascii(36),
    dataSize: view.getUint32(40, true),
    samples: Array.from({ length: (bytes.length - 44) / 2 }, (_, i) => view.getInt16(44 + i * 2, true)),
  };
}

describe('decodeVoice: OGG/Opus', () => {
  it('decodes a Telegram-like voice note to 16 kHz mono speech of the right length', async () => {
    const pcm = await decodeVoice(await fixture('zh-question.ogg'), 'ogg_opus');
    expect(pcm.sampleRate).toBe(16000);
    expect(pcm.durationSeconds).toBeCloseTo(pcm.samples.length / 16000, 6);
    expect(Math.abs(pcm.durationSeconds - SPOKEN_SECONDS)).toBeLessThan(0.3);
    expect(rms(pcm.samples)).toBeGreaterThan(0.02);
    expect(pcm.samples.every((s) => s >= -1 && s <= 1)).toBe(true);
  });

  it('mixes stereo to mono: a tone on the left only comes out at half amplitude', async () => {
    // Left: 0.5 * sin(2π·440·t), right: silence, 1 s.
    const pcm = await decodeVoice(await fixture('stereo-tone.ogg'), 'ogg_opus');
    expect(pcm.durationSeconds).toBeCloseTo(1, 2);
    const middle = pcm.samples.subarray(1600, 14400);
    expect(rms(middle)).toBeGreaterThan(0.16);
    expect(rms(middle)).toBeLessThan(0.19); // 0.5 / √2 / 2 ≈ 0.177
  });

  it('refuses a voice note longer than the limit', async () => {
    const error = await expectFailure(decodeVoice(await fixture('long.ogg'), 'ogg_opus'), 'too_long');
    expect(error.message).toContain(`${MAX_VOICE_SECONDS} s`);
  });

  it('refuses a long stream even when its pages claim it is short', async () => {
    const lying = withGranulesCappedAt(await fixture('long.ogg'), 10n * 48000n);
    await expectFailure(decodeVoice(lying, 'ogg_opus'), 'too_long');
  });

  it('calls empty, truncated, corrupted and foreign input unreadable', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {}); // opus-decoder prints each bad packet
    const ogg = await fixture('zh-question.ogg');
    const flipped = Uint8Array.from(ogg);
    flipped[5000] = (flipped[5000] ?? 0) ^ 1;
    const inputs = [
      new Uint8Array(),
      ogg.subarray(0, ogg.length >> 1),
      ogg.subarray(0, ogg.length - 1),
      ogg.subarray(0, 200), // headers only
      ogg.subarray(0, Buffer.from(ogg).lastIndexOf('OggS')), // whole pages, but no end-of-stream page
      flipped,
      withInvalidOpusPacket(ogg),
      garbage(4000),
    ];
    for (const input of inputs) await expectFailure(decodeVoice(input, 'ogg_opus'), 'unreadable');
  });

  it('calls an unknown format unreadable', async () => {
    await expectFailure(decodeVoice(garbage(4000), 'aac' as never), 'unreadable');
  });
});

describe('decodeVoice: SILK', () => {
  it('decodes a WeChat SILK file (0x02 "#!SILK_V3") to 16 kHz mono speech', async () => {
    const silk = await fixture('zh-question.sil');
    expect(silk[0]).toBe(0x02);
    const pcm = await decodeVoice(silk, 'silk');
    expect(pcm.sampleRate).toBe(16000);
    expect(pcm.durationSeconds).toBeCloseTo(pcm.samples.length / 16000, 6);
    expect(Math.abs(pcm.durationSeconds - SPOKEN_SECONDS)).toBeLessThan(0.3);
    expect(rms(pcm.samples)).toBeGreaterThan(0.02);
  });

  it('also decodes the Skype-style header without the leading 0x02', async () => {
    const silk = await fixture('zh-question.sil');
    const tencent = await decodeVoice(silk, 'silk');
    const plain = await decodeVoice(silk.subarray(1), 'silk');
    expect(plain.samples).toEqual(tencent.samples);
  });

  it('calls empty, truncated, corrupted and foreign input unreadable', async () => {
    const silk = await fixture('zh-question.sil');
    const badLength = Uint8Array.from(silk);
    badLength[10] = 0xff; // first block length becomes negative
    badLength[11] = 0xf0;
    const inputs = [
      new Uint8Array(),
      silk.subarray(0, silk.length >> 1),
      silk.subarray(0, silk.length - 1),
      silk.subarray(0, 10), // header only
      badLength,
      garbage(4000),
    ];
    for (const input of inputs) await expectFailure(decodeVoice(input, 'silk'), 'unreadable');
  });
});

describe('decodeVoice: MP3 and what the file really is', () => {
  it('decodes an MP3 (24 kHz) to 16 kHz mono speech', async () => {
    const pcm = await decodeVoice(await fixture('zh-question.mp3'), 'mp3');
    expect(pcm.sampleRate).toBe(16000);
    // ffprobe: 4.872 s, including the encoder's padding.
    expect(Math.abs(pcm.durationSeconds - 4.872)).toBeLessThan(0.3);
    expect(rms(pcm.samples)).toBeGreaterThan(0.02);
  });

  it('decodes the file as what it is, whatever the platform announced', async () => {
    // wechat4u hands over MP3 under a .sil name; a forwarded Telegram voice may arrive as a file.
    const mp3 = await decodeVoice(await fixture('zh-question.mp3'), 'silk');
    expect(Math.abs(mp3.durationSeconds - 4.872)).toBeLessThan(0.3);
    const ogg = await decodeVoice(await fixture('zh-question.ogg'), 'silk');
    expect(Math.abs(ogg.durationSeconds - SPOKEN_SECONDS)).toBeLessThan(0.3);
    const silk = await decodeVoice(await fixture('zh-question.sil'), 'ogg_opus');
    expect(Math.abs(silk.durationSeconds - SPOKEN_SECONDS)).toBeLessThan(0.3);
  });

  it('calls a damaged MP3 unreadable', async () => {
    const mp3 = await fixture('zh-question.mp3');
    await expectFailure(decodeVoice(mp3.subarray(0, 40), 'mp3'), 'unreadable');
  });
});

describe('resampleTo16k', () => {
  it('keeps the length in time and a low tone, from slower and faster rates', () => {
    for (const rate of [8000, 22050, 24000, 44100]) {
      const tone = Float32Array.from({ length: rate }, (_, i) => Math.sin((2 * Math.PI * 300 * i) / rate));
      const out = resampleTo16k(tone, rate);
      expect(Math.abs(out.length - 16000)).toBeLessThanOrEqual(1);
      expect(rms(out)).toBeGreaterThan(0.6);
    }
  });
});

describe('downsample48kTo16k', () => {
  const sine = (hz: number, seconds: number) =>
    Float32Array.from({ length: 48000 * seconds }, (_, i) => 0.5 * Math.sin((2 * Math.PI * hz * i) / 48000));

  it('keeps speech frequencies and a third of the samples', () => {
    const out = downsample48kTo16k(sine(1000, 1));
    expect(out.length).toBe(16000);
    expect(rms(out.subarray(100, -100))).toBeCloseTo(0.5 / Math.SQRT2, 2);
  });

  it('removes what would fold back above the new Nyquist frequency', () => {
    // 12 kHz would alias to 4 kHz, right in the speech band, without the low-pass.
    expect(rms(downsample48kTo16k(sine(12000, 1)).subarray(100, -100))).toBeLessThan(0.005);
  });
});

describe('encodeWav', () => {
  it('writes a 16 kHz mono 16-bit PCM WAV with clamped samples', () => {
    const samples = Float32Array.from([0, 0.5, -0.5, 1, -1, 2, -3]);
    const wav = parseWav(encodeWav({ samples, sampleRate: 16000, durationSeconds: samples.length / 16000 }));
    expect(wav).toEqual({
      riff: 'RIFF',
      riffSize: 36 + 14,
      wave: 'WAVE',
      fmt: 'fmt ',
      format: 1,
      channels: 1,
      sampleRate: 16000,
      byteRate: 32000,
      blockAlign: 2,
      bitsPerSample: 16,
      data: 'data',
      dataSize: 14,
      samples: [0, 16384, -16384, 32767, -32768, 32767, -32768],
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Speech recognition

const audio: Pcm16k = {
  samples: Float32Array.from({ length: 8000 }, (_, i) => 0.3 * Math.sin((2 * Math.PI * 300 * i) / 16000)),
  sampleRate: 16000,
  durationSeconds: 0.5,
};
const SECRET_KEY = 'sk-test-secret-key-123';

interface Received {
  method: string | undefined;
  url: string | undefined;
  authorization: string | undefined;
  form: FormData;
}

type Handler = (req: IncomingMessage, res: ServerResponse, received: Received) => void;

const servers: ReturnType<typeof createServer>[] = [];

afterEach(async () => {
  vi.restoreAllMocks();
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** A local HTTP server that parses each multipart request before handing it to `handler`. */
async function startAsrServer(handler: Handler): Promise<{ base: string; requests: Received[] }> {
  const requests: Received[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const form = await new Request('http://parse.invalid/', {
      method: 'POST',
      headers: { 'content-type': req.headers['content-type'] ?? '' },
      body: Buffer.concat(chunks),
    }).formData();
    const received = { method: req.method, url: req.url, authorization: req.headers.authorization, form };
    requests.push(received);
    handler(req, res, received);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
}

function answerJson(status: number, body: unknown): Handler {
  return (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
}

function endpoint(base: string, options: { timeoutMs?: number; key?: string } = { key: SECRET_KEY }) {
  const recognizer = createSpeechRecognizer(
    { ASR_URL: base, ASR_API_KEY: options.key, ASR_MODEL: 'whisper-test' },
    { timeoutMs: options.timeoutMs },
  );
  if (!recognizer) throw new Error('expected a recognizer');
  return recognizer;
}

describe('createSpeechRecognizer', () => {
  it('is undefined without ASR_MODEL_DIR or ASR_URL, prefers the local model when both are set', () => {
    expect(createSpeechRecognizer({ ASR_MODEL: 'whisper-1' })).toBeUndefined();
    expect(createSpeechRecognizer({ ASR_URL: 'http://127.0.0.1:9', ASR_MODEL: 'whisper-1' })?.kind).toBe(
      'endpoint',
    );
    const both = { ASR_URL: 'http://127.0.0.1:9', ASR_MODEL_DIR: '/nonexistent', ASR_MODEL: 'whisper-1' };
    expect(createSpeechRecognizer(both)?.kind).toBe('local');
  });
});

describe('transcriptionUrl', () => {
  it('appends the OpenAI path unless it is already there', () => {
    expect(transcriptionUrl('http://asr:9000')).toBe('http://asr:9000/v1/audio/transcriptions');
    expect(transcriptionUrl('http://asr:9000/')).toBe('http://asr:9000/v1/audio/transcriptions');
    expect(transcriptionUrl('http://asr:9000/speech/')).toBe(
      'http://asr:9000/speech/v1/audio/transcriptions',
    );
    expect(transcriptionUrl('https://api.example.com/v1')).toBe(
      'https://api.example.com/v1/audio/transcriptions',
    );
    expect(transcriptionUrl('http://asr/x/audio/transcriptions')).toBe('http://asr/x/audio/transcriptions');
  });
});

describe('speech endpoint', () => {
  it('posts a 16 kHz mono WAV as multipart with model, language and the key, and returns the text', async () => {
    const { base, requests } = await startAsrServer(
      answerJson(200, { text: '  居民用电的供电方案多久答复？\n' }),
    );
    await expect(endpoint(base).transcribe(audio)).resolves.toBe('居民用电的供电方案多久答复？');

    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/v1/audio/transcriptions');
    expect(request?.authorization).toBe(`Bearer ${SECRET_KEY}`);
    expect(request?.form.get('model')).toBe('whisper-test');
    expect(request?.form.get('language')).toBe('zh');
    expect(request?.form.get('response_format')).toBe('json');
    const file = request?.form.get('file');
    expect(file).toBeInstanceOf(Blob);
    const wav = parseWav(new Uint8Array(await (file as Blob).arrayBuffer()));
    expect(wav).toMatchObject({ riff: 'RIFF', wave: 'WAVE', format: 1, channels: 1, sampleRate: 16000 });
    expect(wav.bitsPerSample).toBe(16);
    expect(wav.dataSize).toBe(audio.samples.length * 2);
  });

  it('uses ASR_URL as is when it already names the transcription path, and sends no key when unset', async () => {
    const { base, requests } = await startAsrServer(answerJson(200, { text: '停电' }));
    await expect(endpoint(`${base}/proxy/audio/transcriptions`, {}).transcribe(audio)).resolves.toBe('停电');
    expect(requests[0]?.url).toBe('/proxy/audio/transcriptions');
    expect(requests[0]?.authorization).toBeUndefined();
  });

  it('fails with the HTTP status on a server error, never quoting the key or the body', async () => {
    const { base } = await startAsrServer(answerJson(500, { error: `bad key ${SECRET_KEY}` }));
    const error = await expectFailure(endpoint(base).transcribe(audio), 'asr_failed');
    expect(error.message).toContain('500');
    expect(error.message).not.toContain(SECRET_KEY);
  });

  it('fails when the server does not answer in time', async () => {
    const { base } = await startAsrServer(() => {}); // never answers
    const started = Date.now();
    const error = await expectFailure(
      endpoint(base, { timeoutMs: 300, key: SECRET_KEY }).transcribe(audio),
      'asr_failed',
    );
    expect(Date.now() - started).toBeLessThan(5000);
    expect(error.message).toContain('300 ms');
  });

  it('fails when the answer has no text, and when the text is empty', async () => {
    const empty = await startAsrServer(answerJson(200, {}));
    const error = await expectFailure(endpoint(empty.base).transcribe(audio), 'asr_failed');
    expect(error.message).toContain('200');

    const blank = await startAsrServer(answerJson(200, { text: '  \n' }));
    const nothing = await expectFailure(endpoint(blank.base).transcribe(audio), 'asr_failed');
    expect(nothing.message).toBe('nothing recognised');
  });

  it('fails when the endpoint cannot be reached', async () => {
    const { base } = await startAsrServer(answerJson(200, { text: 'x' }));
    for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
    const error = await expectFailure(endpoint(base).transcribe(audio), 'asr_failed');
    expect(error.message).toContain('could not be reached');
  });
});

describe('local speech model', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });
  async function tempDir(): Promise<string> {
    const dir = await mkdtemp(path.join(tmpdir(), 'asr-model-'));
    dirs.push(dir);
    return dir;
  }
  function local(dir: string) {
    const recognizer = createSpeechRecognizer({ ASR_MODEL_DIR: dir, ASR_MODEL: 'unused' });
    if (recognizer?.kind !== 'local') throw new Error('expected a local recognizer');
    return recognizer;
  }

  it('names the folder and the expected files when the folder is empty, without any network', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const dir = await tempDir();
    const error = await expectFailure(local(dir).transcribe(audio), 'asr_unavailable');
    expect(error.message).toContain(dir);
    expect(error.message).toContain('config.json');
    expect(error.message).toContain('onnx/encoder_model');
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('says which files are missing from an incomplete folder', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'config.json'), '{}');
    const error = await expectFailure(local(dir).transcribe(audio), 'asr_unavailable');
    expect(error.message).toMatch(
      /missing preprocessor_config\.json, tokenizer\.json, tokenizer_config\.json/,
    );
    expect(error.message).toContain('the onnx/ encoder and decoder');
    expect(error.message).not.toMatch(/missing config\.json/);
  });

  it('reports a folder whose files do not load, never trying to download', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    vi.spyOn(console, 'warn').mockImplementation(() => {}); // onnxruntime's fallback notice
    const dir = await tempDir();
    await mkdir(path.join(dir, 'onnx'));
    for (const file of [
      'config.json',
      'preprocessor_config.json',
      'tokenizer.json',
      'tokenizer_config.json',
    ]) {
      await writeFile(path.join(dir, file), '{"model_type":"whisper"}');
    }
    for (const file of ['onnx/encoder_model.onnx', 'onnx/decoder_model_merged.onnx']) {
      await writeFile(path.join(dir, file), 'not an onnx model');
    }
    const error = await expectFailure(local(dir).transcribe(audio), 'asr_unavailable');
    expect(error.message).toContain(`Could not load the speech model from folder "${dir}"`);
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});

// ---------------------------------------------------------------------------------------------
// Helpers that build damaged input

/** Deterministic bytes that are neither Ogg nor SILK. */
function garbage(length: number): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (i * 37 + 11) % 251);
}

const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, i) => {
  let r = i << 24;
  for (let bit = 0; bit < 8; bit++) r = r & 0x80000000 ? (r << 1) ^ 0x04c11db7 : r << 1;
  return r >>> 0;
});

/**
 * A copy of an Ogg file with `edit` applied to every page (given its start and body offsets),
 * then each page's checksum recomputed, so only the decoder can notice the damage.
 */
function editOggPages(
  ogg: Uint8Array,
  edit: (page: { index: number; start: number; body: number; view: DataView; bytes: Uint8Array }) => void,
): Uint8Array {
  const bytes = Uint8Array.from(ogg);
  const view = new DataView(bytes.buffer);
  let start = 0;
  for (let index = 0; start < bytes.length; index++) {
    const body = start + 27 + (bytes[start + 26] ?? 0);
    let end = body;
    for (let i = start + 27; i < body; i++) end += bytes[i] ?? 0;
    edit({ index, start, body, view, bytes });
    view.setUint32(start + 22, 0, true);
    let crc = 0;
    for (let i = start; i < end; i++)
      crc = ((crc << 8) ^ (CRC_TABLE[((crc >>> 24) ^ (bytes[i] ?? 0)) & 0xff] ?? 0)) >>> 0;
    view.setUint32(start + 22, crc, true);
    start = end;
  }
  return bytes;
}

/** Pages that claim no more than `max` samples (granule positions), checksums intact. */
function withGranulesCappedAt(ogg: Uint8Array, max: bigint): Uint8Array {
  return editOggPages(ogg, ({ start, view }) => {
    if (view.getBigInt64(start + 6, true) > max) view.setBigInt64(start + 6, max, true);
  });
}

/** The first audio packet made invalid (code-3 packet announcing zero frames), checksums intact. */
function withInvalidOpusPacket(ogg: Uint8Array): Uint8Array {
  return editOggPages(ogg, ({ index, body, bytes }) => {
    // Pages 0 and 1 hold OpusHead and OpusTags.
    if (index !== 2) return;
    bytes[body] = 0xff;
    bytes[body + 1] = 0x00;
  });
}
