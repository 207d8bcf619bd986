import { lnInt } from './ln.js';

/**
 * jieba's dictionary: words with a frequency and a tag, and the total frequency, loaded the way
 * jieba-rs 0.10.3 loads them.
 *
 * Built for a 5 MB, 350,000-word dictionary in a Worker: no object or string per word. A word is
 * an (offset, length) into the text it was loaded from, found through an open-addressing hash table
 * of typed arrays; its hash is computed while the text is scanned, and while a fragment of a
 * sentence grows one character at a time, so looking up every prefix at a position costs no
 * substring.
 */
export class Dictionary {
  total = 0;
  logTotal = Number.NEGATIVE_INFINITY;
  count = 0;

  private readonly sources: string[] = [];
  private source = new Int32Array(1024);
  private start = new Int32Array(1024);
  private length = new Int32Array(1024);
  private hashes = new Int32Array(1024);
  private freq = new Float64Array(1024);
  /** ln(freq), NaN until first needed. */
  private logFreq = new Float64Array(1024);
  /** Tags of the words added one by one (`add`); the others are read back from their line. */
  private readonly addedTags = new Map<number, string>();
  /** Record id + 1 per slot; 0 is empty. */
  private table = new Int32Array(4096);
  private mask = 4095;
  /** Longest word, in code points, starting with each BMP character (astral ones in a map). */
  private readonly longestBmp = new Uint16Array(0x10000);
  private readonly longestAstral = new Map<number, number>();
  /**
   * A one-hash Bloom filter of every prefix of every word (whole words included), 2^23 bits: a
   * fragment whose bit is clear starts no word, so the search for words at a position stops there,
   * as Python jieba's prefix dictionary lets it. A set bit may be a collision, which costs only a
   * lookup.
   */
  private readonly prefixBits = new Int32Array(1 << 18);

  /**
   * jieba-rs's `load_dict`: each line is `word [freq [tag]]`, split on Unicode whitespace; a known
   * word only gets the new frequency (its tag stays), a missing frequency is 0, and the total is
   * summed afresh. An invalid frequency throws, after the lines before it were taken, with the total
   * left at 0 as jieba-rs leaves it.
   */
  load(text: string): void {
    const src = this.sources.length;
    this.sources.push(text);
    this.setTotal(0);
    const end = text.length;
    let lines = 1;
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) lines++;
    this.reserve(this.count + lines);
    let lineNo = 0;
    let i = 0;
    while (i < end) {
      lineNo++;
      const lineStart = i;
      let lineEnd = text.indexOf('\n', i);
      if (lineEnd < 0) lineEnd = end;
      i = skipSpace(text, i, lineEnd);
      if (i < lineEnd) {
        const wordStart = i;
        let hash = HASH_SEED;
        let chars = 0;
        while (i < lineEnd) {
          const c = text.charCodeAt(i);
          if (isRustWhitespace(c)) break;
          hash = Math.imul(hash ^ c, HASH_PRIME);
          i++;
          if (!isHigh(c) || i >= lineEnd || !isLow(text.charCodeAt(i))) {
            // The end of a character: the word so far is a prefix of a word.
            chars++;
            this.markPrefix(hash);
          }
        }
        const wordEnd = i;
        i = skipSpace(text, i, lineEnd);
        let freq = 0;
        if (i < lineEnd) {
          const freqStart = i;
          while (i < lineEnd && !isRustWhitespace(text.charCodeAt(i))) i++;
          const parsed = parseUsize(text, freqStart, i);
          if (parsed === undefined) {
            throw new Error(
              `line ${lineNo} \`${text.slice(lineStart, lineEnd + 1)}\` frequency ${text.slice(freqStart, i)} is not a valid integer`,
            );
          }
          freq = parsed;
          i = skipSpace(text, i, lineEnd);
        }
        const id = this.find(text, wordStart, wordEnd, hash);
        if (id >= 0) this.setFreq(id, freq);
        else this.push(src, wordStart, wordEnd - wordStart, hash, chars, freq);
      }
      i = lineEnd + 1;
    }
    let total = 0;
    for (let id = 0; id < this.count; id++) total += this.freq[id] as number;
    this.setTotal(total);
  }

  /** jieba-rs's `add_word` with a known frequency: a known word gets it, a new one is added. */
  add(word: string, freq: number, tag: string): void {
    let hash = HASH_SEED;
    for (let i = 0; i < word.length; i++) {
      const c = word.charCodeAt(i);
      hash = Math.imul(hash ^ c, HASH_PRIME);
      if (!isHigh(c) || i + 1 >= word.length || !isLow(word.charCodeAt(i + 1))) this.markPrefix(hash);
    }
    const id = this.find(word, 0, word.length, hash);
    if (id >= 0) {
      const old = this.freq[id] as number;
      this.setFreq(id, freq);
      this.setTotal(this.total + freq - old);
      return;
    }
    const src = this.sources.length;
    this.sources.push(word);
    this.push(src, 0, word.length, hash, Array.from(word).length, freq);
    this.addedTags.set(this.count - 1, tag);
    this.setTotal(this.total + freq);
  }

  /** The record id of text[from, to) given its hash, or -1. */
  find(text: string, from: number, to: number, hash: number): number {
    const len = to - from;
    let slot = hash & this.mask;
    for (;;) {
      const entry = this.table[slot] as number;
      if (entry === 0) return -1;
      const id = entry - 1;
      if (this.hashes[id] === hash && this.length[id] === len) {
        const src = this.sources[this.source[id] as number] as string;
        const at = this.start[id] as number;
        let k = 0;
        while (k < len && src.charCodeAt(at + k) === text.charCodeAt(from + k)) k++;
        if (k === len) return id;
      }
      slot = (slot + 1) & this.mask;
    }
  }

  /** The record id of `text[from, to)`, or -1. */
  lookup(text: string, from = 0, to = text.length): number {
    return this.find(text, from, to, hashOf(text, from, to));
  }

  /** False if no word starts with the fragment whose hash is `hash`; true if one may. */
  mayBePrefix(hash: number): boolean {
    return ((this.prefixBits[(hash >>> 5) & 0x3ffff] as number) & (1 << (hash & 31))) !== 0;
  }

  private markPrefix(hash: number): void {
    const at = (hash >>> 5) & 0x3ffff;
    this.prefixBits[at] = (this.prefixBits[at] as number) | (1 << (hash & 31));
  }

  /** Longest word, in code points, that starts with the character `cp`; 0 if none. */
  longest(cp: number): number {
    return cp < 0x10000 ? (this.longestBmp[cp] as number) : (this.longestAstral.get(cp) ?? 0);
  }

  frequency(id: number): number {
    return this.freq[id] as number;
  }

  logFrequency(id: number): number {
    let value = this.logFreq[id] as number;
    if (Number.isNaN(value)) {
      value = lnInt(this.freq[id] as number);
      this.logFreq[id] = value;
    }
    return value;
  }

  /** The tag of a word: the field after its frequency on its line, or the one it was added with. */
  tag(id: number): string {
    const added = this.addedTags.get(id);
    if (added !== undefined) return added;
    const text = this.sources[this.source[id] as number] as string;
    let lineEnd = text.indexOf('\n', this.start[id] as number);
    if (lineEnd < 0) lineEnd = text.length;
    let i = (this.start[id] as number) + (this.length[id] as number);
    i = skipSpace(text, i, lineEnd);
    while (i < lineEnd && !isRustWhitespace(text.charCodeAt(i))) i++;
    i = skipSpace(text, i, lineEnd);
    const from = i;
    while (i < lineEnd && !isRustWhitespace(text.charCodeAt(i))) i++;
    return text.slice(from, i);
  }

  private setTotal(total: number): void {
    this.total = total;
    this.logTotal = lnInt(total);
  }

  private setFreq(id: number, freq: number): void {
    this.freq[id] = freq;
    this.logFreq[id] = Number.NaN;
  }

  private push(src: number, start: number, length: number, hash: number, chars: number, freq: number): void {
    if (this.count === this.freq.length) this.reserve(Math.max(1024, this.count * 2));
    const id = this.count++;
    this.source[id] = src;
    this.start[id] = start;
    this.length[id] = length;
    this.hashes[id] = hash;
    this.freq[id] = freq;
    this.logFreq[id] = Number.NaN;
    if (this.count * 2 > this.table.length) this.rehash(this.table.length * 2);
    else this.place(id);
    const text = this.sources[src] as string;
    const first = text.codePointAt(start) as number;
    if (first < 0x10000) {
      if ((this.longestBmp[first] as number) < chars) this.longestBmp[first] = Math.min(chars, 0xffff);
    } else if ((this.longestAstral.get(first) ?? 0) < chars) this.longestAstral.set(first, chars);
  }

  private place(id: number): void {
    let slot = (this.hashes[id] as number) & this.mask;
    while (this.table[slot] !== 0) slot = (slot + 1) & this.mask;
    this.table[slot] = id + 1;
  }

  private rehash(size: number): void {
    this.table = new Int32Array(size);
    this.mask = size - 1;
    for (let id = 0; id < this.count; id++) this.place(id);
  }

  /** Room for `records` records, and a table at most half full with them. */
  private reserve(records: number): void {
    if (records > this.freq.length) {
      const grow32 = (a: Int32Array) => {
        const b = new Int32Array(records);
        b.set(a.subarray(0, this.count));
        return b;
      };
      const grow64 = (a: Float64Array) => {
        const b = new Float64Array(records);
        b.set(a.subarray(0, this.count));
        return b;
      };
      this.source = grow32(this.source);
      this.start = grow32(this.start);
      this.length = grow32(this.length);
      this.hashes = grow32(this.hashes);
      this.freq = grow64(this.freq);
      this.logFreq = grow64(this.logFreq);
    }
    let size = this.table.length;
    while (size < records * 2) size *= 2;
    if (size > this.table.length) this.rehash(size);
  }
}

/** FNV-1a over UTF-16 code units. */
export const HASH_SEED = 0x811c9dc5 | 0;
export const HASH_PRIME = 0x01000193;

export function hashOf(text: string, from: number, to: number): number {
  let hash = HASH_SEED;
  for (let i = from; i < to; i++) hash = Math.imul(hash ^ text.charCodeAt(i), HASH_PRIME);
  return hash;
}

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

function skipSpace(text: string, i: number, end: number): number {
  while (i < end && isRustWhitespace(text.charCodeAt(i))) i++;
  return i;
}

/** Rust's `char::is_whitespace` (Unicode White_Space), which `str::split_whitespace` splits on. */
function isRustWhitespace(c: number): boolean {
  if (c > 0x20 && c < 0x85) return false;
  return (
    (c >= 0x09 && c <= 0x0d) ||
    c === 0x20 ||
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

const USIZE_MAX = '18446744073709551615';

/**
 * Rust's `str::parse::<usize>` of text[from, to): an optional `+`, then decimal digits, at most
 * 2^64 − 1 (beyond 2^53 the number is approximate).
 */
function parseUsize(text: string, from: number, to: number): number | undefined {
  let i = from;
  if (text.charCodeAt(i) === 0x2b) i++;
  if (i >= to) return undefined;
  let value = 0;
  for (let k = i; k < to; k++) {
    const d = text.charCodeAt(k) - 0x30;
    if (d < 0 || d > 9) return undefined;
    value = value * 10 + d;
  }
  if (value < 1e19) return value;
  const digits = text.slice(i, to).replace(/^0+/, '');
  return digits.length < USIZE_MAX.length || (digits.length === USIZE_MAX.length && digits <= USIZE_MAX)
    ? value
    : undefined;
}
