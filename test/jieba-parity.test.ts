import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { JsJieba } from '../knowledge/jieba/index.js';
import { createNormalizer } from '../knowledge/normalize.js';
import { userDictionary } from '../knowledge/segment.js';

/**
 * The pure TypeScript jieba (knowledge/jieba, for Workers) against the native @node-rs/jieba it
 * stands in for: the same dictionary, the same user dictionary as knowledge/segment.ts, and every
 * question the project has, raw and normalised, must give exactly the same words.
 */

const root = new URL('../', import.meta.url);
const at = (path: string) => new URL(path, root);

/** Every string anywhere in a parsed YAML document. */
function stringsIn(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) stringsIn(item, out);
  else if (value && typeof value === 'object') for (const item of Object.values(value)) stringsIn(item, out);
  return out;
}

function yamlStrings(path: URL): string[] {
  return stringsIn(parse(readFileSync(path, 'utf8')));
}

function jsonlQuestions(path: URL): string[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => (JSON.parse(line) as { q: string }).q);
}

function jsonlFiles(dir: URL): URL[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.jsonl'))
    .sort()
    .map((name) => new URL(name, dir));
}

const EDGE_CASES = [
  '',
  ' ',
  '   ',
  '\t\n',
  'x\r\n\ty',
  '\r\n\r\n',
  'a',
  '电',
  '的',
  'hello world',
  'How long does the supply plan reply take?',
  'My bill is 250 kWh, is that normal?',
  'v2.0.1',
  'WES-5.4.5',
  '1.2.3',
  '3.14',
  '50%',
  '10%的电费',
  '户号1000000001，查下电费',
  '用了250度电大概多少钱',
  'APP上怎么交电费',
  'ID号码是A12B34',
  'C++和C#',
  'a&b_c.d-e+f#g%h',
  '电费95598',
  '９５５９８',
  'ＡＢＣ１２３',
  '全角，标点！？',
  '“引号”《书名》（括号）【方括号】',
  '电费……怎么交——急',
  '电费😀怎么交👪',
  '⚡🔌💡',
  '停电了😭😭😭',
  '電費怎麼繳',
  '我家電錶壞咗，點算好',
  '佢哋話唔得',
  '忽然間沒電了',
  '臺灣話講嘅電費',
  '𠀀𠀁𠀂',
  '鿖鿗鿘',
  '㐀㐁㐂',
  '丂丄丅丆丏丒丗',
  '犇猋骉麤毳淼掱焱垚赑',
  '嗯嗯嗯嗯嗯嗯嗯嗯嗯嗯嗯嗯',
  '龘靐齉齾爩鱻麣纞厵',
  '小明硕士毕业于中国科学院计算所，后在日本京都大学深造',
  '我们中出了一个叛徒',
  '他来到了网易杭研大厦',
  '南京市长江大桥',
  '居民客户供电方案答复期限是多少',
  '我要投塑',
  '答付方按多就',
  'こんにちは電気',
  '안녕하세요 전기',
  'Привет мир',
  'α β γ',
  '\u3000全角空格\u3000',
  'a\u00a0b',
  'line1\nline2\rline3',
  '\ud800abc',
  '电\udc00费',
  '超长的未登录词串嘅咗啲哋佢喺俾嚟咩嘢咁噉冇嘅咗啲哋佢喺俾嚟咩嘢咁噉冇',
  '供电方案答复期限'.repeat(40),
  `${'电'.repeat(300)}abc${'费'.repeat(300)}`,
];

/** Deterministic mixtures of dictionary words, rare characters, ASCII, spacing and symbols. */
function fuzzStrings(dictText: string, count: number): string[] {
  const words = dictText
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split(' ')[0] as string);
  let seed = 20240601;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const codePoint = (lo: number, hi: number) =>
    String.fromCodePoint(lo + Math.floor(random() * (hi - lo + 1)));
  const pools: (() => string)[] = [
    () => pick(words),
    () => pick(words),
    () => pick(words),
    () => codePoint(0x4e00, 0x9fa5),
    () => codePoint(0x9fd0, 0x9fff),
    () => codePoint(0x3400, 0x4dbf),
    () => codePoint(0x20000, 0x20100),
    () => codePoint(0x61, 0x7a),
    () => codePoint(0x41, 0x5a),
    () => codePoint(0x30, 0x39),
    () => pick([...'+#&._%-']),
    () => pick([...'，。！？、；：（）“”《》…—']),
    () => pick([' ', '  ', '\t', '\r\n', '\n', '\r', '\u3000', '\u00a0']),
    () => codePoint(0xff10, 0xff19),
    () => pick(['😀', '👪', '🔌', '⚡']),
    () => pick([...'電費繳錶們為這個麼嘅咗啲']),
    () => pick(['v2.0', '10%', '95598', 'WES-5.4.5', 'a.b', '3.14', 'kWh', 'APP']),
  ];
  const out: string[] = [];
  for (let k = 0; k < count; k++) {
    const length = 1 + Math.floor(random() * 12);
    let text = '';
    for (let i = 0; i < length; i++) text += pick(pools)();
    out.push(text);
  }
  return out;
}

const dictText = readFileSync(at('node_modules/@node-rs/jieba/dict.txt'), 'utf8');
const userDict = userDictionary();

const native = Jieba.withDict(dict);
native.loadDict(Buffer.from(userDict, 'utf8'));

const started = performance.now();
const port = JsJieba.withDict(dictText);
port.loadDict(userDict);
const loadMs = performance.now() - started;

const normalize = createNormalizer();
const corpus = [
  ...readdirSync(at('knowledge/entries'))
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .flatMap((name) => yamlStrings(at(`knowledge/entries/${name}`))),
  ...yamlStrings(at('knowledge/local-facts.yaml')),
  ...yamlStrings(at('api/assistant/intent-examples.yaml')),
  ...jsonlFiles(at('test/eval/')).flatMap(jsonlQuestions),
  ...EDGE_CASES,
];
const texts = [...new Set(corpus.flatMap((text) => [text, normalize(text)]))];

interface Mismatch {
  call: string;
  text: string;
  port: string[];
  native: string[];
}

/** The calls segment.ts makes (cut with and without HMM, search mode on each token), and search mode on the whole text. */
let comparisons = 0;

function compare(text: string, mismatches: Mismatch[]): void {
  const check = (call: string, input: string, ours: string[], theirs: string[]) => {
    comparisons++;
    if (JSON.stringify(ours) !== JSON.stringify(theirs))
      mismatches.push({ call, text: input, port: ours, native: theirs });
  };
  const tokens = native.cut(text, true);
  check('cut(hmm)', text, port.cut(text, true), tokens);
  check('cut(no hmm)', text, port.cut(text, false), native.cut(text, false));
  check('cutForSearch(hmm)', text, port.cutForSearch(text, true), native.cutForSearch(text, true));
  check('cutForSearch(no hmm)', text, port.cutForSearch(text, false), native.cutForSearch(text, false));
  for (const token of new Set(tokens.map((t) => t.trim()))) {
    check('cutForSearch(token)', token, port.cutForSearch(token, false), native.cutForSearch(token, false));
  }
}

describe('the TypeScript jieba against @node-rs/jieba', () => {
  it('loads the 5 MB dictionary and the user dictionary quickly', () => {
    console.info(`JsJieba: dictionary + user dictionary loaded in ${loadMs.toFixed(0)} ms`);
    expect(loadMs).toBeLessThan(2000);
    expect(port.hasWord('供电方案')).toBe(true);
    expect(port.wordTag('供电')).toBe(native.tag('供电', false)[0]?.tag);
  });

  it(`gives the same words for all ${texts.length} project strings, raw and normalised`, () => {
    expect(texts.length).toBeGreaterThan(1000);
    const mismatches: Mismatch[] = [];
    const before = comparisons;
    for (const text of texts) compare(text, mismatches);
    console.info(
      `${texts.length} strings, ${comparisons - before} calls compared, ${mismatches.length} differ`,
    );
    expect(mismatches.slice(0, 20)).toEqual([]);
  });

  it('gives the same words for 5000 random mixtures of words, rare characters, ASCII and symbols', () => {
    const mismatches: Mismatch[] = [];
    const before = comparisons;
    for (const text of fuzzStrings(dictText, 5000)) compare(text, mismatches);
    console.info(`5000 random strings, ${comparisons - before} calls compared, ${mismatches.length} differ`);
    expect(mismatches.slice(0, 20)).toEqual([]);
  });

  it('breaks exact ties between routes as jieba-rs does (needs correctly rounded logarithms)', () => {
    // 甲乙|丙 and 甲|乙丙 score the same in exact arithmetic when f(甲乙)·f(丙) = f(甲)·f(乙丙);
    // which one wins then rests on the last bit of each ln(freq).
    const mismatches: string[] = [];
    let cases = 0;
    for (let a = 2; a <= 40; a++) {
      for (let b = 2; b <= 40; b++) {
        for (let c = 2; c <= 40; c++) {
          const d = (a * b) / c;
          if (c === a || !Number.isInteger(d) || d < 2 || d > 40) continue;
          const small = `甲乙 ${a}\n丙 ${b}\n甲 ${c}\n乙丙 ${d}\n乙 1\n其他 1000`;
          const expected = Jieba.withDict(Buffer.from(small)).cut('甲乙丙', false);
          const actual = JsJieba.withDict(small).cut('甲乙丙', false);
          cases++;
          if (JSON.stringify(actual) !== JSON.stringify(expected))
            mismatches.push(`${small}: ${actual} ≠ ${expected}`);
        }
      }
    }
    expect(cases).toBeGreaterThan(1000);
    expect(mismatches.slice(0, 10)).toEqual([]);
  });

  it('reads dictionaries as jieba-rs does: replaced frequencies, missing ones as 0, extra fields, odd spacing', () => {
    const small = '电费 100 n\n电 5\n费 5 n extra\n  交电费\t7  v \n\n电费 3\n交 9\r\n缴费 0 v';
    const nativeSmall = Jieba.withDict(Buffer.from(small));
    const portSmall = JsJieba.withDict(small);
    for (const text of ['交电费', '电费缴费', '交交电费费', '缴费交费电']) {
      expect(portSmall.cut(text, false)).toEqual(nativeSmall.cut(text, false));
      expect(portSmall.cut(text, true)).toEqual(nativeSmall.cut(text, true));
      expect(portSmall.cutForSearch(text, true)).toEqual(nativeSmall.cutForSearch(text, true));
    }
  });

  it('is fast enough per call', () => {
    const sample = texts.slice(0, 2000);
    const time = (run: (text: string) => unknown) => {
      for (const text of sample) run(text);
      const t0 = performance.now();
      for (let round = 0; round < 3; round++) for (const text of sample) run(text);
      return ((performance.now() - t0) * 1000) / (3 * sample.length);
    };
    const ours = time((text) => port.cut(text, true));
    const theirs = time((text) => native.cut(text, true));
    console.info(
      `cut(text, true): JsJieba ${ours.toFixed(1)} µs, @node-rs/jieba ${theirs.toFixed(1)} µs per string`,
    );
    expect(ours).toBeLessThan(1000);
  });

  it('uses no Node API, so it runs in workerd', () => {
    const dir = at('knowledge/jieba/');
    for (const name of readdirSync(dir).filter((file) => file.endsWith('.ts'))) {
      const source = readFileSync(new URL(name, dir), 'utf8');
      expect(source, name).not.toMatch(/from 'node:|require\(|\bBuffer\b|\bprocess\.|from 'fs'|from 'path'/);
    }
  });
});
