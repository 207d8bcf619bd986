/**
 * Reading a message into its parts: the questions and requests a customer put in one message
 * ("装表接电要几天？还有交电费能用微信吗"), each to be answered in turn. Statements around them
 * ("我家刚装修好。") are context and stay with the question that follows them.
 */

import { SPOKEN_PAUSE } from '../../knowledge/clauses.js';
import { readCustomerClass, withoutEvidence } from '../../knowledge/customer-class.js';

/** Where one question or request ends: sentence ends, and the words that start another. */
const BOUNDARY =
  /[?？!！。；;\n,，]+|[,，、]?\s*(?:同埋|仲有|再者|再就是|(?<!除了[^,，。?？]{0,12})还有(?!人|没有|多少|几|谁)(?:一个|个|就是|啊|呢)?|另外|顺便(?:问(?:一?下|问)?|说一?下)?|再(?:问(?:一?下|个)?|一个)|此外|以及|然后(?:还有|嗯|呢)?|其次|第二(?=个|点|[,，、:：])|[二三四](?:是|系|係)(?=\p{Script=Han})|一个是|\(\s*\d\s*\)|(?<![\d.])\d\s*\)|(?<![\d.])\d\s*、(?!\d)|(?<![\d.a-z])[1-9]\s*[.．](?=\s*\p{Script=Han})|[①②③④⑤⑥⑦⑧⑨]|one more thing|(?<!\b(?:i|we|you|they|it|can|could|do|does|will|would|should)\s)\balso\b|\bbesides\b|\bplus\b|\band (?=(?:how|what|when|where|which|who|can|could|is|are|do|does|will|would|should)\b))/giu;

/** A boundary that says another question follows ("还有", "另外", "also"). */
const ALSO = /同埋|仲有|再者|再就是|还有|另外|顺便|再问|再一个|此外|以及|also|besides|plus|one more thing/i;
/** "听说…", "邻居说…", "I read that…": a claim the customer heard, told to be checked. */
const TELLS_A_CLAIM =
  /^[\s\p{P}]*(我)?(听说|听人(家)?(说|讲)|听别人(说|讲)|听朋友(说|讲)|听邻居(说|讲)|邻居(跟我)?(说|讲)|网上(看到|说)|有人(跟我)?(说|讲)|别人(说|讲)|据说|我记得|i (read|heard|was told)|someone told me)/iu;

/** The same boundaries, kept by `split` (at the odd indices) to see which ended with a question mark. */
const BOUNDARY_KEPT = new RegExp(`(${BOUNDARY.source})`, BOUNDARY.flags.replace('g', ''));

/**
 * An English question word where it asks: opening a clause, after "and / so / tell me", or with
 * the words that follow a question word ("how long", "what should") — not "higher than what the
 * meter shows".
 */
export const ENGLISH_QUESTION =
  /(^|[.!?,;]\s*|\b(and|so|but|also|then|tell me|know|ask|asking|wonder|wondering)\s+)(how|what|when|where|which|who|why)\b|\b(how (long|many|much|soon|fast|quickly|do|can|does|did|is|are|should|would|will)|what (is|are|was|should|can|could|do|does|did|happens|if|about|time|number|kind|are the)|when (will|can|do|does|did|is|are|should|would)|where (can|do|does|is|are|should)|which (is|one|number|way)|who (do|should|can|is|are|will))\b/;

/** The Chinese matters that two may be joined of in one question ("方案和送电"). */
const MATTER_WORD =
  '方案|装表接电|送电|通电|接电(?!话)|装表|校验|验表|检测|抄表|读数|投诉|举报|报修|缴费|交费|回访';
/** Every one of them in a text. */
const MATTER_WORDS = new RegExp(MATTER_WORD, 'g');
/** The matters a question may name in a few characters ("送电几天"); a class alone names none. */
export const MATTERS = new RegExp(
  `${MATTER_WORD}|交电费|收费|\\b(tested|testing|test|complain\\w*|connected|connection|supply plan|reading|repairs?|pay\\w*)\\b`,
  'g',
);
/** The same, tested once. */
const A_MATTER = new RegExp(MATTERS.source);
/** "方案和送电", "从方案答复到送电", "校验、抄表": two matters joined, each asked. */
const JOINED_MATTERS = new RegExp(
  `(${MATTER_WORD})[^，,。？?！!\\s]{0,4}?(?:和|跟|与|及|以及|还有|同|到|、|加)[^，,。？?！!\\s]{0,3}?(${MATTER_WORD})`,
);

/** "…是这样吗", "我没记反吧", "对不对": what the message says is to be checked. */
export const CHECKS_A_CLAIM =
  /(是|系)(这样|这么回事|真的|真嘅|咁)(吗|嘛|么|嘅?咩|不|吧)|是不是(这样|真的)|(对|对的|没错|冇错)(吗|吧|嘛|么|不)|对不对|没(记|说|搞)(错|反)(吧|吗)?|有没有(记|搞)(错|反)/;

/** "这两个多久出结果", "分别几天": what is asked is asked of each thing named. */
const ASKS_OF_BOTH = /这(两|几|三)(个|项|样|件|种)|两者|三者|分别|各自|各(要|需要|是)/;

/**
 * The matters one question asks each of: two joined ("小吃店 低压 方案和送电期限是多少"), or every
 * matter a message names that asks to check what it says ("听说供电方案3个工作日答复 验收合格后再5个
 * 工作日送电 是这样吗") or asks of each ("电表校验 投诉 这两个多久出结果"); undefined where that is
 * not two matters.
 */
export function askedMatters(question: string): string[] | undefined {
  const found = JOINED_MATTERS.exec(question);
  // "故障报修、投诉这些业务要求回访多少比例": matters listed as the subject of another one asked.
  const after = found ? question.slice(found.index + found[0].length) : '';
  const othersAfter = (after.match(MATTER_WORDS) ?? []).filter(
    (matter) => matter !== found?.[1] && matter !== found?.[2],
  );
  const joined = found && !LISTED_TOGETHER.test(after.slice(0, 4)) && othersAfter.length === 0 ? found : null;
  const matters = joined
    ? [joined[1] ?? '', joined[2] ?? '']
    : CHECKS_A_CLAIM.test(question) || ASKS_OF_BOTH.test(question)
      ? (question.match(MATTER_WORDS) ?? [])
      : [];
  const distinct = [...new Set(matters)].slice(0, 3);
  return distinct.length >= 2 ? distinct : undefined;
}

/** How long, asked of a matter ("送电几天"); "找谁投诉" after a story asks the way of that story. */
const HOW_LONG = /多久|(?<![前这那过没好头])几(天|日)|多少天|多长|几个?工作日|几耐|好久(?!没|都|了|不)/;
/** A time limit asked or named ("规定最多几多个工作日", "期限是多少"): what a class's line answers. */
export const ASKS_A_LIMIT = new RegExp(`${HOW_LONG.source}|工作日|工作天|期限|时限|几多|\\d+ ?个?天`);
/** "能收礼不", "可以写信吗": yes or no asked of a thing in a few words. */
const SHORT_YES_NO = /^(能|会|可以|可|准|让|许|敢)(\p{Script=Han}{2,4}?)(不|吗|么|嘛|没)$/u;

/** "送电几天", "能收礼不": a few characters that ask of a thing they name, a question of its own. */
function asksOfAMatter(part: string): boolean {
  if (A_MATTER.test(part) && HOW_LONG.test(part)) return true;
  const yesNo = SHORT_YES_NO.exec(content(part));
  return yesNo !== null && !PROGRESS_ONLY.test(yesNo[2] ?? '');
}

/** Words that make a part a question or a request rather than a remark. */
const ASKS_WORDS =
  /[?？]|吗|(?<![怎什没不这那多])么|嘛|呢|不$|没$|多久|好久(?!没|都|了|不)|多少|多长|(?<![前这那过没好头])几(天|个|日|号|点|分钟|多|种|样|类|项|条|次|步|趟|回|遍)|(?<![没不])怎么(?!样都|都)|怎样|咋|点样|点解|如何|哪|(?<![没不][\u4e00-\u9fff]?)什么|啥|咩|乜|(?<!不知道(该|要|去)?)(找|问|向|跟|归|该)谁|谁(管|负责|来管)|能否|是否|可否|可不可以|可唔可以|能不能|会不会|会唔会|系唔系|使唔使|得唔得|要唔要|有没有|有没得|有冇|是不是|系咪|系唔系|算不算|要不要|行不行|得唔得|合不合|对不对|期限|时限|几耐|几日|几天|差(多少|几)|区别|一样(吗|不|么|嘛)|一不一样|(^|[:：]\s*)(can|could|is|are|do|does|did|will|would|should|any)\b|(?<!(明天|后天|今天|今晚|明早|晚上|白天|周末|平时|每天|待会|等下))我要(?!是)|我(现在|这就|马上|今天)就?要(?!是)|我想(要|申请|投诉|举报|报修|查|办)|(?<!(他|她|对方|人家|那人)(说|讲|讲过|说过)[^,，。]{0,6})帮我|麻烦|(?<![申邀])请(你们)?(帮|给|安排|派)|查|转人工|(?<verb>[\u4e00-\u9fff])不\k<verb>/;
const ASKS = new RegExp(`${ASKS_WORDS.source}|${ENGLISH_QUESTION.source}`);

/** "还有居民的": a class named after the last question, to be asked that question too. */
const TRAILING_FOLLOW_UP_CHARS = 8;
const AGAIN_BEFORE = /(还有|另外|同埋|仲有|那|and|also)[\s,，]*$/;
/** A part with fewer characters than this is read with the part before it. */
const MIN_PART_CHARS = 5;
/** "有没有批下来": a yes-no opening that names nothing, and so does not make a part long. */
const YES_NO_OPENING = /^(有没有|是不是|能不能|会不会|可不可以|行不行)/;
/** "批下来", "办好了": words of progress, which ask after the matter before them and name none. */
const PROGRESS_ONLY = /^(批|办|弄|搞|做|审|通过|好|完|成|下来|出来|结果|消息|回音|了|呢|啊|呀|吗|嘛)*$/;
/** "前者比后者多等几天", "两者差多少", "分别要几天": a part that asks more of the question before it. */
const REFERS_BACK =
  /^分别|^各(自|要|是|需要)|前者|后者|两者|二者|两个(?!问题)|两家|两边|它们|他们俩|哪个(快|慢|多|少|长|短|久)|\b(the former|the latter|both of them|the two)\b/;

/** The content of a part, without the connecting words and punctuation. */
function content(part: string): string {
  return part.replace(/[\s\p{P}\p{S}]/gu, '');
}

/** Words of a question that name no matter of their own ("…最多几天", "一般要多久"). */
const NO_MATTER =
  /客户|用户|我们|我|你们|最多|最长|最久|最快|最晚|一般|大概|通常|请问|需要|要|得|是|的|几个?工作日|几天|多少天|多少个?工作日|多久|多长时间|几多日|几耐|呢|吗|啊|呀|嘛/g;

/**
 * "供电方案答复期限，居民客户最多几天": a part that names only a class and asks how long, after a
 * part that names the matter but no class, asks that part's question of the class.
 */
function onlyNamesTheClassOf(part: string, before: string): boolean {
  const { reading } = readCustomerClass(part);
  if (!reading || readCustomerClass(before).reading) return false;
  const rest = withoutEvidence(content(part), reading);
  return rest.replace(NO_MATTER, '').length === 0;
}

/** "我老公那个小卖部": whose premises a class belongs to, naming no matter. */
const WHOSE =
  /老公|老婆|爱人|对象|爸爸?|妈妈?|爷爷|奶奶|儿子|女儿|闺女|朋友|邻居|亲戚|同事|隔壁|楼下|楼上|对门|那个|这个|那家|这家|开的|家的|那边|这边/g;

/**
 * "我家住宅方案几天 2我老公那个小卖部 低压的 要几天": a part that names only another class than the
 * part before it (and whose it is) asks that part's question again, of its class: what it names.
 */
function onlyNamesAnotherClass(part: string, before: string): string | undefined {
  const { reading } = readCustomerClass(part);
  const earlier = readCustomerClass(before).reading;
  if (!reading || !earlier || reading.customerClass === earlier.customerClass) return undefined;
  const rest = withoutEvidence(content(part), reading);
  return rest.replace(NO_MATTER, '').replace(WHOSE, '').length === 0 ? reading.evidence : undefined;
}

/** "要等多少天才有结果？谢谢您": words that ask when, of a matter the part does not name. */
const WHEN_ONLY =
  /等|才|能|会|有|出|结果|处理|时限|期限|时间|多少|谢谢您?|谢了|多谢|感谢|麻烦了|好吗|行吗|哈|哦/g;

/** A part that names no matter of its own: it asks more of the part before it. */
function namesNoMatter(part: string): boolean {
  return content(part).replace(NO_MATTER, '').replace(WHEN_ONLY, '').length === 0;
}

/** Class names and the words that set them side by side. */
const CLASS_WORDS =
  /高压|低压|双电源|单电源|双回路|单回路|非居民|居民|电力|客户|用户|专变|的|是不是|是否|跟|和|与|同|比|一样|差不多|相同|不同|区别|有区别|也|吗|呢|么|嘛|啊/g;

function onlyComparesClasses(part: string): boolean {
  return readCustomerClass(part).compared.length >= 2 && content(part).replace(CLASS_WORDS, '').length === 0;
}

/** "我想问两个事", "问你几个问题": announces the questions, asks none. */
const ANNOUNCES =
  /^(嗯|那个|就是|请问|你好|您好|\s)*(我)?(想|要)?(问|请教|咨询)(一?下)?(你们?)?(两|几|一|三)?(个)?(事|问题|事情)(啊|哈|呀|哦)?$/;

/** "…能收礼不 三个问题": the questions counted after they were asked. */
const COUNTED_AT_END =
  /[,，。\s]*(就|一共|总共)?(这|就这)?(两|三|四|几|2|3|4)(个|条)?(问题|事|事情)(啊|哈|呀|哦|吧)?[。.!！~～]*$/u;

/** "你们是不是有规定，…": a lead-in that asks whether there is a rule, naming none; what follows does. */
const LEADS_IN =
  /^(请问|那个|就是|我想问一?下|问一?下)?(你们|贵公司|供电局|供电公司|国家|上面)?(是不是|是否|有没有|是不|係咪|系咪)(有|真的有)?(个|这个|这样的?|这种|一条|一个)?(规定|说法|政策|要求|规矩)(啊|哈|呀|哦|吧|嘛)?$/;

/** Words that ask by themselves: a pause after them ends a question. */
const QUESTION_WORDS =
  /吗|呢|么|嘛|多久|多少|多长|(?<![前这那过没好头])几(天|个|日|分钟|小时|趟|次|回|步|种|样|类)|怎么|怎样|如何|咋|哪|什么|啥|咩|(?<!冇)乜(?!嘢)|点样|点解|边度|边个|几耐|几多|(找|问|向|跟|归|该)谁|谁(管|负责|来管)|(?<!(?:测|看|查|验|检查|知道|确认|问问?)(?:一下|下)?)(?<verb>\p{Script=Han})不\k<verb>|有没有|有没得|好久(?!没|都|了|不)|(会|能|可以|肯|愿意|是|要)\p{Script=Han}{0,8}不$|\b(how|what|when|where|which|who)\b/u;
/** "你们给方案要几天": a clause whose own words ask. */
export function asksByItsWords(clause: string): boolean {
  return QUESTION_WORDS.test(clause);
}

/** "…这种", "…这些", "…之类": what was listed is asked of as one. */
const LISTED_TOGETHER = /这种|这些|这类|这几|之类|这样的|等(?!待|着|了|一下)/;

/**
 * Every pause between two Chinese words, written as a space (voice transcripts, WeChat), and the
 * enumeration comma, which also lists questions ("能不能收礼、能不能给我指定施工队、能不能乱收费").
 */
const SPOKEN_PAUSES = new RegExp(`${SPOKEN_PAUSE.source}|(?<!\\d)\\s*、\\s*`, 'gu');

/**
 * "电表校验几天出结果 上门的师傅收不收红包": without punctuation, a pause after a question ends it.
 * A pause elsewhere is only a pause ("我想申请那个 电表效验"), and stays inside its clause.
 */
function withSpokenBoundaries(spoken: string): string {
  const text = withCountedPoints(spoken);
  let start = 0;
  return text.replace(SPOKEN_PAUSES, (pause, at: number) => {
    const before = text.slice(start, at);
    const lastBoundary = Math.max(...[...'?？!！。；;,，\n'].map((mark) => before.lastIndexOf(mark)));
    if (!QUESTION_WORDS.test(before.slice(lastBoundary + 1))) return pause;
    // "像报装办到哪了、电费账单这种能咨询不": things listed, then asked of together.
    const rest = /^[^?？!！。；;,，]*/u.exec(text.slice(at + pause.length))?.[0] ?? '';
    if (pause.includes('、') && LISTED_TOGETHER.test(rest)) return pause;
    // "…进度怎么样了 有没有批下来": a yes-no tail that names nothing asks the same question again.
    const after = /^[^\s?？!！。；;,，、]*/u.exec(text.slice(at + pause.length))?.[0] ?? '';
    const tail = content(after.replace(YES_NO_OPENING, ''));
    // "…多久啊 能不能照顾一下" asks a new thing (照顾) in as few words.
    // "…方案几天 送电几天": four characters that name a matter and ask of it.
    const namesAMatter =
      (YES_NO_OPENING.test(after) && tail.length >= 2 && !PROGRESS_ONLY.test(tail)) || asksOfAMatter(after);
    if ((tail.length < MIN_PART_CHARS || PROGRESS_ONLY.test(tail)) && !namesAMatter) return pause;
    start = at + pause.length;
    return '，';
  });
}

/**
 * "我想问三个事第一报装方案要多久第二验收完多久通电第三…": where a message counts its points
 * (第一 … 第二, 首先 … 其次), each count starts a part; 第二路 (a second supply) and 第三天 count nothing.
 */
const FIRST_POINT = /第一|首先|其一/;
const NEXT_POINT =
  /(?<=[^\s,，。?？!！；;])(第[二三四五]|其[二三]|其次|再次|最后)(?!路|条|回|次|天|日|年|月|个(工作)?日|个月|期|档|批|台|家|号|层|栋|名|位|部|遍|趟)/g;

/**
 * "三个问题:1 工作人员能不能收礼 2 能不能…": points numbered with a bare digit before the words
 * (or, after a space, before a number the point names: "1 95598是24小时的吗"); "1台空调" counts a
 * thing, not a point.
 */
const BARE_NUMBER =
  /(?<![\d.a-z])([1-9])(?:\s*(?=\p{Script=Han})(?![台个天度号月年日点分块元千万百路条伏层栋楼户间次遍位岁周期档份张])|\s+(?=\d{3,}\p{Script=Han}))/gu;

function withCountedPoints(text: string): string {
  const counted = FIRST_POINT.test(text) ? text.replace(NEXT_POINT, '，$1') : text;
  const numbers = [...counted.matchAll(BARE_NUMBER)].map((match) => match[1]);
  if (numbers[0] !== '1' || numbers[1] !== '2') return counted;
  return counted.replace(BARE_NUMBER, (_, digit: string) => (digit === '1' ? '' : '，'));
}

/** "如果我要投诉，多久联系我": a supposition that asks nothing itself sets up the question after it. */
const SUPPOSITION = /^(如果|假如|要是|万一|假设|假使|if\b)/;
/** The question words, and any 几 ("如果我要投诉几号能联系"). */
const ASKS_ITSELF = new RegExp(`${QUESTION_WORDS.source}|几|[?？]`, 'u');

function onlySupposes(piece: string): boolean {
  return SUPPOSITION.test(piece) && !ASKS_ITSELF.test(piece);
}

/**
 * "…送电时限多少？不是方案答复那个": a last clause that says which matter the question is NOT about
 * names words that must not steer the answer. The message without it (unchanged when there is no
 * such clause, or it disowns a customer class, which the class reading understands by itself).
 */
const DISOWNED_AT_END =
  /[,，。;；?？!！(（]\s*(?:(?:我|我们)?(?:问的|说的|要问的|想问的|想知道的)(?:不是|并非)|不是问|并非问|不问)(.{2,16}?)(?:那个|那一个|那种|那项|那条|那块|的那个|的那种|的)?(?:啊|哈|哦|呀)?\s*[)）]?[,，。!！?？~～…]*$|[,，。;；?？!！(（]\s*(?:不是|并非)(.{2,16}?)(?:那个|那一个|那种|那项|那条|那块|的那个|的那种)(?:啊|哈|哦|呀)?\s*[)）]?[,，。!！?？~～…]*$/u;

/** "…分别多少个工作日？别给我说工厂的": what the customer does not want told, a class among them. */
const NOT_TO_BE_TOLD_AT_END =
  /[,，。;；?？!！]\s*(?:别|不要|甭|唔好)(?:再)?(?:给我|跟我|和我|同我)?(?:说|讲|扯|提|答)(.{1,12}?)(?:的|那些|那套|嘅)?[。!！~～…]*$/u;

/** "但不想闹到投诉那么大": an action the customer says they do not want, said on the way. */
const NOT_WANTED_ACTION =
  /[,，]?\s*(?:但是?|可是|不过)?\s*(?:我)?(?:不想|不愿意?|不打算|没打算|不至于|犯不着)(?:闹到|搞到|弄到|上升到|走到|去|要)?(?:正式)?(?:投诉|举报)(?:那么大|那一步|的地步|那么严重|这么严重)?/u;

export function withoutDisownedTopic(normalized: string): string {
  const notWanted = NOT_WANTED_ACTION.exec(normalized);
  if (notWanted) {
    const rest = normalized.replace(notWanted[0], '，').replace(/^[，\s]+|[，\s]+$/g, '');
    if (isSubstantial(rest)) return withoutDisownedTopic(rest);
  }
  const unwanted = NOT_TO_BE_TOLD_AT_END.exec(normalized);
  if (unwanted && !/[,，。;；?？!！]/.test(unwanted[1] ?? '')) {
    const rest = normalized.slice(
      0,
      unwanted.index + (/[?？]/.test(normalized[unwanted.index] ?? '') ? 1 : 0),
    );
    if (isSubstantial(rest)) return rest;
  }
  const match = DISOWNED_AT_END.exec(normalized);
  if (!match) return normalized;
  const disowned = match[1] ?? match[2] ?? '';
  if (/[,，。;；?？!！]/.test(disowned) || readCustomerClass(disowned).reading) return normalized;
  // The question mark before the clause stays: it tells a question from a request.
  const rest = normalized.slice(0, match.index + (/[?？]/.test(normalized[match.index] ?? '') ? 1 : 0));
  return isSubstantial(rest) ? rest : normalized;
}

/** "等着装空调呢": a remark that ends in 呢, asks nothing else and follows up on nothing. */
function onlyTrailsOff(piece: string): boolean {
  if (!/呢[?？!！。~～]*$/.test(piece) || readFollowUp(piece)) return false;
  return !ASKS.test(piece.replace(/呢/g, ''));
}

/** "咋回事", "怎么搞的": dismay, not a question of its own; it goes with what follows. */
const EXCLAIMS = /^(这|这是|到底)?(咋|怎么|什么|啥|咩|点解)(回事|情况|搞的|搞|整的)(啊|呀|嘛|哦|呢|啦)?$/;

/** "找谁？", "咋办？": two characters that ask a question of their own. */
const TWO_CHARACTER_QUESTION = /^(找谁|问谁|向谁|找哪|去哪|在哪|咋办|怎办|几天|多久)$/;

/** "10 kV", "380伏": a voltage or a transformer's size. */
const VOLTAGE = /\d\s*(kv|kva|千伏|千伏安|伏|v\b)/i;

function isSubstantial(part: string): boolean {
  const letters = content(part);
  // "找谁？": two characters that ask are a question.
  if (TWO_CHARACTER_QUESTION.test(letters)) return true;
  // "Factory, 10 kV, one incoming supply": a voltage is the class's evidence, however short.
  if (VOLTAGE.test(part)) return true;
  return /\p{Script=Han}.*\p{Script=Han}.*\p{Script=Han}|[a-z]{3,}.*[a-z]{3,}/u.test(letters);
}

/**
 * The message's questions and requests, in the customer's order; a remark goes with the next
 * question (or the last one). One part when there is only one thing asked.
 */
export function splitParts(normalized: string): string[] {
  // Each piece with whether a question mark ended it ("(2) other counter business?").
  const split = withSpokenBoundaries(normalized.replace(COUNTED_AT_END, '')).split(BOUNDARY_KEPT);
  const pieces = split
    .map((piece, i) => ({
      piece,
      // "我听别人讲 工作人员可以收礼品 还有 喝了酒能上岗吗": what was heard, then "also" a question,
      // was itself put to be checked.
      asked:
        i % 2 === 0 &&
        (/[?？]/.test(split[i + 1] ?? '') || (TELLS_A_CLAIM.test(piece) && ALSO.test(split[i + 1] ?? ''))),
    }))
    .filter((_, i) => i % 2 === 0)
    .map(({ piece, asked }) => ({ piece: piece.replace(/^[\s\p{P}]+|[\s\p{P}]+$/gu, ''), asked }))
    .filter(({ piece }) => isSubstantial(piece));
  const parts: string[] = [];
  let context = '';
  for (const { piece, asked } of pieces) {
    const asks = asked || (ASKS.test(piece) && !onlySupposes(piece) && !onlyTrailsOff(piece));
    if (asks && !ANNOUNCES.test(piece) && !LEADS_IN.test(piece) && !EXCLAIMS.test(piece)) {
      // The question mark stays: it tells a question from a request further on.
      const question = asked ? `${piece}？` : piece;
      parts.push(context ? `${context}，${question}` : question);
      context = '';
    } else context = context ? `${context}，${piece}` : piece;
  }
  // "投诉后多久联系，多久回复": a fragment this short asks more of the question before it; "验表呢"
  // asks the question before it again, of something else, and stays a part of its own.
  for (let i = parts.length - 1; i > 0; i--) {
    const part = parts[i] as string;
    const short =
      (content(part).length < MIN_PART_CHARS && !asksOfAMatter(part)) ||
      REFERS_BACK.test(part) ||
      namesNoMatter(part);
    const anotherClass = onlyNamesAnotherClass(part, parts[i - 1] as string);
    if (anotherClass) parts[i] = `${anotherClass}呢`;
    else if ((short && !readFollowUp(part)) || onlyNamesTheClassOf(part, parts[i - 1] as string)) {
      parts[i - 1] = `${parts[i - 1]}，${parts[i]}`;
      parts.splice(i, 1);
    }
  }
  // "高压双电源是不是跟单电源一样，方案也是15天？": classes set side by side, naming no matter,
  // are the sides of the question after them.
  for (let i = parts.length - 2; i >= 0; i--) {
    if (!onlyComparesClasses(parts[i] as string)) continue;
    parts[i] = `${parts[i]}，${parts[i + 1]}`;
    parts.splice(i + 1, 1);
  }
  // "…几天？还有居民的": a class named after the last question asks it again about that class.
  if (context && parts.length > 0 && content(context).length <= TRAILING_FOLLOW_UP_CHARS) {
    const at = normalized.lastIndexOf(context);
    if (at > 0 && AGAIN_BEFORE.test(normalized.slice(0, at))) {
      parts.push(`${context}呢`);
      context = '';
    }
  }
  if (context) {
    if (parts.length === 0) return [normalized];
    parts[parts.length - 1] = `${parts[parts.length - 1]}，${context}`;
  }
  return parts.length > 0 ? parts : [normalized];
}

/** "那非居民呢", "如果是工厂的话呢", "what about a shop?": the same question again, about something else. */
const FOLLOW_UP =
  /^(那如果|那要是|那么|那个|那|如果|要是|换成|换做|咁)?(?:是)?(.{1,20}?)(?:的话)?(呢|嘞|咧|喃|又点|又如何|又(?:是|要|需要|得)(?:几天|多久|多少天|几个工作日|多少)|又点计)[?？。!！]*$|^(?:and|what about|how about)\s+(?:for\s+)?(.{2,40}?)\s*\??$/;
/** A follow-up without 那 / 如果 names its matter in this many characters at most ("验表", "电表校验"), or a class. */
const UNLED_FOLLOW_UP_CHARS = 4;
/** "…又是几天呃": sounds a speaker trails off with. */
const FILLER_AT_END = /[呃啊呀哦嗯哈]+[?？。!！]*$/;
/** Words that make a message a question of its own, not a follow-up. */
const OWN_QUESTION = /多久|几天|几个|多少|怎么|如何|什么|哪|吗|how long|how many|what is|when/;

/** What a short follow-up asks about instead ("非居民" of "那非居民呢"), if it is one. */
export function readFollowUp(normalized: string): string | undefined {
  const match = FOLLOW_UP.exec(normalized.trim().replace(FILLER_AT_END, ''));
  const about = (match?.[2] ?? match?.[4])?.trim();
  if (!about || OWN_QUESTION.test(about)) return undefined;
  // "验收以后送电又要几天" asks a question of its own; "双电源的又是几天" the last one about a class;
  // "…一家老小点蜡烛呢", a long remark with no 那 / 如果 before it, is no follow-up: "验表呢" is.
  const unled = match?.[1] === undefined && match?.[2] !== undefined;
  if (match?.[3]?.startsWith('又') || (unled && content(about).length > UNLED_FOLLOW_UP_CHARS)) {
    const { reading, compared } = readCustomerClass(about);
    if (!reading && compared.length === 0) return undefined;
  }
  return about;
}
