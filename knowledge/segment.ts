import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { pinyin } from 'pinyin-pro';
import { type ConceptList, shippedConcepts } from './concepts.js';
import { JsJieba } from './jieba/index.js';
import { DOMAIN_WORDS, STOPWORDS } from './lexicon.js';

/** Splits normalised text into the canonical terms that retrieval matches on. */
export interface Segmenter {
  terms(normalizedText: string): string[];
  /** The text with homophone typos mended (我要投塑 → 我要投诉), for rules that read whole phrases. */
  mend(normalizedText: string): string;
}

/** A segmenter that can make another over different concept words, sharing its jieba. */
export interface ConceptSegmenter extends Segmenter {
  readonly concepts: ConceptList;
  /**
   * The segmenter of another version's concept words. jieba is not loaded again: the new version's
   * Chinese words it lacks are added to its dictionary (which thus only grows in a process; a word
   * removed from a concept is still cut whole, but no longer stands for the concept).
   */
  withConcepts(concepts: ConceptList): ConceptSegmenter;
}

const WORD_CHAR = /[\p{Script=Han}\p{L}\p{N}]/u;
const HAN = /^\p{Script=Han}+$/u;
/** Cantonese particles: never half of a mended word (使唔 is not 失误). */
const PARTICLES = new Set([
  '唔',
  '咗',
  '嘅',
  '啲',
  '哋',
  '佢',
  '喺',
  '俾',
  '嚟',
  '咩',
  '嘢',
  '咁',
  '噉',
  '冇',
]);
/** The copula begins no mended pair: "是先…还是…" is not 时限. */
const NEVER_FIRST_OF_A_PAIR = new Set(['是']);
const ASCII_WORD = /^[a-z0-9][a-z0-9'/-]*$/;

interface Vocabulary {
  /** Chinese word → concept. */
  chinese: Map<string, string>;
  /** English word (and its stem) → concept. */
  english: Map<string, string>;
  /** English phrases of several words → concept, longest first. */
  phrases: [RegExp, string][];
  /** Toneless pinyin of every known Chinese word → the word, to mend homophone typos (答付 → 答复). */
  byPinyin: Map<string, string>;
  /** The same, by the pinyin with the sounds input methods confuse folded together (居明 → 居民). */
  byLoosePinyin: Map<string, string>;
  words: Set<string>;
}

function buildVocabulary(concepts: ConceptList, extraWords: readonly string[]): Vocabulary {
  const chinese = new Map<string, string>();
  const english = new Map<string, string>();
  const phrases: [string, string][] = [];
  for (const { term: concept, variants } of concepts) {
    for (const variant of [concept, ...variants]) {
      if (/^[\x20-\x7e]+$/.test(variant) && /[a-z]/.test(variant)) {
        if (variant.includes(' ')) phrases.push([variant, concept]);
        else {
          english.set(variant, concept);
          english.set(englishStem(variant), concept);
        }
      } else chinese.set(variant, concept);
    }
  }
  const words = new Set([...chinese.keys(), ...DOMAIN_WORDS, ...extraWords].filter((w) => HAN.test(w)));
  const byPinyin = new Map<string, string>();
  const byLoosePinyin = new Map<string, string>();
  for (const word of words) {
    if (word.length < 2) continue;
    const sounds = syllables(word);
    const key = sounds.join('');
    if (!byPinyin.has(key)) byPinyin.set(key, word);
    const loose = looseSpelling(sounds);
    if (!byLoosePinyin.has(loose)) byLoosePinyin.set(loose, word);
  }
  return {
    chinese,
    english,
    phrases: phrases
      .sort((a, b) => b[0].length - a[0].length)
      .map(([phrase, concept]) => [new RegExp(`\\b${escapeRegExp(phrase)}\\b`, 'g'), concept]),
    byPinyin,
    byLoosePinyin,
    words,
  };
}

/** The user dictionary the segmenter loads into jieba on top of its own: every known Chinese word. */
export function userDictionary(
  extraWords: readonly string[] = [],
  concepts: ConceptList = shippedConcepts(),
): string {
  return userDictText(buildVocabulary(concepts, extraWords).words);
}

function userDictText(words: Iterable<string>): string {
  return [...words].map((word) => `${word} 200000 n`).join('\n');
}

/** The calls of jieba the segmenter makes; @node-rs/jieba and JsJieba both have them. */
export interface JiebaEngine {
  cut(text: string, hmm?: boolean): string[];
  cutForSearch(text: string, hmm?: boolean): string[];
  /** Adds words (`word freq tag` lines) to the dictionary. */
  addWords(userDict: string): void;
}

/** Makes a jieba with jieba's default dictionary plus the user dictionary `userDict` (`word freq tag` lines). */
export type JiebaFactory = (userDict: string) => JiebaEngine;

/** @node-rs/jieba, the native addon, with the dictionary it ships (Node; the default). */
export const nativeJieba: JiebaFactory = (userDict) => {
  const jieba = Jieba.withDict(dict);
  jieba.loadDict(Buffer.from(userDict, 'utf8'));
  return {
    cut: (text, hmm) => jieba.cut(text, hmm),
    cutForSearch: (text, hmm) => jieba.cutForSearch(text, hmm),
    addWords: (words) => jieba.loadDict(Buffer.from(words, 'utf8')),
  };
};

/**
 * The pure TypeScript jieba (knowledge/jieba: the same words as the addon for the same dictionary),
 * for runtimes that cannot load the addon (Workers), with jieba's dictionary given as text
 * (node_modules/@node-rs/jieba/dict.txt).
 */
export function jsJieba(dictText: string): JiebaFactory {
  return (userDict) => {
    const jieba = JsJieba.withDict(dictText);
    jieba.loadDict(userDict);
    return {
      cut: (text, hmm) => jieba.cut(text, hmm),
      cutForSearch: (text, hmm) => jieba.cutForSearch(text, hmm),
      addWords: (words) => jieba.loadDict(words),
    };
  };
}

export interface SegmenterOptions {
  /** Which jieba segments the text; default the native @node-rs/jieba. */
  jieba?: JiebaFactory;
  /** The concept words variants are folded onto; default the shipped ones (knowledge/concepts.yaml). */
  concepts?: ConceptList;
}

export function createSegmenter(
  extraWords: readonly string[] = [],
  options: SegmenterOptions = {},
): ConceptSegmenter {
  const concepts = options.concepts ?? shippedConcepts();
  const vocabulary = buildVocabulary(concepts, extraWords);
  const jieba = (options.jieba ?? nativeJieba)(userDictText(vocabulary.words));
  return segmenterOver(jieba, new Set(vocabulary.words), concepts, vocabulary, extraWords);
}

/** `loaded`: the words already added to jieba's dictionary (shared by the segmenters of one jieba). */
function segmenterOver(
  jieba: JiebaEngine,
  loaded: Set<string>,
  concepts: ConceptList,
  vocabulary: Vocabulary,
  extraWords: readonly string[],
): ConceptSegmenter {
  function emit(out: string[], token: string): void {
    if (ASCII_WORD.test(token)) {
      if (STOPWORDS.has(token)) return;
      const concept = vocabulary.english.get(token) ?? vocabulary.english.get(englishStem(token));
      // A glossary word stands for its concept only, so English and Chinese questions share terms.
      out.push(concept ?? englishStem(token));
      return;
    }
    const term = vocabulary.chinese.get(token) ?? token;
    if (!STOPWORDS.has(term)) out.push(term);
  }

  // One turn reads the same text several times (intent rules, classifier, retrieval): the last few
  // results are kept, so a turn segments its text once.
  const recentTerms = recentResults<string[]>(RECENT_TEXTS);
  const recentMends = recentResults<string>(RECENT_TEXTS);

  return {
    concepts,
    withConcepts(next) {
      const nextVocabulary = buildVocabulary(next, extraWords);
      const missing = [...nextVocabulary.words].filter((word) => !loaded.has(word));
      if (missing.length > 0) {
        jieba.addWords(userDictText(missing));
        for (const word of missing) loaded.add(word);
      }
      return segmenterOver(jieba, loaded, next, nextVocabulary, extraWords);
    },
    mend(normalizedText) {
      return recentMends(normalizedText, () => {
        const text = mendClassHomophones(normalizedText);
        return mendHomophoneTypos(jieba.cut(text, true), vocabulary, dictionaryWords(text)).join('');
      });
    },
    terms(normalizedText) {
      // A copy: callers may change their array.
      return recentTerms(normalizedText, () => segmentTerms(normalizedText)).slice();
    },
  };

  /**
   * Whether a word of the text is in jieba's dictionary (a cut without HMM returns a word of two
   * characters or more only from the dictionary): real words are never mended (互为 is not 糊味).
   * The extra cut is made only for a text that has a word to mend, which few have.
   */
  function dictionaryWords(text: string): (word: string) => boolean {
    let words: Set<string> | undefined;
    return (word) => {
      words ??= new Set(jieba.cut(text, false).filter((w) => w.length >= 2 && HAN.test(w)));
      return words.has(word);
    };
  }

  function segmentTerms(normalizedText: string): string[] {
    let text = normalizedText;
    for (const [pattern, concept] of vocabulary.phrases) text = text.replace(pattern, ` ${concept} `);
    const tokens = mendHomophoneTypos(
      jieba.cut(text, true).map((t) => t.trim()),
      vocabulary,
      dictionaryWords(text),
    ).filter((t) => t && WORD_CHAR.test(t));
    const out: string[] = [];
    for (const token of tokens) {
      emit(out, token);
      // Long words also give their known parts (装表接电 → 装表, 接电), as jieba's search mode does.
      if (token.length >= 3 && HAN.test(token)) {
        for (const part of jieba.cutForSearch(token, false))
          if (part !== token && part.length >= 2) emit(out, part);
      }
    }
    return out;
  }
}

/** How many recent texts the segmenter remembers the result for. */
const RECENT_TEXTS = 64;

/** A small memo of the last `size` keys (oldest forgotten first). */
function recentResults<T>(size: number): (key: string, compute: () => T) => T {
  const results = new Map<string, T>();
  return (key, compute) => {
    const known = results.get(key);
    if (known !== undefined) return known;
    const value = compute();
    results.set(key, value);
    if (results.size > size) results.delete(results.keys().next().value as string);
    return value;
  };
}

/**
 * Replaces a word jieba does not know (not in its dictionary: found by its HMM), or two single
 * characters in a row, by the known word that sounds the same: customers type by pinyin, and 多就 /
 * 答付 / 方按 are 多久 / 答复 / 方案. An unknown word may also be typed with a sound its input method
 * confuses (居明 for 居民: -ing for -in) or be cut across two words (供点方|按 is 供电方案).
 */
function mendHomophoneTypos(
  tokens: string[],
  vocabulary: Vocabulary,
  isDictionaryWord: (word: string) => boolean,
): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] ?? '';
    const next = tokens[i + 1] ?? '';
    if (HAN.test(token) && !vocabulary.words.has(token)) {
      if (token.length >= 2) {
        if (isDictionaryWord(token)) {
          out.push(token);
          continue;
        }
        const mended = soundsLike(token, vocabulary);
        if (mended) {
          out.push(mended);
          continue;
        }
        const withNext = isLoneCharacter(next, vocabulary)
          ? readAsKnownWords(token + next, vocabulary)
          : undefined;
        if (withNext) {
          out.push(withNext);
          i++;
          continue;
        }
        out.push(readAsKnownWords(token, vocabulary) ?? token);
        continue;
      }
      if (isLoneCharacter(next, vocabulary) && !PARTICLES.has(token) && !NEVER_FIRST_OF_A_PAIR.has(token)) {
        const mended = vocabulary.byPinyin.get(spellingsOf(token + next).exact);
        if (mended) {
          out.push(mended);
          i++;
          continue;
        }
      }
    }
    out.push(token);
  }
  return out;
}

function isLoneCharacter(token: string, vocabulary: Vocabulary): boolean {
  return token.length === 1 && HAN.test(token) && !PARTICLES.has(token) && !vocabulary.words.has(token);
}

/** The longest known word a typo run is read into, in characters. */
const MAX_TYPO_WORD = 4;

/**
 * "供点方按": characters that spell known words from end to end, all but one character at most
 * (loosely, as above), read as those words; undefined when they do not.
 */
function readAsKnownWords(run: string, vocabulary: Vocabulary): string | undefined {
  // best[i]: the reading of run[0, i) that leaves the fewest characters unread, then has fewest words.
  const best: ({ unread: number; words: number; out: string } | undefined)[] = [
    { unread: 0, words: 0, out: '' },
  ];
  for (let start = 0; start < run.length; start++) {
    const here = best[start];
    if (!here) continue;
    const relax = (end: number, unread: number, out: string) => {
      const there = best[end];
      const candidate = { unread: here.unread + unread, words: here.words + 1, out: here.out + out };
      if (
        !there ||
        candidate.unread < there.unread ||
        (candidate.unread === there.unread && candidate.words < there.words)
      )
        best[end] = candidate;
    };
    relax(start + 1, 1, run[start] ?? '');
    for (let end = start + 2; end <= Math.min(run.length, start + MAX_TYPO_WORD); end++) {
      const piece = run.slice(start, end);
      const word = vocabulary.words.has(piece) ? piece : soundsLike(piece, vocabulary);
      if (word) relax(end, 0, word);
    }
  }
  const read = best[run.length];
  return read && read.unread <= 1 && read.out !== run && read.words < run.length ? read.out : undefined;
}

/**
 * Homophones of the class names that jieba's dictionary knows as words of their own (地压 is a mining
 * term, 抵押 a mortgage), so the mender leaves them: before 电 / 客户 / 用户 / 的 they name the class.
 */
const CLASS_HOMOPHONES: readonly [RegExp, string][] = [
  [/(?:地|底|抵)(?:压|押)(?=电力|电客户|客户|用户|的客户|的用户|供电|非居民)/g, '低压'],
  [/(?:搞|告|稿|膏)(?:压|押)(?=电力|电客户|客户|用户|的客户|的用户|供电|单电源|双电源)/g, '高压'],
];

function mendClassHomophones(text: string): string {
  return CLASS_HOMOPHONES.reduce((mended, [typo, word]) => mended.replace(typo, word), text);
}

/**
 * The pinyin with the finals that input methods confuse folded together: -ng and -n after a vowel
 * (ing/in, eng/en, ang/an). Initials stay apart: folding sh into s reads 说会 as 索贿.
 */
function looseSpelling(spelled: readonly string[]): string {
  return spelled.map((syllable) => syllable.replace(/([aei])ng$/, '$1n')).join('');
}

function syllables(word: string): string[] {
  return pinyin(word, { toneType: 'none', type: 'array' });
}

/**
 * Pinyin of the unknown words met in questions (the vocabulary's own are spelled once, above): the
 * same words come back question after question. Forgotten all at once when it grows large.
 */
const pinyinOf = new Map<string, { exact: string; loose: string }>();
const PINYIN_MEMO_LIMIT = 20_000;

function spellingsOf(word: string): { exact: string; loose: string } {
  let spelled = pinyinOf.get(word);
  if (spelled === undefined) {
    const sounds = syllables(word);
    spelled = { exact: sounds.join(''), loose: looseSpelling(sounds) };
    if (pinyinOf.size >= PINYIN_MEMO_LIMIT) pinyinOf.clear();
    pinyinOf.set(word, spelled);
  }
  return spelled;
}

/** The known word that sounds like `word`: the same pinyin first, then loosely the same. */
function soundsLike(word: string, vocabulary: Vocabulary): string | undefined {
  const { exact, loose } = spellingsOf(word);
  return vocabulary.byPinyin.get(exact) ?? vocabulary.byLoosePinyin.get(loose);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A deliberately light stemmer: enough to fold plurals and -ing/-ed forms onto one key. */
export function englishStem(word: string): string {
  if (word.length > 5 && word.endsWith('ing')) return word.slice(0, -3);
  if (word.length > 4 && word.endsWith('ed')) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}
