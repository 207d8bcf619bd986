/**
 * How customers answer a flow's follow-up questions: cancelling, confirming, correcting, giving a
 * phone number. Each takes the normalised text (simplified, lower case, NFKC) and reads it as a
 * whole made of known words, so "对的，提交吧" confirms but "不对" never does.
 */
import { joinDigitGroups, nationalNumber } from '../../accounts/identity.js';

/** Punctuation, symbols (emoji, 👍, ～) and spacing carry no yes or no. */
function bare(text: string): string {
  return text.normalize('NFKC').replace(/[\s\p{P}\p{S}]/gu, '');
}

/** Whether `text` is made only of `words` and `filler`, with at least one of `words`. */
function madeOf(text: string, words: readonly string[], filler: readonly string[]): boolean {
  let rest = bare(text);
  if (!rest) return false;
  let meaningful = false;
  // Longest first, so 不用了 is taken before 不用 and 对的 before 对.
  const all = [...words.map((w) => [w, true] as const), ...filler.map((w) => [w, false] as const)].sort(
    (a, b) => b[0].length - a[0].length,
  );
  outer: while (rest) {
    for (const [word, counts] of all) {
      if (rest.startsWith(word)) {
        rest = rest.slice(word.length);
        meaningful ||= counts;
        continue outer;
      }
    }
    return false;
  }
  return meaningful;
}

/** Politeness and particles around an answer. */
const FILLER = [
  '吧',
  '啦',
  '了',
  '啊',
  '呀',
  '哈',
  '呢',
  '嘛',
  '喔',
  '哦',
  '的',
  '谢谢',
  '谢了',
  '多谢',
  '唔该',
  '麻烦了',
  '麻烦你',
  '请',
  '那',
  '就',
  '还是',
  '我',
  '先',
  '这样',
  '吧吧',
  'thanks',
  'thankyou',
  'please',
  'pls',
];

/**
 * Leaving a flow, in more words than the top-level 取消/cancel: "算了，不查了", "不用了谢谢",
 * "不投诉了", "never mind". Only while a flow is open (outside one, "不用了" is just a reply).
 */
const CANCEL_WORDS = [
  '取消',
  '算了',
  '算啦',
  '不用了',
  '不用',
  '不要了',
  '不需要了',
  '不需要',
  '不查了',
  '不办了',
  '不弄了',
  '不搞了',
  '不问了',
  '不投诉了',
  '不举报了',
  '不报修了',
  '不修了',
  '不评了',
  '不评价了',
  '不登记了',
  '不提交了',
  '不验了',
  '不校验了',
  '唔使了',
  '唔使',
  '唔要了',
  '退出',
  '放弃',
  '不想弄了',
  'cancel',
  'nevermind',
  'forgetit',
  'stop',
  'quit',
  'exit',
  'nothanks',
];
export function isFlowCancel(text: string): boolean {
  return madeOf(text, CANCEL_WORDS, FILLER);
}

/** Leaving a person's queue: "取消人工", "不需要人工了", "不用转人工了", "no need for a human". */
export function isStopHandoff(text: string): boolean {
  const rest = bare(text);
  return (
    /^(我)?(先)?(不用|不要|不需要|无需|唔使|唔要|取消|算了)(转|找|等)?(人工|真人|客服)(客服|服务)?(了|啦|吧)?(谢谢)?$/.test(
      rest,
    ) || /^(nohuman|noneedforahuman|cancelhuman|nohumanneeded)/.test(rest)
  );
}

const CONFIRM_WORDS = [
  '确认',
  '确定',
  '确认无误',
  '无误',
  '是',
  '是的',
  '对',
  '对的',
  '没错',
  '没问题',
  '冇问题',
  '无问题',
  '好',
  '好的',
  '好滴',
  '好嘞',
  '可以',
  '行',
  '提交',
  '嗯',
  '嗯嗯',
  '恩',
  '系',
  '係',
  '啱',
  '啱啱',
  '正确',
  '都对',
  '全对',
  'yes',
  'yep',
  'yeah',
  'y',
  'ok',
  'okay',
  'k',
  'confirm',
  'confirmed',
  'sure',
  'correct',
  'right',
  'submit',
  'go',
];
/** "确认", "好的", "对的，提交吧", "確認" (normalised), "OK 👍", "没问题", "yes please". */
export function isConfirmation(text: string): boolean {
  return madeOf(text, CONFIRM_WORDS, [...FILLER, '帮我', '给我', '就这样', '吧', 'ahead']);
}

export type CaseField = 'description' | 'address' | 'phone';

/**
 * A correction at the confirmation: "不对，改一下电话", "地址错了", "电话写错了，应该是…".
 * `field` is undefined for a bare "不对" (ask which); the result is undefined for no correction.
 */
export function correctionOf(text: string): { field?: CaseField } | undefined {
  const corrects =
    /不对|不是|不正确|错了|错误|写错|填错|打错|输错|有误|有错|改一下|修改|更改|更正|改成|改为|改下|换成|换个|换一个|重新|唔啱|唔对|^改|wrong|change|edit|incorrect|not right|\bno\b/.test(
      text,
    );
  if (!corrects) return undefined;
  if (/电话|号码|手机|联系方式|phone|number/.test(text)) return { field: 'phone' };
  if (/地址|地点|位置|门牌|楼栋|address/.test(text)) return { field: 'address' };
  if (/描述|情况|内容|问题|说明|description/.test(text)) return { field: 'description' };
  return {};
}

export type PhoneReading =
  | { phone: string }
  | { problem: 'foreign' | 'no_area_code' | 'invalid' }
  | undefined;

/**
 * A contact phone the staff can call back: a mainland mobile (11 digits, 1[3-9]…) or a landline
 * with its area code (0571-12345678: 0, 2–3 more digits, then 7–8), the forms the case store and
 * the web form accept. Typed any way: "138 0013 8000", "+86 13800138000", "１３８…",
 * "(0571) 1234 5678", "我的电话是…，谢谢". Stored as digits only. A number from outside the mainland
 * (+852, +1) or a landline without its area code is refused with the reason; undefined when the
 * message holds no number at all.
 */
export function readPhone(text: string): PhoneReading {
  const runs = joinDigitGroups(text).match(/\+?\d+/g) ?? [];
  if (runs.length === 0) return undefined;
  let problem: 'foreign' | 'no_area_code' | 'invalid' = 'invalid';
  for (const run of runs) {
    const national = nationalNumber(run);
    if (/^1[3-9]\d{9}$/.test(national) || /^0\d{2,3}\d{7,8}$/.test(national)) return { phone: national };
    if (run.startsWith('+') && !run.startsWith('+86')) problem = 'foreign';
    else if (/^(00(?!86)|852|853|886)\d{7,}$/.test(national) && national.length >= 10) problem = 'foreign';
    else if (problem === 'invalid' && /^\d{7,8}$/.test(national)) problem = 'no_area_code';
  }
  return { problem };
}
