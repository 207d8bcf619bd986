import { Dictionary, HASH_PRIME, HASH_SEED } from './dictionary.js';
import { hmmCut } from './hmm.js';
import { lnInt } from './ln.js';

/**
 * A pure TypeScript port of jieba-rs 0.10.3, the segmenter inside @node-rs/jieba 2.0.3, for runtimes
 * where the native addon cannot load (Cloudflare Workers). It gives the same words as the addon for
 * the same dictionary: the same splitting of text into blocks, the same dictionary DAG and
 * maximum-probability route (with jieba-rs's tie-breaking and correctly rounded logarithms), the
 * same HMM for unknown runs and the same search-mode n-grams. No Node APIs: the dictionary comes in
 * as a string.
 */
export class JsJieba {
  private readonly dict = new Dictionary();
  /** Per-block scratch, reused across calls: character offsets, route scores and route ends. */
  private bounds = new Int32Array(256);
  private prob = new Float64Array(256);
  private ends = new Int32Array(256);

  /** A segmenter with the dictionary `dictText` (lines of `word [freq [tag]]`), as `Jieba::with_dict`. */
  static withDict(dictText: string): JsJieba {
    const jieba = new JsJieba();
    jieba.loadDict(dictText);
    return jieba;
  }

  /**
   * Adds the entries of `text` (lines of `word [freq [tag]]`) as jieba-rs's `load_dict` does: a word
   * already known only gets the new frequency, a missing frequency counts as 0 (a suggested one is
   * `addWord`'s), and the total frequency is summed afresh.
   */
  loadDict(text: string): void {
    this.dict.load(wellFormed(text));
  }

  /**
   * Adds one word as jieba-rs's `add_word`: without a frequency it gets `suggestFreq(word)`, without
   * a tag the empty one; a known word only gets the new frequency. Returns the frequency.
   */
  addWord(word: string, freq?: number, tag?: string): number {
    if (word === '') return 0;
    const f = freq ?? this.suggestFreq(word);
    this.dict.add(wellFormed(word), f, tag ?? '');
    return f;
  }

  /**
   * jieba-rs's `suggest_freq`: the frequency that makes `segment` one word, i.e. at least the
   * product of the probabilities of the words it is cut into now, and at least its own frequency.
   */
  suggestFreq(segment: string): number {
    const logTotal = this.dict.logTotal;
    let logFreq = 0;
    for (const word of this.cut(segment, false)) logFreq += lnInt(this.wordFreq(word, 1)) - logTotal;
    return Math.max(Math.trunc(Math.exp(logFreq + logTotal)) + 1, this.wordFreq(segment, 1));
  }

  hasWord(word: string): boolean {
    return this.dict.lookup(word) >= 0;
  }

  /** The dictionary tag of `word`, or undefined if it is not in the dictionary. */
  wordTag(word: string): string | undefined {
    const id = this.dict.lookup(word);
    return id < 0 ? undefined : this.dict.tag(id);
  }

  /** Cuts `text` into words; `hmm` joins runs of unknown characters with the HMM (off by default, as in @node-rs/jieba). */
  cut(input: string, hmm = false): string[] {
    const text = wellFormed(input);
    const words: string[] = [];
    const len = text.length;
    let i = 0;
    while (i < len) {
      const start = i;
      const han = isHanDefault(text.codePointAt(i) as number);
      while (i < len) {
        const cp = text.codePointAt(i) as number;
        if (isHanDefault(cp) !== han) break;
        i += cp > 0xffff ? 2 : 1;
      }
      if (han) this.cutBlock(text, start, i, hmm, words);
      else {
        // Outside the blocks every character is a word of its own, but `\r\n` stays together.
        let k = start;
        while (k < i) {
          const cp = text.codePointAt(k) as number;
          const step = cp === 0x0d && text.charCodeAt(k + 1) === 0x0a && k + 1 < i ? 2 : cp > 0xffff ? 2 : 1;
          words.push(text.slice(k, k + step));
          k += step;
        }
      }
    }
    // Like jieba-rs, keep no scratch that one huge input grew.
    if (this.bounds.length > 1 << 16) {
      this.bounds = new Int32Array(256);
      this.prob = new Float64Array(256);
      this.ends = new Int32Array(256);
    }
    return words;
  }

  /** `cut`, then before each word of more than two characters its 2- and 3-character parts that are words. */
  cutForSearch(text: string, hmm = false): string[] {
    const out: string[] = [];
    for (const word of this.cut(text, hmm)) {
      if (word.length > 2) {
        const n = this.fillBounds(word, 0, word.length);
        const bounds = this.bounds;
        if (n > 2) {
          for (let i = 0; i < n - 1; i++)
            this.pushIfWord(word, bounds[i] as number, bounds[i + 2] as number, out);
        }
        if (n > 3) {
          for (let i = 0; i < n - 2; i++)
            this.pushIfWord(word, bounds[i] as number, bounds[i + 3] as number, out);
        }
      }
      out.push(word);
    }
    return out;
  }

  private pushIfWord(word: string, from: number, to: number, out: string[]): void {
    if (this.dict.lookup(word, from, to) >= 0) out.push(word.slice(from, to));
  }

  private wordFreq(word: string, otherwise: number): number {
    const id = this.dict.lookup(word);
    return id < 0 ? otherwise : this.dict.frequency(id);
  }

  /**
   * Writes the offsets of the code points of text[start, end), then `end`, to `bounds`, and returns
   * the number of code points.
   */
  private fillBounds(text: string, start: number, end: number): number {
    if (end - start + 1 > this.bounds.length) {
      let size = this.bounds.length;
      while (size < end - start + 1) size *= 2;
      this.bounds = new Int32Array(size);
      this.prob = new Float64Array(size);
      this.ends = new Int32Array(size);
    }
    const bounds = this.bounds;
    let n = 0;
    let i = start;
    while (i < end) {
      bounds[n++] = i;
      const c = text.charCodeAt(i);
      i += c >= 0xd800 && c <= 0xdbff && i + 1 < end && isLow(text.charCodeAt(i + 1)) ? 2 : 1;
    }
    bounds[n] = end;
    return n;
  }

  /**
   * The maximum-probability route through the dictionary words of the `n` characters at `bounds`:
   * leaves in `ends` the index of the character after the word to take at each character. A word
   * scores ln(freq) − ln(total) plus the rest of the route; a character that starts no word is taken
   * alone with frequency 1; equal scores go to the longer word.
   */
  private route(text: string, n: number): void {
    const { dict, bounds, prob, ends } = this;
    prob[n] = 0;
    ends[n] = n;
    const logTotal = dict.logTotal;
    for (let idx = n - 1; idx >= 0; idx--) {
      const from = bounds[idx] as number;
      const max = Math.min(dict.longest(text.codePointAt(from) as number), n - idx);
      let best = 0;
      let bestEnd = -1;
      let hash = HASH_SEED;
      let at = from;
      for (let end = idx + 1; end <= idx + max; end++) {
        const to = bounds[end] as number;
        for (; at < to; at++) hash = Math.imul(hash ^ text.charCodeAt(at), HASH_PRIME);
        if (!dict.mayBePrefix(hash)) break;
        const id = dict.find(text, from, to, hash);
        if (id < 0) continue;
        const p = dict.logFrequency(id) - logTotal + (prob[end] as number);
        // Rust's max_by over (prob, end): the higher score, and on a tie the later end.
        if (bestEnd < 0 || p > best || (p === best && end > bestEnd)) {
          best = p;
          bestEnd = end;
        }
      }
      if (bestEnd < 0) {
        best = 0 - logTotal + (prob[idx + 1] as number);
        bestEnd = idx + 1;
      }
      prob[idx] = best;
      ends[idx] = bestEnd;
    }
  }

  /** Segments one block of `RE_HAN_DEFAULT` characters, text[start, end). */
  private cutBlock(text: string, start: number, end: number, hmm: boolean, words: string[]): void {
    const n = this.fillBounds(text, start, end);
    this.route(text, n);
    const { bounds, ends } = this;
    let left = -1;
    let x = 0;
    while (x < n) {
      const y = ends[x] as number;
      // Single characters the route leaves alone are gathered: with the HMM all of them, without it
      // runs of ASCII letters and digits, which become one word.
      if (y - x === 1 && (hmm || isAsciiAlphanumeric(text.charCodeAt(bounds[x] as number)))) {
        if (left < 0) left = x;
      } else {
        if (left >= 0) {
          this.cutRun(text, left, x, hmm, words);
          left = -1;
        }
        words.push(text.slice(bounds[x], bounds[y]));
      }
      x = y;
    }
    if (left >= 0) this.cutRun(text, left, n, hmm, words);
  }

  /**
   * The characters x..y of the block that the route left single: without the HMM (a run of ASCII
   * letters and digits) one word; with it, one character alone, or a run that is itself a word as
   * single characters, or any other run cut by the HMM.
   */
  private cutRun(text: string, x: number, y: number, hmm: boolean, words: string[]): void {
    const bounds = this.bounds;
    const from = bounds[x] as number;
    const to = bounds[y] as number;
    if (!hmm || y - x === 1) words.push(text.slice(from, to));
    else if (this.dict.lookup(text, from, to) >= 0) {
      for (let k = x; k < y; k++) words.push(text.slice(bounds[k], bounds[k + 1]));
    } else hmmCut(Array.from(text.slice(from, to)), words);
  }
}

/** The text as Rust receives it from JavaScript: a lone surrogate becomes U+FFFD. */
function wellFormed(text: string): string {
  return LONE_SURROGATE.test(text) ? text.replace(LONE_SURROGATE_ALL, '\ufffd') : text;
}
const LONE_SURROGATE = /\p{Cs}/u;
const LONE_SURROGATE_ALL = /\p{Cs}/gu;

function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** jieba-rs's `RE_HAN_DEFAULT` class: CJK ideographs (main block and extensions), ASCII letters and digits, `+#&._%-`. */
function isHanDefault(cp: number): boolean {
  if (cp >= 0x4e00 && cp <= 0x9fff) return true;
  if (cp < 0x80) {
    return (
      isAsciiAlphanumeric(cp) ||
      cp === 0x2b || // +
      cp === 0x23 || // #
      cp === 0x26 || // &
      cp === 0x2e || // .
      cp === 0x5f || // _
      cp === 0x25 || // %
      cp === 0x2d // -
    );
  }
  return (
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x20000 && cp <= 0x2a6df) ||
    (cp >= 0x2a700 && cp <= 0x2b73f) ||
    (cp >= 0x2b740 && cp <= 0x2b81f) ||
    (cp >= 0x2b820 && cp <= 0x2ceaf) ||
    (cp >= 0x2ceb0 && cp <= 0x2ebef) ||
    (cp >= 0x2f800 && cp <= 0x2fa1f)
  );
}

function isAsciiAlphanumeric(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}
