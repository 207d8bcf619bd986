import type { Pcm16k } from './types.js';

const HEADER_BYTES = 44;
const BYTES_PER_SAMPLE = 2;

/** Float sample in [-1, 1] to signed 16-bit, clamping anything outside the range. */
function toInt16(sample: number): number {
  const clamped = Math.max(-1, Math.min(1, sample));
  return clamped < 0 ? Math.round(clamped * 0x8000) : Math.round(clamped * 0x7fff);
}

/** A canonical RIFF/WAVE file: PCM, 16-bit little-endian, mono, 16 kHz. */
export function encodeWav(audio: Pcm16k): Uint8Array<ArrayBuffer> {
  const dataBytes = audio.samples.length * BYTES_PER_SAMPLE;
  const bytes = new Uint8Array(HEADER_BYTES + dataBytes);
  const view = new DataView(bytes.buffer);
  const ascii = (offset: number, text: string) => {
    for (let i = 0; i < text.length; i++) view.setUint8(offset + i, text.charCodeAt(i));
  };

  ascii(0, 'RIFF');
  view.setUint32(4, HEADER_BYTES - 8 + dataBytes, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true); // fmt chunk size
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // channels
  view.setUint32(24, audio.sampleRate, true);
  view.setUint32(28, audio.sampleRate * BYTES_PER_SAMPLE, true); // byte rate
  view.setUint16(32, BYTES_PER_SAMPLE, true); // block align
  view.setUint16(34, 8 * BYTES_PER_SAMPLE, true); // bits per sample
  ascii(36, 'data');
  view.setUint32(40, dataBytes, true);

  for (let i = 0; i < audio.samples.length; i++) {
    view.setInt16(HEADER_BYTES + i * BYTES_PER_SAMPLE, toInt16(audio.samples[i] ?? 0), true);
  }
  return bytes;
}
