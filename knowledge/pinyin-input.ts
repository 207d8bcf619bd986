import { pinyin } from 'pinyin-pro';

/**
 * Messages typed in pinyin without choosing the characters ("gaoya shuang dianyuan fang an ji
 * tian", "cha dianfei 1000000001", "rengong!!!", "抄表shuju不对"): a run of Latin letters that
 * spells known words from end to end, and nothing else, is those words. English is left alone: its
 * words do not spell known Chinese words end to end ("how long" has no "how"; "plan" is no word's
 * pinyin), and a single syllable is read only where it is one of a few one-character words.
 */
export type PinyinReader = (normalizedText: string) => string;

/** Everyday words of questions and requests, beside the glossary's, that customers type in pinyin. */
// biome-ignore format: a word list reads best several to a line
const EVERYDAY_WORDS: readonly string[] = [
  '几天', '多久', '多少', '多少钱', '多长时间', '怎么', '怎么办', '什么', '什么时候', '为什么', '能不能', '可以', '可不可以',
  '有没有', '是不是', '要不要', '查询', '查一下', '帮我', '我要', '我想', '人工', '转人工', '客服', '数据', '没电', '停电',
  '来电', '电表', '电费', '账单', '缴费', '交费', '营业厅', '投诉', '举报', '报修', '供电', '方案', '答复', '送电', '装表',
  '接电', '校验', '验表', '抄表', '工作日', '时间', '规定', '电话', '热线', '你好', '谢谢', '欠费', '户号', '进度', '申请',
  '客户', '用户', '居民', '非居民', '高压', '低压', '最多', '最长', '最久', '最晚', '一般', '大概', '请问', '需要', '期限',
  '时限', '要多久', '几个工作日', '营业员', '工作人员', '服务', '态度', '标准', '收费', '上门', '维修',
  '用电', '申请用电', '这个月', '上个月', '这么', '那么', '怎么这么', '查下', '一下', '太贵', '好贵', '我家', '我们',
  '你们', '不对', '没有', '可以吗', '为什么', '有哪些', '哪几个', '几个', '是什么', '什么是', '服务标准',
  '分别', '联系', '以后', '之后', '以内', '之内', '区别', '一样', '打电话', '回复', '处理', '多快',
  '房子', '新房', '刚买', '买了', '刚刚', '新装', '新开',
];
/** One-character words read between others (查 in "cha dianfei", 啊 in "da fu a"), never alone. */
// biome-ignore format: a word list reads best on one line
const ONE_CHARACTER_WORDS: readonly string[] = [
  '查', '交', '缴', '修', '贵', '啊', '吗', '呢', '吧', '的', '了', '有', '哪', '和', '跟', '是', '后', '内', '会', '我', '个', '能', '要', '在', '就', '还',
];

/** The longest word spelling considered, in letters. */
const MAX_WORD_LETTERS = 24;
/** A run of Latin words (letters, with spaces or apostrophes between). */
const LATIN_RUN = /[a-z]+(?:['’ ]+[a-z]+)*/g;

export function createPinyinReader(knownWords: Iterable<string>): PinyinReader {
  /** Letters of the toneless pinyin → the word (the first word of a spelling wins). */
  let bySpelling: Map<string, string> | undefined;
  const spellings = () => {
    if (bySpelling) return bySpelling;
    bySpelling = new Map();
    for (const word of [...EVERYDAY_WORDS, ...knownWords]) {
      if (word.length < 2 || !/^\p{Script=Han}+$/u.test(word)) continue;
      const key = spell(word);
      if (key.length <= MAX_WORD_LETTERS && !bySpelling.has(key)) bySpelling.set(key, word);
    }
    for (const word of ONE_CHARACTER_WORDS) bySpelling.set(spell(word), word);
    // Alone, 了 is spelled "liao"; after a verb it is said, and typed, "le".
    bySpelling.set('le', '了');
    return bySpelling;
  };
  return (text) => {
    if (!/[a-z]{2}/.test(text)) return text;
    return text.replace(
      LATIN_RUN,
      (run, at: number) =>
        restOfWord(text[at - 1], run, spellings()) ??
        spelledWords(run.replace(/['’ ]+/g, ''), spellings()) ??
        spelledAroundUnknown(run, spellings()) ??
        run,
    );
  };
}

/**
 * The words that spell `letters` from end to end, fewest words first; undefined when no such words
 * exist, or the only way is one single-character word (a lone "cha" may be English or a name).
 */
function spelledWords(letters: string, bySpelling: ReadonlyMap<string, string>): string | undefined {
  // fewest[i]: the fewest words spelling letters[0, i), with the words.
  const fewest: ({ count: number; words: string[] } | undefined)[] = [{ count: 0, words: [] }];
  for (let end = 1; end <= letters.length; end++) {
    for (let start = Math.max(0, end - MAX_WORD_LETTERS); start < end; start++) {
      const before = fewest[start];
      const word = before && bySpelling.get(letters.slice(start, end));
      if (!before || !word) continue;
      const here = fewest[end];
      if (!here || before.count + 1 < here.count)
        fewest[end] = { count: before.count + 1, words: [...before.words, word] };
    }
  }
  const words = fewest[letters.length]?.words;
  if (!words || words.every((word) => word.length < 2)) return undefined;
  return words.join('');
}

/** One toneless pinyin syllable (loosely: a few letter pairs that are no syllable pass too). */
const SYLLABLE =
  /^(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ang|eng|ing|ong|uai|uan|ian|iao|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ui|ue|ve|er|a|o|e|i|u|v)$/;
/** A word typed as pinyin is this many syllables at most ("jiao yan" is two). */
const MAX_WORD_TOKENS = 6;
/** Unknown syllables cost more than known words: the reading keeps as many words as it can. */
const UNKNOWN_TOKEN_COST = 3;

/** Whether a space-separated token is one or more pinyin syllables ("dian", "dianbiao"). */
function isPinyinToken(token: string): boolean {
  const can: boolean[] = [true];
  for (let end = 1; end <= token.length; end++)
    for (let start = Math.max(0, end - 6); start < end && !can[end]; start++)
      if (can[start] && SYLLABLE.test(token.slice(start, end))) can[end] = true;
  return can[token.length] === true;
}

/**
 * "dian biao jiao yan duo jiu chu jie guo": a run of syllables typed apart, some of words the
 * reader does not know (出结果). Read only when every token is pinyin, so English stays English:
 * the known words become characters and the unknown syllables stay as typed.
 */
function spelledAroundUnknown(run: string, bySpelling: ReadonlyMap<string, string>): string | undefined {
  const tokens = run.split(/['’ ]+/).filter(Boolean);
  if (tokens.length < 3 || !tokens.every(isPinyinToken)) return undefined;
  // For each number of tokens read: the cheapest reading, and how many of its tokens are known words.
  const best: ({ cost: number; out: string[]; known: number } | undefined)[] = [
    { cost: 0, out: [], known: 0 },
  ];
  for (let start = 0; start < tokens.length; start++) {
    const here = best[start];
    if (!here) continue;
    const relax = (end: number, cost: number, out: string, known: number) => {
      const there = best[end];
      if (!there || here.cost + cost < there.cost)
        best[end] = { cost: here.cost + cost, out: [...here.out, out], known: here.known + known };
    };
    // A one-character word between others ("le" in "gang mai le fang zi") is read like any word.
    const oneCharacter = bySpelling.get(tokens[start] ?? '');
    if (oneCharacter?.length === 1) relax(start + 1, 1, oneCharacter, 1);
    else relax(start + 1, UNKNOWN_TOKEN_COST, ` ${tokens[start]} `, 0);
    for (let end = start + 1; end <= Math.min(tokens.length, start + MAX_WORD_TOKENS); end++) {
      const words = spelledWords(tokens.slice(start, end).join(''), bySpelling);
      if (words) relax(end, 1, words, end - start);
    }
  }
  const read = best[tokens.length];
  // Mostly known words: a name or a stray phrase of syllables is left as typed.
  if (!read || read.known * 2 <= tokens.length) return undefined;
  return read.out.join('').replace(/\s+/g, ' ').trim();
}

/**
 * "电fei", "抄biao": a word begun in characters and finished in pinyin, the rest of that word; the
 * run must be one syllable or two, right after the character, and the two must spell a known word.
 */
function restOfWord(before: string | undefined, run: string, known: Map<string, string>): string | undefined {
  if (!before || !/^\p{Script=Han}$/u.test(before) || !/^[a-z]{2,12}$/.test(run)) return undefined;
  const word = known.get(spell(before) + run);
  return word && word.length >= 2 && word.startsWith(before) ? word.slice(1) : undefined;
}

function spell(word: string): string {
  return pinyin(word, { toneType: 'none', type: 'array' }).join('').replace(/ü/g, 'v');
}
