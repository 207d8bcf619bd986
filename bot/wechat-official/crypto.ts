/**
 * WeChat Official Account message signatures and encryption, as the platform documents them
 * ("消息加解密说明"), on Web Crypto so the same code runs on Node and in workerd:
 *
 * - `signature` = SHA-1 (hex) of token, timestamp and nonce sorted as strings and joined;
 *   `msg_signature` the same over token, timestamp, nonce and the `Encrypt` text.
 * - The AES key is the 43-character EncodingAESKey + "=" read as Base64 (32 bytes); the IV is its
 *   first 16 bytes; AES-256-CBC over random(16) ‖ length(4, network order) ‖ message ‖ appid,
 *   padded PKCS#7-style to a multiple of 32 bytes (pad values 1…32), Base64.
 */

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** WeChat's block for its padding (not AES's 16). */
const WECHAT_BLOCK = 32;

export class WechatCryptoError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WechatCryptoError';
  }
}

function hex(bytes: ArrayBuffer): string {
  return [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** SHA-1 (hex) of the parts sorted as strings and joined: `signature` and `msg_signature`. */
export async function wechatSignature(...parts: string[]): Promise<string> {
  const joined = [...parts].sort().join('');
  return hex(await crypto.subtle.digest('SHA-1', encoder.encode(joined)));
}

/** Compares two hex signatures in time independent of where they differ. */
export function sameSignature(given: string | undefined, expected: string): boolean {
  if (given === undefined || given.length !== expected.length) return false;
  let diff = 0;
  for (let i = 0; i < expected.length; i++) diff |= given.charCodeAt(i) ^ expected.charCodeAt(i);
  return diff === 0;
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) {
    throw new WechatCryptoError('not Base64');
  }
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

function concat(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** The message cipher of one Official Account: its EncodingAESKey and appid. */
export interface WechatCipher {
  encrypt(message: string): Promise<string>;
  /** The message; a WechatCryptoError when it does not decrypt or was meant for another appid. */
  decrypt(encrypted: string): Promise<string>;
}

export function createWechatCipher(encodingAesKey: string, appId: string): WechatCipher {
  if (!/^[A-Za-z0-9]{43}$/.test(encodingAesKey)) {
    throw new WechatCryptoError('the EncodingAESKey must be 43 letters and digits');
  }
  const raw = fromBase64(`${encodingAesKey}=`);
  const iv = raw.slice(0, 16);
  const key = crypto.subtle.importKey('raw', raw, 'AES-CBC', false, ['encrypt', 'decrypt']);
  const appIdBytes = encoder.encode(appId);

  return {
    async encrypt(message) {
      const body = encoder.encode(message);
      const length = new Uint8Array(4);
      new DataView(length.buffer).setUint32(0, body.length, false);
      const unpadded = concat(crypto.getRandomValues(new Uint8Array(16)), length, body, appIdBytes);
      const pad = WECHAT_BLOCK - (unpadded.length % WECHAT_BLOCK);
      const plain = concat(unpadded, new Uint8Array(pad).fill(pad));
      // Web Crypto always adds its own PKCS#7 block; over a whole number of blocks that is one
      // more block at the end, which CBC lets us drop without touching the blocks before it.
      const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-CBC', iv }, await key, plain));
      return toBase64(sealed.subarray(0, plain.length));
    },

    async decrypt(encrypted) {
      const sealed = fromBase64(encrypted);
      if (sealed.length === 0 || sealed.length % 16 !== 0) {
        throw new WechatCryptoError('the ciphertext is not whole AES blocks');
      }
      // Web Crypto insists on AES's own padding, which WeChat's (up to 32 bytes) is not: append the
      // block that decrypts to a full block of 16s after the last one (CBC: E(last ⊕ 16s)).
      const last = sealed.subarray(sealed.length - 16);
      const extra = new Uint8Array(
        await crypto.subtle.encrypt({ name: 'AES-CBC', iv: last }, await key, new Uint8Array(16).fill(16)),
      ).subarray(0, 16);
      let plain: Uint8Array;
      try {
        plain = new Uint8Array(
          await crypto.subtle.decrypt({ name: 'AES-CBC', iv }, await key, concat(sealed, extra)),
        );
      } catch {
        throw new WechatCryptoError('the message does not decrypt');
      }
      const pad = plain[plain.length - 1] ?? 0;
      if (pad < 1 || pad > WECHAT_BLOCK || pad > plain.length) throw new WechatCryptoError('bad padding');
      const content = plain.subarray(0, plain.length - pad);
      if (content.length < 20) throw new WechatCryptoError('the message is too short');
      const length = new DataView(content.buffer, content.byteOffset + 16, 4).getUint32(0, false);
      if (20 + length > content.length) throw new WechatCryptoError('the message length is wrong');
      let message: string;
      let sender: string;
      try {
        message = decoder.decode(content.subarray(20, 20 + length));
        sender = decoder.decode(content.subarray(20 + length));
      } catch {
        throw new WechatCryptoError('the message is not UTF-8');
      }
      if (sender !== appId) throw new WechatCryptoError('the message is for another appid');
      return message;
    },
  };
}
