import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { DOMAIN_WORDS, ENGLISH_TERMS, STOPWORDS, SYNONYMS } from './lexicon.js';

/** Splits normalised text into the canonical terms that retrieval matches on. */
export interface Segmenter {
  terms(normalizedText: string): string[];
}

const WORD_CHAR = /[\p{Script=Han}\p{L}\p{N}]/u;
const ASCII_WORD = /^[a-z][a-z'-]*$/;

export function createSegmenter(extraWords: readonly string[] = []): Segmenter {
  const jieba = Jieba.withDict(dict);
  const userDict = [...DOMAIN_WORDS, ...extraWords].map((word) => `${word} 200000 n`).join('\n');
  jieba.loadDict(Buffer.from(userDict, 'utf8'));
  return {
    terms(normalizedText) {
      const out: string[] = [];
      for (const raw of jieba.cutForSearch(normalizedText, true)) {
        const token = raw.trim();
        if (!token || !WORD_CHAR.test(token)) continue;
        if (ASCII_WORD.test(token)) {
          pushEnglish(out, token);
          continue;
        }
        const canonical = SYNONYMS[token] ?? token;
        if (!STOPWORDS.has(canonical)) out.push(canonical);
      }
      return out;
    },
  };
}

function pushEnglish(out: string[], word: string): void {
  if (STOPWORDS.has(word)) return;
  const stem = englishStem(word);
  const mapped = ENGLISH_TERMS[word] ?? ENGLISH_TERMS[stem];
  // A glossary word stands for its Chinese terms only, so English and Chinese questions share terms.
  if (mapped) out.push(...mapped);
  else out.push(stem);
}

/** A deliberately light stemmer: enough to fold plurals and -ing/-ed forms of the glossary words. */
export function englishStem(word: string): string {
  if (word.length > 5 && word.endsWith('ing')) return word.slice(0, -3);
  if (word.length > 4 && word.endsWith('ed')) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}
