/**
 * What a customer says around the question, mostly in voice messages: calling the listener
 * ("喂喂听得见不", "小同志啊"), excusing themselves ("我没文化你别笑话", "说话慢你别嫌烦"),
 * saying who set up the phone ("是孙女帮我按的这个说话的键"), and closing ("就问这个", "麻烦你了闺女",
 * "你慢点说", "我记一下"). None of it asks or tells anything the rules could answer, and some of it
 * looks like a request ("帮我按的") or dilutes what the question is about, so the question is read
 * without it. Only words that are small talk wherever they stand are listed: who the customer is
 * ("我是村里的五保户", "我们家就老两口") can say their class, and age or poor sight ("年纪大了",
 * "眼睛不好") may be why they ask for help at the counter, so these stay.
 */

const SMALL_TALK: readonly RegExp[] = [
  // Calling and checking the line.
  /喂+(喂|嗯|啊)*(,|，|\s)*/g,
  /(能)?(听得见|听得到|听见|听到)(我说话|我)?(不|吗|没|么)(啊)?/g,
  /(我这(边|里)?)?信号不(好|太好)(啊)?/g,
  /(是|你们是)(电力公司|供电所|供电局|供电公司)吧/g,
  /(好了|可以了)?能说了是吧/g,
  // Addressing the listener.
  /(那个|哎)?(小同志|闺女|姑娘|小姑娘|妹子|小妹|同志)(啊|呀|哈)(?=[^,，。?？!！]{2})/g,
  /(我)?(跟你|给你|问你)(讲|说|问)?(个)?(事|事情)(啊|哈)?/g,
  /你(慢慢|先)?听我说(啊)?/g,
  // Excusing themselves.
  /(你)?(别|不要|莫)(笑话|见怪|嫌(我)?烦|嫌弃我|生气)(我)?(啊)?/g,
  /(我)?(没(啥|什么)?文化|识字不多|不识字|字(可能)?(打|写)错)/g,
  /(我)?(要是)?说得不对(的地方)?(你)?(别见怪|多担待|请见谅|多包涵)/g,
  /(我|俺)?(这个人)?说话(慢|啰嗦|不利索|不清楚)(啊)?/g,
  /(你)?多担待(点|着)?|你担待(点|着)?/g,
  // Who set up the phone or the voice input.
  /(是)?(我)?(的)?(孙子|孙女|儿子|女儿|闺女|儿媳妇?|老伴|家里人)(教我|帮我|给我)(用|按|弄|装|开|设置?)(的)?(这个)?(说话的键|语音|微信|手机|软件|键)?(啊)?/g,
  /(对着手机说|用语音说|是用讲的)(的)?(啊)?/g,
  // Asking for someone else ("我帮我婆婆问一下", "老板让我问问", "on behalf of my neighbour").
  /(我)?(是)?(帮|替|代)(我的?|我们的?)?\p{Script=Han}{1,4}(来)?问(一下|一问|问|的)/gu,
  /(我们|我)?(的)?\p{Script=Han}{1,4}让我(来)?问(一下|一问|问)/gu,
  /\b(on behalf of|asking for) my (elderly |old |\w+-in-law |)(\w+ )?(mum|mom|mother|dad|father|parents?|grand\w+|neighbou?r|boss|landlord|wife|husband|son|daughter|friend|colleague|aunt|uncle)s?(:|,|-|—)/g,
  /\bmy (elderly |old )?(\w+ )?(mum|mom|mother|dad|father|parents?|grand\w+|neighbou?r|boss|landlord|wife|husband|son|daughter|friend|colleague|aunt|uncle)s? asked me (to (ask|find out|check|double-check)( something)?)?(:|,|-|—)?/g,
  // Closing.
  /(嗯)?就(问|想问)(这个|这事|这个事)(了)?(啊)?|就这个事(情)?(啊)?/g,
  /(麻烦你了|谢谢(你|您)?(了)?)(啊|哈)?(闺女|姑娘|小同志|同志)?/g,
  /你(慢点|慢慢)说(啊)?((我)?年纪大了(啊)?)?/g,
  /你(给我|跟我)说说清楚(啊)?|你可得(跟我)?说实话|我(先)?记一下|我等你回话(啊)?/g,
  /说完我还得去[\p{Script=Han}]{1,4}/gu,
];

/** Chinese characters, or English words, of a question that must remain for the small talk to be left out. */
const MIN_REST = 6;
const MIN_ENGLISH_REST = 4;

/** The normalised text without the small talk around its question (unchanged where little would remain). */
export function withoutSmallTalk(normalized: string): string {
  const rest = SMALL_TALK.reduce((text, pattern) => text.replace(pattern, ' '), normalized)
    .replace(/\s+/g, ' ')
    .replace(/^[\s,，。:：;；]+/, '')
    .trim();
  const substantial =
    (rest.match(/\p{Script=Han}/gu) ?? []).length >= MIN_REST ||
    (rest.match(/[a-z]+/g) ?? []).length >= MIN_ENGLISH_REST;
  return substantial ? rest : normalized;
}
