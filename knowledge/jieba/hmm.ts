import { HMM_EMIT, HMM_START, HMM_TRANS } from './hmm-model.js';

/**
 * jieba's HMM segmentation of a run of characters the dictionary could not join, as in jieba-rs
 * 0.10.3 (`hmm.rs`): the run is split into Han blocks (U+4E00–U+9FD5), which the Viterbi labels
 * begin/middle/end/single, and other text, which is cut by jieba's `re_skip`.
 */

/** States, in jieba-rs's order (and their order when two scores tie). */
const B = 0;
const E = 1;
const M = 2;
const S = 3;
const MIN_FLOAT = -3.14e100;
/** The states that may precede each state. */
const PREV: readonly (readonly [number, number])[] = [
  [E, S], // before B
  [B, M], // before E
  [M, B], // before M
  [S, E], // before S
];
/** The order jieba-rs visits the states at each step. */
const VISIT = [B, M, E, S] as const;

/**
 * jieba's `re_skip`, `([a-zA-Z0-9]+(?:.\d+)?%?)`, with the dot unescaped as jieba-rs 0.10.3 has it,
 * so it stands for any character but a newline (`WES-5.4.5` → `WES-5`, `.`, `4.5`); `\d` is
 * Unicode's decimal digits, as in Rust's regex.
 */
const RE_SKIP = /[a-zA-Z0-9]+(?:[^\n]\p{Nd}+)?%?/gu;

const HAN_MIN = 0x4e00;
const HAN_MAX = 0x9fd5;
let emissions: Float64Array | undefined;

/**
 * Emission log probabilities of the characters U+4E00–U+9FD5 (the only ones the Viterbi sees), four
 * per character in the order B, E, M, S; parsed from the model on first use.
 */
function emitTable(): Float64Array {
  if (emissions) return emissions;
  const table = new Float64Array((HAN_MAX - HAN_MIN + 1) * 4).fill(MIN_FLOAT);
  HMM_EMIT.forEach((line, state) => {
    let start = 0;
    while (start < line.length) {
      let end = line.indexOf(',', start);
      if (end < 0) end = line.length;
      const ch = line.codePointAt(start) as number;
      if (isHmmHan(ch))
        table[(ch - HAN_MIN) * 4 + state] = Number(line.slice(line.lastIndexOf(':', end) + 1, end));
      start = end + 1;
    }
  });
  emissions = table;
  return table;
}

export function isHmmHan(cp: number): boolean {
  return cp >= HAN_MIN && cp <= HAN_MAX;
}

/** The best B/E/M/S labelling of `chars` (at least two Han characters). */
function viterbi(chars: readonly string[]): Uint8Array {
  const emit = emitTable();
  const n = chars.length;
  const v = new Float64Array(n * 4);
  const prev = new Uint8Array(n * 4);
  const row = (t: number) => ((chars[t] as string).codePointAt(0) as number) * 4 - HAN_MIN * 4;
  const first = row(0);
  for (const y of VISIT) v[y] = (HMM_START[y] as number) + (emit[first + y] as number);
  for (let t = 1; t < n; t++) {
    const em = row(t);
    const base = (t - 1) * 4;
    for (const y of VISIT) {
      const emP = emit[em + y] as number;
      const [a, b] = PREV[y] as readonly [number, number];
      const pa = (v[base + a] as number) + ((HMM_TRANS[a] as readonly number[])[y] as number) + emP;
      const pb = (v[base + b] as number) + ((HMM_TRANS[b] as readonly number[])[y] as number) + emP;
      // Rust's max_by over (prob, state): the higher score, and on a tie the later state.
      const takeB = pb > pa || (pb === pa && b > a);
      v[t * 4 + y] = takeB ? pb : pa;
      prev[t * 4 + y] = takeB ? b : a;
    }
  }
  const last = (n - 1) * 4;
  let state = (v[last + S] as number) >= (v[last + E] as number) ? S : E;
  const path = new Uint8Array(n);
  for (let t = n - 1; t >= 0; t--) {
    path[t] = state;
    state = prev[t * 4 + state] as number;
  }
  return path;
}

function cutHan(chars: readonly string[], words: string[]): void {
  const path = viterbi(chars);
  let begin = 0;
  let next = 0;
  for (let i = 0; i < chars.length; i++) {
    const state = path[i];
    if (state === B) begin = i;
    else if (state === E) {
      words.push(chars.slice(begin, i + 1).join(''));
      next = i + 1;
    } else if (state === S) {
      words.push(chars[i] as string);
      next = i + 1;
    }
  }
  if (next < chars.length) words.push(chars.slice(next).join(''));
}

function cutOther(text: string, words: string[]): void {
  let last = 0;
  for (const match of text.matchAll(RE_SKIP)) {
    const at = match.index as number;
    if (at > last) words.push(text.slice(last, at));
    words.push(match[0]);
    last = at + match[0].length;
  }
  if (last < text.length) words.push(text.slice(last));
}

/** Cuts `chars` (code points) with the HMM, appending the words to `words`. */
export function hmmCut(chars: readonly string[], words: string[]): void {
  let i = 0;
  while (i < chars.length) {
    const han = isHmmHan(chars[i]?.codePointAt(0) as number);
    let j = i + 1;
    while (j < chars.length && isHmmHan(chars[j]?.codePointAt(0) as number) === han) j++;
    if (!han) cutOther(chars.slice(i, j).join(''), words);
    else if (j - i === 1) words.push(chars[i] as string);
    else cutHan(chars.slice(i, j), words);
    i = j;
  }
}
