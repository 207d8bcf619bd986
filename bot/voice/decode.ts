/**
 * Voice messages to 16 kHz mono float PCM: Telegram's OGG/Opus, WeChat's SILK, and MP3 (what
 * the wechat4u puppet hands over).
 * Every failure is a VoiceError: 'unreadable' for anything that is not a complete, intact file
 * of the announced format, 'too_long' past MAX_VOICE_SECONDS.
 */
import type { OggOpusDecoder } from 'ogg-opus-decoder';
import { MAX_VOICE_SECONDS, type Pcm16k, VoiceError, type VoiceFormat } from './types.js';

const TARGET_RATE = 16000;
const OPUS_RATE = 48000;

/** The container a file really is, from its first bytes; undefined when none is recognised. */
export function sniffVoiceFormat(bytes: Uint8Array): VoiceFormat | undefined {
  const ascii = (from: number, length: number) => String.fromCharCode(...bytes.subarray(from, from + length));
  if (ascii(0, 4) === 'OggS') return 'ogg_opus';
  if (ascii(0, 9) === '#!SILK_V3' || (bytes[0] === 0x02 && ascii(1, 9) === '#!SILK_V3')) return 'silk';
  if (ascii(0, 3) === 'ID3') return 'mp3';
  // An MPEG audio frame header: 11 sync bits, then a valid version and layer III.
  if (bytes[0] === 0xff && ((bytes[1] ?? 0) & 0xe0) === 0xe0 && ((bytes[1] ?? 0) & 0x06) === 0x02)
    return 'mp3';
  return undefined;
}

export async function decodeVoice(bytes: Uint8Array, announced: VoiceFormat): Promise<Pcm16k> {
  if (bytes.length === 0) throw new VoiceError('unreadable', 'The voice message is empty.');
  const format = sniffVoiceFormat(bytes) ?? announced;
  let samples: Float32Array;
  try {
    if (format === 'ogg_opus') samples = await decodeOggOpus(bytes);
    else if (format === 'silk') samples = await decodeSilk(bytes);
    else if (format === 'mp3') samples = await decodeMp3(bytes);
    else throw new VoiceError('unreadable', `Unknown voice format "${String(format)}".`);
  } catch (error) {
    if (error instanceof VoiceError) throw error;
    throw new VoiceError('unreadable', `The ${format} voice message could not be decoded.`, { cause: error });
  }
  if (samples.length === 0) throw new VoiceError('unreadable', `The ${format} voice message holds no audio.`);
  const durationSeconds = samples.length / TARGET_RATE;
  assertNotTooLong(durationSeconds);
  return { samples, sampleRate: TARGET_RATE, durationSeconds };
}

function assertNotTooLong(seconds: number): void {
  if (seconds > MAX_VOICE_SECONDS) {
    throw new VoiceError(
      'too_long',
      `The voice message lasts ${seconds.toFixed(1)} s; the limit is ${MAX_VOICE_SECONDS} s.`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// OGG/Opus

interface OggPage {
  start: number;
  end: number;
}

interface OggLayout {
  pages: OggPage[];
  /** Samples at 48 kHz announced by the stream (last granule position minus pre-skip). */
  announcedSamples: number;
}

const OGG_CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let r = i << 24;
    for (let bit = 0; bit < 8; bit++) r = r & 0x80000000 ? (r << 1) ^ 0x04c11db7 : r << 1;
    table[i] = r >>> 0;
  }
  return table;
})();

/** Ogg's CRC-32 (polynomial 0x04c11db7, no reflection) of a page whose CRC field counts as zero. */
function oggPageCrc(bytes: Uint8Array, start: number, end: number): number {
  let crc = 0;
  for (let i = start; i < end; i++) {
    const byte = i >= start + 22 && i < start + 26 ? 0 : (bytes[i] ?? 0);
    crc = ((crc << 8) ^ (OGG_CRC_TABLE[((crc >>> 24) ^ byte) & 0xff] ?? 0)) >>> 0;
  }
  return crc;
}

function hasAscii(bytes: Uint8Array, offset: number, text: string): boolean {
  if (offset + text.length > bytes.length) return false;
  for (let i = 0; i < text.length; i++) if (bytes[offset + i] !== text.charCodeAt(i)) return false;
  return true;
}

/**
 * Walks the Ogg pages and checks what the decoder does not: every page is complete and intact
 * (checksum), the first one starts an Opus stream and the last one ends it. The decoder itself
 * skips garbage silently and turns a cut-off final page into seconds of noise, so a truncated
 * download would otherwise be transcribed as nonsense.
 */
function scanOgg(bytes: Uint8Array): OggLayout {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const unreadable = (why: string) => new VoiceError('unreadable', `Not a complete OGG/Opus file: ${why}.`);
  const pages: OggPage[] = [];
  let offset = 0;
  let lastGranule = 0n;
  let preSkip = 0;
  let ended = false;

  while (offset < bytes.length) {
    if (!hasAscii(bytes, offset, 'OggS') || bytes[offset + 4] !== 0) {
      throw unreadable(`no Ogg page at byte ${offset}`);
    }
    const headerEnd = offset + 27 + (bytes[offset + 26] ?? 0);
    if (headerEnd > bytes.length) throw unreadable('the last page is cut off');
    let end = headerEnd;
    for (let i = offset + 27; i < headerEnd; i++) end += bytes[i] ?? 0;
    if (end > bytes.length) throw unreadable('the last page is cut off');
    if (oggPageCrc(bytes, offset, end) !== view.getUint32(offset + 22, true)) {
      throw unreadable(`page ${pages.length} fails its checksum`);
    }

    const flags = bytes[offset + 5] ?? 0;
    if (pages.length === 0) {
      if (!(flags & 0x02) || !hasAscii(bytes, headerEnd, 'OpusHead') || end - headerEnd < 19) {
        throw unreadable('it does not start with an Opus header');
      }
      preSkip = view.getUint16(headerEnd + 10, true);
    }
    // -1 means "no packet ends on this page".
    const granule = view.getBigInt64(offset + 6, true);
    if (granule > lastGranule) lastGranule = granule;
    ended = (flags & 0x04) !== 0;
    pages.push({ start: offset, end });
    offset = end;
  }
  if (!ended) throw unreadable('the stream has no end (truncated download?)');
  return { pages, announcedSamples: Math.max(0, Number(lastGranule) - preSkip) };
}

async function decodeOggOpus(bytes: Uint8Array): Promise<Float32Array> {
  const layout = scanOgg(bytes);
  // Refuse before decoding: the announced length is exact for a well-formed stream.
  assertNotTooLong(layout.announcedSamples / OPUS_RATE);

  // The WebAssembly decoders are loaded on the first voice message, not at start-up.
  const { OggOpusDecoder } = await import('ogg-opus-decoder');
  const decoder = new OggOpusDecoder();
  try {
    await decoder.ready;
    const chunks: Float32Array[] = [];
    let total = 0;
    let errors = 0;
    const collect = (decoded: Awaited<ReturnType<OggOpusDecoder['flush']>>) => {
      errors += decoded.errors.length;
      if (decoded.samplesDecoded === 0) return;
      chunks.push(mixToMono(decoded.channelData, decoded.samplesDecoded));
      total += decoded.samplesDecoded;
      // The granule positions may lie; stop before a crafted file can exhaust memory.
      if (total > (MAX_VOICE_SECONDS + 1) * OPUS_RATE) assertNotTooLong(total / OPUS_RATE);
    };
    // Page by page, so the check above runs at least once per page (≤ 255 packets).
    for (const page of layout.pages) collect(await decoder.decode(bytes.subarray(page.start, page.end)));
    collect(await decoder.flush());
    if (errors > 0) {
      // A damaged voice note is better re-sent than transcribed with holes in it.
      throw new VoiceError('unreadable', `The OGG/Opus voice message has ${errors} corrupted packet(s).`);
    }
    return downsample48kTo16k(concat(chunks, total));
  } finally {
    decoder.free();
  }
}

function mixToMono(channels: Float32Array[], length: number): Float32Array {
  const [first] = channels;
  // Copied: the decoder may reuse its output buffers on the next call.
  if (channels.length === 1 && first) return first.slice(0, length);
  const mono = new Float32Array(length);
  for (const channel of channels) {
    for (let i = 0; i < length; i++) mono[i] = (mono[i] ?? 0) + (channel[i] ?? 0) / channels.length;
  }
  return mono;
}

function concat(chunks: Float32Array[], total: number): Float32Array {
  const out = new Float32Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/**
 * Low-pass FIR for decimation by 3: windowed sinc (Hamming, 97 taps), cut-off 7.2 kHz at
 * 48 kHz, so the stop band starts around 8 kHz, the new Nyquist frequency, and nothing
 * above it folds back into the speech band.
 */
const DECIMATION_TAPS = (() => {
  const count = 97;
  const middle = (count - 1) / 2;
  const cutoff = 7200 / OPUS_RATE;
  const taps = new Float64Array(count);
  let sum = 0;
  for (let i = 0; i < count; i++) {
    const x = i - middle;
    const sinc = x === 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * x) / (Math.PI * x);
    const window = 0.54 - 0.46 * Math.cos((2 * Math.PI * i) / (count - 1));
    taps[i] = sinc * window;
    sum += sinc * window;
  }
  return taps.map((tap) => tap / sum);
})();

/** 48 kHz to 16 kHz: filter, keep every third sample (the filter is only evaluated there). */
export function downsample48kTo16k(input: Float32Array): Float32Array {
  const factor = OPUS_RATE / TARGET_RATE;
  const middle = (DECIMATION_TAPS.length - 1) / 2;
  const out = new Float32Array(Math.ceil(input.length / factor));
  for (let k = 0; k < out.length; k++) {
    const centre = k * factor;
    let acc = 0;
    const from = Math.max(0, middle - centre);
    const to = Math.min(DECIMATION_TAPS.length, input.length - centre + middle);
    for (let j = from; j < to; j++) acc += (DECIMATION_TAPS[j] ?? 0) * (input[centre + j - middle] ?? 0);
    out[k] = Math.max(-1, Math.min(1, acc));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// SILK

const SILK_MAGIC = '#!SILK_V3';
/** The shortest frame a SILK block holds; WeChat writes one 20 ms frame per block. */
const SILK_MIN_BLOCK_SECONDS = 0.02;

/**
 * Checks the block chain (int16 length + payload, optionally ended by a -1 length) reaches the
 * end of the file exactly, and returns the file with the 0x02 byte silk-wasm insists on
 * (WeChat and QQ write it; plain Skype-style files start directly with "#!SILK_V3").
 */
function scanSilk(bytes: Uint8Array): { tencent: Uint8Array; blocks: number } {
  const magicAt = bytes[0] === 0x02 ? 1 : 0;
  if (!hasAscii(bytes, magicAt, SILK_MAGIC)) {
    throw new VoiceError('unreadable', 'Not a SILK file: no "#!SILK_V3" header.');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = magicAt + SILK_MAGIC.length;
  let blocks = 0;
  while (offset < bytes.length) {
    if (offset + 2 > bytes.length) throw new VoiceError('unreadable', 'The SILK file is cut off.');
    const size = view.getInt16(offset, true);
    if (size === -1 && offset + 2 === bytes.length) break;
    if (size <= 0) throw new VoiceError('unreadable', `The SILK file has a bad block at byte ${offset}.`);
    offset += 2 + size;
    if (offset > bytes.length) throw new VoiceError('unreadable', 'The SILK file is cut off.');
    blocks++;
  }
  if (blocks === 0) throw new VoiceError('unreadable', 'The SILK file holds no audio.');
  if (magicAt === 1) return { tencent: bytes, blocks };
  const tencent = new Uint8Array(bytes.length + 1);
  tencent[0] = 0x02;
  tencent.set(bytes, 1);
  return { tencent, blocks };
}

async function decodeSilk(bytes: Uint8Array): Promise<Float32Array> {
  const { tencent, blocks } = scanSilk(bytes);
  // Each block is at least one 20 ms frame, so this refuses only what is surely too long.
  assertNotTooLong(blocks * SILK_MIN_BLOCK_SECONDS);
  // The SILK decoder resamples to the rate asked for itself.
  const { decode } = await import('silk-wasm');
  const { data } = await decode(tencent, TARGET_RATE);
  return s16leToFloat(data);
}

function s16leToFloat(pcm: Uint8Array): Float32Array {
  const view = new DataView(pcm.buffer, pcm.byteOffset, pcm.byteLength);
  const out = new Float32Array(Math.floor(pcm.byteLength / 2));
  for (let i = 0; i < out.length; i++) out[i] = view.getInt16(i * 2, true) / 0x8000;
  return out;
}

// ---------------------------------------------------------------------------------------------
// MP3

/** An MP3 at whatever rate it was recorded (8–48 kHz), mixed to mono and brought to 16 kHz. */
async function decodeMp3(bytes: Uint8Array): Promise<Float32Array> {
  const { MPEGDecoder } = await import('mpg123-decoder');
  const decoder = new MPEGDecoder();
  await decoder.ready;
  try {
    const decoded = decoder.decode(bytes);
    if (decoded.errors.length > 0) throw new VoiceError('unreadable', 'The MP3 voice message is damaged.');
    if (decoded.samplesDecoded / decoded.sampleRate > MAX_VOICE_SECONDS + 1)
      assertNotTooLong(decoded.samplesDecoded / decoded.sampleRate);
    const mono = mixToMono(decoded.channelData, decoded.samplesDecoded);
    return decoded.sampleRate === OPUS_RATE
      ? downsample48kTo16k(mono)
      : resampleTo16k(mono, decoded.sampleRate);
  } finally {
    decoder.free();
  }
}

/**
 * Any rate to 16 kHz: each output sample averages the input samples of its own interval (a box
 * low-pass, enough for speech recognition), or interpolates linearly when the input is slower.
 */
export function resampleTo16k(input: Float32Array, rate: number): Float32Array {
  if (rate === TARGET_RATE) return input;
  const step = rate / TARGET_RATE;
  const out = new Float32Array(Math.floor(input.length / step));
  for (let k = 0; k < out.length; k++) {
    const centre = k * step;
    if (step <= 1) {
      const i = Math.floor(centre);
      const frac = centre - i;
      out[k] = (input[i] ?? 0) * (1 - frac) + (input[i + 1] ?? input[i] ?? 0) * frac;
      continue;
    }
    const from = Math.max(0, Math.round(centre - step / 2));
    const to = Math.min(input.length, Math.round(centre + step / 2));
    let acc = 0;
    for (let i = from; i < to; i++) acc += input[i] ?? 0;
    out[k] = to > from ? acc / (to - from) : 0;
  }
  return out;
}
