/**
 * Regional words customers write as they speak (Wu: 阿拉, 啥辰光, 可以伐; Southwestern: 啥子, 咋个,
 * 晓得; Northern: 俺; Hokkien: 几工), in the Mandarin every rule and example is written in. Only words that mean one
 * thing are read: 好多 ("how many" in Sichuan, "a lot" elsewhere) and 伊 (a pronoun, or 伊犁) stay.
 * Cantonese needs no table: the rules read its question words (点样, 几耐, 系咪) as they are.
 */
const WORDS: readonly [RegExp, string][] = [
  // When: 啥辰光 / 啥个辰光 / 几时.
  [/(啥个|啥|什么|甚么)辰光/g, '什么时候'],
  [/几时(?!候)/g, '什么时候'],
  // What, how.
  [/啥子|啥物事|啥物|啥个/g, '什么'],
  [/咋个|咋子|啷个|哪能/g, '怎么'],
  // Who: 阿拉 (we), 侬 (you), 俺 (I), 搿个 / 格个 (this).
  [/阿拉/g, '我们'],
  [/侬/g, '你'],
  [/俺/g, '我'],
  [/搿个|搿只/g, '这个'],
  [/搿/g, '这'],
  // Hokkien: 几工 (how many days), 无准 (not accurate).
  [/几工(?![作人厂资具程])/g, '几天'],
  [/无准/g, '不准'],
  // Know, not.
  [/晓得/g, '知道'],
  [/勿/g, '不'],
  [/覅/g, '不要'],
  // "可以伐", "对伐": 伐 asks at the end of a clause, as 吗 does.
  [
    /(?<=可以|好|对|是|有|要|会|能|行|来事|灵|晓得|知道|准|肯|懂|讲|收|交|办|修|来|去|管|算|合理|合法|正常|一样)伐(?=$|[\s,，。.?？!！;；~～])/g,
    '吗',
  ],
];

/** The text with the regional words above in Mandarin. */
export function inMandarin(text: string): string {
  return WORDS.reduce((result, [pattern, mandarin]) => result.replace(pattern, mandarin), text);
}
