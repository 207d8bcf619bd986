import * as OpenCC from 'opencc-js/t2cn';
import { type ConceptList, conceptWords, shippedConcepts } from './concepts.js';
import { inMandarin } from './dialect.js';
import { DOMAIN_WORDS } from './lexicon.js';
import { createPinyinReader } from './pinyin-input.js';

/**
 * Turns whatever a customer typed into one canonical form for matching:
 * traditional characters (Taiwan and Hong Kong variants) to simplified, full-width to half-width
 * (NFKC), regional words in Mandarin (knowledge/dialect.ts), lower case, control characters
 * removed and runs of spacing collapsed; words typed in
 * pinyin ("dianfei", "fang an ji tian") in characters (knowledge/pinyin-input.ts).
 */
export type Normalizer = (text: string) => string;

/** `concepts`: the version's concept words, which pinyin input may spell (default: the shipped ones). */
export function createNormalizer(concepts: ConceptList = shippedConcepts()): Normalizer {
  const fromTaiwan = OpenCC.Converter({ from: 'tw', to: 'cn' });
  const fromHongKong = OpenCC.Converter({ from: 'hk', to: 'cn' });
  const readPinyin = createPinyinReader([...conceptWords(concepts), ...DOMAIN_WORDS]);
  return (text) => {
    const visible = stripControlCharacters(text).normalize('NFKC');
    // Text without a Han character has nothing for OpenCC to convert (plain English questions).
    const simplified = HAN.test(visible) ? fromHongKong(fromTaiwan(visible)) : visible;
    const canonical = inMandarin(simplified)
      .toLowerCase()
      .replace(/\s+/g, ' ')
      .replace(HOTLINE_SPOKEN, '95598')
      .trim();
    return readPinyin(canonical);
  };
}

const HAN = /\p{Script=Han}/u;
/** The hotline as a speech recogniser writes it (九五五九八, 幺五五九八): the number itself. */
const HOTLINE_SPOKEN = /[九幺]\s*五\s*五\s*九\s*八/g;

// Control and format characters (C0/C1 controls, zero-width characters, bidi overrides) carry no
// meaning for a question; tabs and line breaks are kept as spacing.
const CONTROL = /(?![\t\n\r])[\p{Cc}\p{Cf}]/gu;

export function stripControlCharacters(text: string): string {
  return text.replace(CONTROL, '');
}
