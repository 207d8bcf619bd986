/**
 * Intent detection for everything that is not a knowledge-base question. Rules over normalised
 * (simplified, lower-case) text: a customer who wants something done ("我要投诉", "停电了",
 * "查电费") gets the flow; a customer asking how the rules work ("投诉后多久联系") gets the
 * knowledge base, which is why the question guards below come before the action patterns.
 */

import { clausesOf } from '../../knowledge/clauses.js';
import { asksForCompensation, isForeignTopic } from '../../knowledge/scope.js';
import { CHECKS_A_CLAIM, ENGLISH_QUESTION } from './reading.js';

export const INTENTS = [
  'faq',
  'bill',
  'application',
  'complaint',
  'repair',
  'meter',
  'handoff',
  'greeting',
  'rating',
  'unknown',
] as const;
export type Intent = (typeof INTENTS)[number];

/** Intents that start a flow of their own (everything but faq and unknown). */
export type ActionIntent = Exclude<Intent, 'faq' | 'unknown'>;

/** Words that make a message about electricity, whatever else it mentions. */
export const ELECTRICITY = /电|electric|power/;
/** Appliances and other things whose names merely contain 电. */
const NOT_ELECTRICITY = /电(热水器|饭煲|视机?|脑|动车|瓶车|梯|话|影|子|池|商|竞|信|台)/g;

const CANCEL = /^(取消|取消吧|cancel|退出|不办了|算了|不用了|quit|stop|exit)[!！.。\s]*$/;

/** Words a greeting, thanks or goodbye is made of; a message of nothing else is a greeting. */
const GREETING_WORDS =
  /^(你好|您好|你们好|大家好|hi|hello|hey|there|嗨|哈喽|哈啰|在吗|在不在|有人吗|有人在吗|有没有人|有冇人|有人在|喂|早上好|上午好|中午好|下午好|晚上好|早安|晚安|早|good morning|good afternoon|good evening|morning|谢谢你们|谢谢你|谢谢|多谢|感谢|辛苦了|辛苦|麻烦你了|麻烦了|麻烦|thanks|thank you|thx|再见|拜拜|掰掰|bye|goodbye|see you|好的|好|ok|okay|嗯|哦|收到|明白了|知道了|知道啦|知到了|知到|了解了|懂了|明白|好嘞|好滴|好哒|noted|got it|啦|呀|啊|呢|哈|哦|喔|了|吧|中|行|成|好吧|可以了|没问题|闺女|姑娘|小姑娘|妹子|小妹|小伙子|同志|师傅|老师|亲|美女|帅哥|小哥|you|there|all|everyone|你|您)/;

const HANDOFF =
  /(叫|让|喊|请|找)(你们)?(的)?(个|一个|一位|位)?(工作人员|客服|人|员工|专员|客服专员)(来)?(跟|和|同|给|与)我(说|讲|聊|谈|解释|打电话|回电话|对接|沟通)|安排(个|一个|一位|位)?(客服|工作人员|专员|客服专员|人工)[^,，。]{0,4}(跟|和|同|与|给)我(对接|沟通|联系|聊|谈|打电话)|(叫|让|喊|请|换)(你们)?(的)?(工作人员|客服|员工)(来)?接(一下|一哈|下|手)|转人工|(给我|帮我|麻烦)(转|接)(个|一个|一位|到)?(工作人员|客服|专员)|(别|不要|莫)(再)?(用)?(自动回复|机器人回复|机器回复)|人工客服|人工服务|找人工|要人工|有没有人工|有人工吗|有冇人工|(能|可以|可不可以)(直接)?(跟|和|同|找)(你们的?)?(工作人员|客服|真人)(直接)?(说|讲|聊|谈|沟通)|(想|要)(直接)?(跟|和|同|找)你们的?人(直接)?(说|讲|聊|谈|沟通)|(叫|换|接|来)(个)?人工|(跟|和|同|与)人工|人工(说|讲|谈|聊)|人工(接|来|回复|服务|坐席)|^(人工[\s,，!！。.]*)+$|真人|活人|(给我|帮我|跟我)找(个|一个|位)(工作人员|客服)(?![^,，。]{0,6}(修|上门|来|过来))|(?<!(的|个|那个|这个|说|问))(客服人员|接线员|坐席)(?!说(?!话)|讲(?!话)|告诉|登记|答应|回复)(?!.{0,8}(态度|客气|礼貌|凶|骂|吼|不耐烦|差|冷淡|理人|理睬|搞错|出错))|找个人|(?<!(让|叫|喊|要|说|打发)我(去|再|又)?)找客服|(talk|speak|chat) (to|with) (a |an )?(actual |real |live )?(human|person|agent|someone|people)|real person|human agent|\b(need|want) (a |an |to talk to a )?(human|real person|live person|agent|operator)\b|\bnot (a |with a )?(bot|robot|machine)\b|(connect|transfer|put) me (through )?to (a |an )?(human|person|agent|operator|representative|someone)|(机器人|机械人|\bbot\b).{0,8}(没用|帮不|帮唔|不懂|听不懂|垃圾|不行|useless)|customer service (agent|representative)|(?<!(说|讲)[:：,，\s]?)(你|你们|回答|答案|这|说的).{0,4}(没用|没有用|没帮助|没啥用)|(没用|没有用)[!！。.~\s]*$|一点用(都|也)?没有|答非所问|不是我要的|not helpful|(you are|you're|this is) useless/;
const NOT_HANDOFF = /人工费/;
/** "让你们领导接电话": asking for someone in charge is asking for a person (unless it is a complaint). */
const WANTS_MANAGER =
  /(叫|让|找|要|请|换)(你们|你哋)?(的)?(领导|负责人|主管|上级|管事的|经理|值班长|话事人)(来|出来|过来|接电话|跟我|和我|同我|说话|讲话|听电话)|^(我)?(要|想)?找(你们|你哋)?(的)?(领导|负责人|主管|上级|经理|值班长|话事人)[!！。.~\s]*$|(领导|负责人|主管|管事的|上级)(出来|过来|接电话|听电话)|(speak|talk) (to|with) (your |a )?(manager|supervisor|boss)|(get|put|give) me (your |a )?(manager|supervisor)/;

const RATING =
  /我要评价|我想评价|评价一下|评价服务|打分|评分|打.{0,2}分(?!钟|之|期)|满意度评价|服务评价|五星|几星|好评|差评|rate (you|the service|your service)|\brate (this|the) (chat|conversation|service|experience)\b|\brating\b|[1-5一二三四五两]\s*(颗|粒|个)?\s*(分|星)(?!钟|期|钱|没|不|都|也|一毫|别|开|头|成|批|摊|享|配|析|类|散)|^[1-5]$|\b([1-5]|one|two|three|four|five) (stars?|points?)\b|\b[1-5] ?(\/|out of) ?(5|five)\b|\brate (it |you |us |this )?[1-5]\b/;
/** A message that opens with a score ("1分，…", "五星！"). */
const SCORE_FIRST =
  /^[1-5一二三四五两]\s*(颗|粒|个)?\s*(分|星)(?!钟|期|之|半)|^([1-5]|one|two|three|four|five) (stars?|points?)\b/;
/** Asking about the rating devices or the survey ("有没有评价器"), not giving a score. */
const NOT_RATING =
  /(评价|打分|评分)(机|器|机器)[^。?？]{0,8}(做咩用|做什么用|干嘛用|有冇用|有没有用|有用吗)|(打个?分|评个?分|评价|打分)[^。?？]{0,8}(有啥用|有什么用|有用吗|干嘛用|干什么用|图啥|为啥|为什么)|\bis there (a way|anywhere|somewhere|a place)\b[^.?]{0,40}\b(rat(e|ing)|comments?|feedback)\b|(服务态度|服务作风|服务效能)[^。?？]{0,12}服务评价|服务评价[^。?？]{0,6}(这|那)?(几|四|一)?(块|部分|方面|章|节|条|要求|规定)|给(她|他|那个|这个|那位|这位|这个小姑娘|那个小伙子)[^,，。]{0,8}(好评|差评|点赞|点个赞)|(打个?分|评个?分|评价|写个?意见).{0,14}(有地方|有没有地方|在哪|哪里|可以弄|怎么弄)|(去|到|在)哪(里|儿)?(给|打|写|留|提)?(个)?(差评|好评|评价)|(差评|好评|评价).{0,4}(去|到|在)哪(里|儿)?|\b(rating|evaluation|feedback|satisfaction) (device|machine|terminal|pad|button|kiosk)s?\b|\b(comment|suggestion|opinion|complaints?) books?\b|\b(is there a way|how (can|do|could) (i|we|people|customers)|where (can|do|could) (i|we))\b.{0,40}\b(rate|comment|feedback|review)|自己给自己打分|(外面|外部|第三方)的?(人|机构|单位)?.{0,6}(来)?(评估|打分|评价|考核)|(为什么|为啥|干嘛|干吗)要?(做|搞|有|弄)?(服务)?(评价|打分|评分)|(根据|按照|看)(客户|大家|我们)?的?(评价|打分|评分)[^,，。]{0,6}(改进|整改|改)|评价器|意见簿|意见箱|意见本|满意度调查|回访|survey|(打分|评分|评价|留意见|提意见)的?(那个|这个|那种)?(机器|设备|按键|按钮|地方|本子|簿|东西|器|工具)|(满意不满意|满不满意|好评差评)的?(小)?(机器|按钮|按键|设备|东西)|有(没有)?(个)?(按钮|按键|评价器|机器)(不|吗|没|么)|(按键|按钮|按一下|按个)(打分|评分|评价)|(按|用|点|打)(过|了)(满意度)?(评价|打分|评分)|(本子|意见簿|意见本|意见箱).{0,8}(还有|有没有|在哪|吗)|(能|可以)(打.?分|评.?分|评价)(吗|不|么)|(分数|分|评分)[^,，。]{0,6}(是)?(谁|哪个|哪些人)(来)?(打|评)|谁(来)?(打分|评分|打的分)|打分排名|(服务|营业厅|窗口)[^,，。]{0,6}排名|(有没有|有冇|哪里|在哪|什么地方|边度|可不可以|能不能).{0,14}(打.?分|评.?分|评价|留意见|畀意见)|(打.{0,2}分|评分|评价|意见).{0,16}(有|有没有|有冇)(这种|这样的?|这类|这个)(东西|设备|机器|安排)?|(怎么|怎样|如何|咋|点样)(去|才能|可以|能)?(给|向|对|为|帮)[^,，。]{0,8}(打.?分|评.?分|评价|好评|差评)|(评价|打分|评分)[^,，。]{0,10}(怎么|如何|咋|点样)(做|搞|弄|开展|进行|管)/;

/** A question about a time limit or a rule of the standard, not a request to act. */
const ASKS_ABOUT_RULES =
  /(是|就是|不就是)为了|(有)?(什么|啥|甚么)(区别|不同|差别|不一样)|目的是|图什么|(?<accepts>收|受|接|认|管|算)(不|唔)\k<accepts>|有没有(要求|规定)|有(什么|啥)要求|多久|多长时间|几天|多少天|期限|时限|几个工作日|多少个工作日|几分钟|时间规定|有规定吗|有什么规定|合理吗|合法吗|正常吗|允许吗|允不允许|准不准许|(要不要|该不该|应不应该)(去)?(投诉|举报|反映|告)|算(不算)?(是)?(超期|超时|违规|逾期|过期)|可以(?!帮|替|给我).{0,12}吗|能.{0,6}吗$|是什么|什么是|流程|步骤|渠道|方式|途径|电话|号码|哪些|去哪|在哪|哪里|找谁|找哪|方法|办法|\bwhat (is|are)\b|response time|time limit|几多(个)?(工作)?(日|天)|工作(日|天)内|\bwhat('s|s| is) the (rule|rules|policy|standard|limit|deadline|procedure|process)\b|\b(by|via|through) (a )?(letter|fax|post|mail|e-?mail|phone|telephone|website|hotline)\b|\b(send|write|post|mail) (in )?(a |an )?(letter|fax)\b|\bin writing\b|\bif (i|we) (want|wish|need|decide|wanted|would like) to\b|^(can|could|may) (i|we) (complain|report|file|lodge)\b(?!.{0,40}\b(about|against|on)\b)|(回复|答复|处理|联系|受理|办结|回电)(的)?(时间|时效)|(怎么|如何|怎样|点样|咋|咋样)(去|来)?(投诉|举报|反映)|(向|往|找|去)(哪|谁|边个|边度)(投诉|举报|反映)|路子|门路|法子|\bhow (quickly|fast)\b|within how|会不会|会唔会|会.{0,8}吗|天内|日内|(天|日)之内|几日|几多日|几时|什么时候|啥时候|何时|几耐|多耐|回访|满意度|跟进|\bsurveys?\b|satisf|follow[ -]?up|^(do|does|will|would|is|are) (you|they|your|there|someone|somebody|anyone)\b|\bhow long\b|\bhow soon\b|\bhow many\b|\bwhen\b|\bways?\b|\bhow (do|can|should) i\b|\bwhere\b|\bwhich\b/;

const DANGER =
  /(电线|电缆|进户线|高压线|电力线).{0,6}(断|掉|落|垂|着火|冒火|冒烟|打火|耷拉)(?![^,，。]{0,2}的事)|(断|掉|落)(在)?(地|路)上|触电|被电(到|了|击)|电(到|击)(人|了)|冒烟|起火|(?<!(打|点)(不|唔))着火|冒火|火花|打火|漏电|短路|烧焦|焦味|糊味|烧糊|burning smell|电线杆.{0,6}(倒|歪|断)|耷拉|垂下来|fell down|fallen (power )?(line|wire|cable)|downed (power )?(line|wire|cable)|(line|wire|cable)s? .{0,12}(on the (road|ground|street|pavement)|blocking)|(line|wire|cable)s? (is |are )?down|electric shock|electrocut|sparks?|sparking|on fire|smoke|smoking/;
/** "家里又黑了", "屋里灯全灭了": the lights out, as a customer sees an outage. */
const LIGHTS_OUT =
  /(家里|屋里|屋头|家头|店里|楼里|屋企)(又|突然|一下子|全|都)*黑(了|咗|掉)|(灯|电灯)(全|都|一下子|突然)*(灭|熄)(了|咗|掉)/;
const OUTAGE_WORDS =
  /(全村|全楼|整栋|整幢|整个小区|整条街|小区|村里|片区|整片|这一片|这片|楼里).{0,4}(停电|没电|断电)|停电了|又停电|突然停电|老是停电|一直停电|经常停电|还没来电|没电了|没有电了|冇电|(冇|没|无)(晒|哂|咗)电|(一直|还是|到现在|整天|全部|都)(都)?(没电|停电|断电|没有电)|缺(了)?(一)?相|断相|(停电|没电|断电|冇电|停了电)(了)?.{0,4}(个)?(小时|钟头|钟|分钟|半天|一天|一晚|天)(了|啦|喇|都)|停(了|咗)(一|半|几|两|三|好几)?(整)?(个)?(天|晚|晚上|夜|小时|钟头|上午|下午|早上)(的)?电|停咗电|断电了|掉电了|跳闸|跳电|跳掣|都黑了|全黑了|黑灯瞎火|停电.{0,4}(怎么办|咋办|报修|修)|电压(不稳|低|太低|不够)|灯.{0,4}(闪|忽明忽暗)|一闪一闪|报修|故障|抢修|来修|修电|维修|派人.{0,2}(来|嚟)?(修|整|看)|(power|electricity|lights?)'?s? (just )?(has |have )?(been |is |are )?(went|gone|go|goes)? ?(out|cut|off)\b|been out|no (power|electricity)(?! (connection|supply|meter|account|hook-?up)s?\b)|\b(lost|losing|has no|have no|without) (power|electricity)\b|outage|blackout|\brepair\b|\bfault\b|on and off|off and on|keeps? (going|cutting|turning|switching) (off|out)|keeps? (cutting|dropping) out|flicker|lights (are|went|have gone) out|\b(lights?|power|electricity)\b.{0,30}\b(went|gone|go|goes|is|are) (out|off)\b/;
const OUTAGE = new RegExp(`${OUTAGE_WORDS.source}|${LIGHTS_OUT.source}`);
/** The hotline by its names (九五五九八 as spoken is 95598 once normalised). */
const HOTLINE_NAMES = '热线|95598|客服电话|报修电话';
/** "热线有人接", "95598打得通": whether the hotline answers. */
const HOTLINE_ANSWERS = `(${HOTLINE_NAMES}).{0,12}((有)?人(接|搭理|理|应|听)|打得通|能打|通不通)`;

/** Questions about an outage rather than reports of one; whether the hotline answers among them. */
/** An outage told as past ("上个月…", "才来电"), and words that say it goes on now. */
const OVER_AND_DONE =
  /\blast (week|month|year|time|summer|winter)\b|\b(weeks|months|years) ago\b|上个?月|上周|上星期|上礼拜|上次|上回|之前有次|有一回|有一次|去年|前年|前几天|前阵子|那次|事情过去|已经(修好|来电|恢复)|才来电|(修|抢修|弄|忙)到(半夜|深夜|凌晨|天亮|很晚)|每次(报|停|修)[^,，。]{0,6}(完|了|后)/;
/** "修好以后", "已经来电了": the fault was put right. */
const MENDED = /修好|修复|抢修完|来电了|恢复供电|恢复了|弄好了|搞好了/;
const STILL =
  /\b(still|now|currently|again|today|tonight)\b|现在|目前|还(是)?(没|冇|未)|仍然|一直(都)?(没|冇|不|停|断)|到现在|今天|今晚|刚才|刚刚|又(停|没|断|冇|跳)/;
const OUTAGE_RULE_QUESTION_WORDS =
  /(应急(处理|预案|机制|响应)).{0,12}(咋|怎么|如何|怎样|什么|啥)|(有啥|有什么|有何|怎么|如何)(应对|应急|措施|预案|保障)|响应快不快|(有没有|有冇|有无)(什么|啥)?(应急|预案|应对)|多快(能|会|可以)?(响应|赶到|到场|处理)|(有没有|难道没有|是不是有|有冇)(个|啥|什么)?规定|(咋|怎么|如何|怎样)(个)?规定的?|(服务)?标准(里|中|上)?.{0,16}(怎么|如何|有没有|是否|有什么)(要求|说|规定|提到)|\b(does|do) (your|the) [\w ]{0,30}(standard|rules?) (say|cover|mention)|\b(is|could|would|might) (it|this|that) (just )?(be )?(my|our|the|a) (own )?(fuse|fuse box|breaker|trip|trip switch|switch|wiring|side|end|problem|fault)\b|\b(my|our) (fuse|fuse box|breaker|trip switch|wiring) or\b|\b(steps|procedures?|process)\b|流程|步骤|手续|除了.{0,12}(还|以外|之外)|还(能|可以)(帮|做|查|问|咨询|办)(我)?(些|点)?(什么|啥|哪些|乜|咩)|\b(can|could|should) (i|we) (call|ring|phone|dial)\b|(是不是|是|系咪|系)(我家|自家|家里|屋企|我自己|我这边|我们家|内部|自己)(的|嘅)?(问题|原因|故障|线路).{0,3}还是|(是不是|是否|系咪|系唔系|会不会)(我家|自家|家里|屋企|我自己|我这边|我们家|内部|自己).{0,6}(问题|原因|故障|线路|电器)|违规|随便|随意|无故|排查|(系咪|是不是|是否|是唔是|会不会|系唔系)(因为|由于)?(我)?.{0,3}(跳闸|跳掣|跳电|掉闸|欠费|保险丝|空开|漏保)|unauthori[sz]ed|illegal|unlawful|without (any )?(prior )?(notice|warning|reason)|(with|for) no (good )?reason|dragging|with no (prior )?(notice|warning)|(what|which)\b.{0,30}\bcheck\b|first things?|是不是跳闸|怎么看|怎么判断|如何判断|怎么分|如何分|怎么区分|分清|(系咪|是不是|要不要|使唔使)要?(睇|看|查|检查)|(nobody|no one|not|n't|never) (\w+ )?(reconnect|restor|turn\w* (it |my power |the power )?back on)|after (the )?repair|先(看|睇|查|检查)(什么|哪|咩|乜)|要先(看|睇|查|检查)|自己.{0,4}(看|睇|查|检查|弄)|检查(什么|哪|咩)|(应该|应当|要)(点|怎么|如何|怎样)(做|办|处理)|(先|要|该|我)查(什么|哪)|(要|应该|该)怎么(处理|弄|做)|如何处理|what (should|do) i check|what to check|check first|打哪个电话|哪个电话|什么电话|电话是多少|号码是多少|which number|what number|修完|满不满意|满意(吗|度)|回电话|有人(来)?问|跟进|survey|无缘无故|乱(拉闸|停)|合理|合法|合规|合唔合|(没|冇|唔|不|未)(有|用)?(个|一个|一声|半点|任何)?(提前|事先|预先|事前)?(通知|预告|通告|打招呼|说一声|讲一声)|(这样|这么做|这种做法)(可以|行|合理|合规|对)(吗|不|么)|可以这样(吗|不|么)|(能|可以|可不可以).{0,12}报修(吗|不|么)|可以.{0,4}停电|停电通知|计划停电|回访|问问情况|修好(了|以后|之后)|会不会停电|明天.{0,6}停电|后天.{0,6}停电|报修电话|故障报修.{0,2}(电话|号码)|call .{0,20}back|follow[ -]?up|\b(commitment|promise|policy|standard|rules?) (for|on|about|regarding|when)\b|(有没有|有冇)(说|讲|规定|要求)(过)?(要)?|(对|遇到)(这种|这类|那种)[^,，。?？]{0,12}(情况|事|时候)[^。]{0,10}(有没有|有冇|怎么|咋|会不会)|(能|可以)(这么|这样)?拖(着)?|拖着不|\ballowed to\b|\bdelay(ing|ed)? (the )?reconnect|after .{0,30}(fixed|repaired)|\bdeadline\b/;
const OUTAGE_RULE_QUESTION = new RegExp(`${HOTLINE_ANSWERS}|${OUTAGE_RULE_QUESTION_WORDS.source}`);

const ASKS_TIME_LIMIT =
  /多久|好久(?!没|都|了|不)|(?<!前|这|那|好|头)几天|多少天|时限|期限|工作日|工作天|几个工作天|几多日|几多天|几日|日内|天内|多长时间|多长|多少时间|几耐|多耐|几时|什么时候|啥时候|何时|how quickly|turnaround|how long|how soon|how many days|\bwhen\b|\b(calendar|working|business) days?\b|\bdeadline\b/;
/** "万一有人触电…", "if a wire falls…": asking what to do, not reporting it. */
const HYPOTHETICAL =
  /万一|如果|那(种|类)(情况|事)|比如说?|比方说|譬如|有啥事情?|有什么事情?|假如|要是|担心|担忧|怕(会|哪天|有一天)|最怕|就怕|生怕|哪天|的话|嘅话|遇到|碰到|碰上|应该先|应该怎么|多远|几远|几多米|几米|多少米|距离|how far|\bif\b|\bshould i\b|\bwhat should\b/;
/** "有人触电应该点救", "插座冒火花怎么办才安全": asking for safety advice about a danger, not reporting one. */
const DANGER_ADVICE =
  /(点|怎么|如何|怎样|点样)(样)?(避|躲|绕)|避开|躲开|绕开|应该|该怎么|要怎么|怎么办|咋办|咋整|咋弄|点算|先(做|干)(什么|啥|嘛)|干啥|点救|点样|怎么处理|如何处理|才安全|安全吗|怎么.{0,4}安全|how to stay safe|is it safe|能(不能)?.{0,6}吗|可以.{0,6}吗|可不可以|用手|第一步|先做什么|做什么|怎么做|点做|怎么救|如何救|怎么抢救|how (do|can|should) (i|we) (help|save|rescue)|what (do|should|can) (i|we) do/;
/** "啥时候能修好", "几点来电": asking when the supply that is out comes back. */
const WHEN_BACK =
  /(什么|啥|几|咩|乜)(时候|时|点).{0,6}(修好|来电|有电|恢复|来修|通电)|(多久|多长时间|几耐|几点).{0,6}(修好|来电|有电|恢复(供电)?)|能(不能)?修好|修好了(没|吗|未)|\bwhen\b.{0,30}\b(fixed|back on|restored)\b/;
/** Asking for someone to come is a report, however it is worded. */
/** A fault in the customer's own supply, as they see it. */
const FAULT_AT_HOME = new RegExp(
  `${LIGHTS_OUT.source}|跳闸|跳电|跳掣|(电闸|总闸|空开|漏保).{0,6}(跳|掉)|推不上|合不上|没电|没得电|没有电|冇电|冇得电|停电|(线路|电路|电线).{0,6}(问题|故障|坏|烧)`,
);
/** "你们来校一哈嘛", "你哋过来睇下": the company asked to come and do it. */
const COME_AND_DO =
  /(你们|你哋)(快点?|赶紧|尽快)?(来|过来|嚟)(校|验|测|检查?|看|睇|修|查)(一哈|一下|下|哈|吓|一趟|看|睇)/;
/** "派个电工", "派一位师傅": someone sent. */
const SEND_SOMEONE = /派(个|一个|一位|位|几个)?(人|师傅|电工|工作人员|技术员|维修工)/;
/** "来个人看看", "叫个师傅来修": someone asked to come. */
const SOMEONE_TO_COME = new RegExp(
  `${SEND_SOMEONE.source}|(来|叫|找|喊)个(人|师傅|电工)(来)?(看|修|弄|处理)|安排(个|一个|一位)?(人|师傅|电工)(上门|过来|来)?|上门(看|修|检查|处理)|${COME_AND_DO.source}`,
);
const WANTS_SOMEONE = new RegExp(
  `${SOMEONE_TO_COME.source}|来看看|来看一下|上门看|过来看|快来|来人|来修|快点|赶紧|马上来|速来|send (someone|a technician|help)|come (quickly|now|and fix)`,
);
const CONDUCT =
  /(要|给|收|拿)(他|她|佢|我)?(一点|一些|点|些)?好处|大声(念|读|喊|说|嚷)|喝酒|喝了酒|(喝|饮).{0,2}酒|酒气|酒味|酒后|饮酒|醉|啤酒|白酒|(瓶|杯|两)(啤|白)?酒|红包|好处费|送礼|礼金|吃请|请(他|她|佢|他们|师傅)?(吃饭|食饭|吃顿|喝酒|饮酒|抽烟)|条烟|送烟|(必须|只能|非要|一定要|非得)(买|用|找)(他|她|佢|他们|他家|他们家|指定)|推销|推来推去|踢来踢去|互相推|糊弄|敷衍|说走就走|晾在一边|(把我|把人|把客户)(晾|撂|丢)(在)?一边|私人电话|(聊|闲聊|唠嗑)[^,，。]{0,6}(电视剧|家常|八卦)|(送|给|塞)[^,，。]{0,10}(两|一|几|\d)(箱|袋|盒|篮|筐|斤|条|包)(?!电|线)|收东西|送(点|些|个)?(东西|礼物|小礼物|土特产|特产|水果|锦旗)|压一压|通融一下|(他|她|员工|营业员|师傅|工作人员)(能|可以)?(这么|这样)(做|干|搞|弄)(有问题|合规|合法|对|行|可以)?(吗|不|么)|指定(的)?(厂家|单位|施工|设计|供货|品牌)|态度|推诿|踢皮球|吵架|吵起来|跟我吵|同我嗌交|(一直|上班|在)(玩|刷|看)手机|手机(一直|老是)?(在)?玩|网购|刷(短)?视频|打游戏|离岗|脱岗|串岗|不在岗位?|道歉|道个歉|赔个不是|连(个|句|声|一句|一声)(不好意思|对不起|抱歉|道歉|表示|解释|好话|软话)(都|也)(没|没有|不)|对不起|认错|赔礼|赔不是|sorry|apolog|冒充|假冒|诈骗|骗子|骗钱|drunk|booze|beer|liquor|bribe|rude|alcohol|\b(privately|under the table|kickbacks?)\b|\b(transfer|pay|give|send)\w* (the )?(money|cash) to (him|her|them)\b|泄露|泄漏|透露|外泄|外流|隐私|个人信息|商业秘密|卖给|竞争对手|\bleak|privacy|third part|\b(share|shared|sharing|sell|sold|selling|pass(ed)? on|gave|give) (out )?(my|our) (personal )?(details|data|information|info|number|phone number|address)\b/;

const COMPLAINT =
  /投诉(?!率|量)|投述|客诉|举报|检举|揭发|告发|告你们|(?<![报警宣公广预])告(他|她|你|佢)|(我|我们)?(要|想)反(映|应)|要反映(一下)?(个)?(问题|情况)|(?<!没人|没有人|也没人|没)(给|讨|要)(我)?(个)?说法|曝光你们|正式反(映|应)|(给我|帮我)立(个)?案|complain|complaint|(report|reporting) (a |the |your |this |that )?(staff|employee|worker|misconduct|bribe|technician|electrician|engineer|meter reader|clerk|repairman|installer)/;
/** The words of a complaint itself (反映 alone may report a meter problem). */
const COMPLAINT_WORDS = /投诉|投述|客诉|举报|检举|揭发|告发|complain/;
/** A demand to complain, not a question about complaining. */
const DEMANDS_COMPLAINT =
  /正式(投诉|举报|反映)|(给我|帮我)立(个)?案|(请|帮我|给我|麻烦)(你们)?(帮我)?(登记|记录|受理)(一下)?(投诉|举报)?[。.!！]?$|(登记|记录|受理|立)(一下|一个|个)(投诉|举报)|(我|我们|俺)(要|想|必须|一定要|坚决)(投诉|举报|告)|(投诉|举报|告)\s?(你们|你哋|他|她|这个|那个)|^(我要)?(投诉|举报)\s*[\s:：,，!！]|要求(投诉|处理)|i (want|need|wish) to (complain|file a complaint|report)|i'?m (going to|gonna) (complain|report)/;
/** "听说投诉一个工作日内联系 那我现在就投诉…": a complaint made now, whatever the message also asks. */
const COMPLAINS_NOW = /(我|我们|俺)(现在|这就|马上|立刻|今天)就?(要|想)?(投诉|举报)(?![了过后])/;
const COMPLAINT_STATUS =
  /(?<!(可以|能|应该|要|该|去|得))投诉(?!.{0,6}(一般|通常|正常|大概|规定|这两|两个|两样|分别|各自))[^,，。?？]{0,8}(怎么样|进展|进度|结果|处理得|到哪(?!里|儿|个(部门|单位|地方))|有结果)|(我的|上次的?).{0,2}投诉|complaint.{0,10}(status|progress)/;

/** "你们自己规定的到底几天之内要联系": what the rule says about the time, asked. */
const ASKS_WHAT_THE_RULE_SAYS =
  /(规定|标准|要求)[^。!！]{0,12}(几天|多久|多长时间|几个工作日|多少天|期限|时限)/;
/** "投诉以后多久给处理结果": how long after any complaint, not where one complaint stands. */
const ASKS_COMPLAINT_TIMES =
  /投诉([后以之完]{1,2}.{0,4}|(一般|通常|要|需要|得)?)(多久(?!了)|几天|多长|几个?工作日|多少天)/;

const METER =
  /电能表|电表|(看|记|查)表(的|员|师傅)|抄的(数|度数|读数)|表上(的|面的?)?(数字|数|读数|字|度数)|(那个|这个|这块|那块|个|块|家里的?|屋里的?|我家的?|店里的?)表(?!格|扬|示|达|演|哥|姐|弟|妹)|校表|验表|校验|抄表|读数|电量.{0,4}(不对|异常|太多|太高|翻倍)|多算|表上.{0,3}(多|走|跑|跳)|(要求|申请|请|帮我)(查|验|校|检查|检测)(一下)?(电)?表|\bmeters?\b|\breadings?\b/;
const METER_PROBLEM =
  /不认(?!得|识|字)|多算|算多|多收|检一下|检测一下|送检|拿去(检|验|测)|不承认|多走|多跑|多跳|(要求|申请)(查|验|检测)(一下)?表|(申请|要求|帮我|我要|我想)[^,，。?？]{0,6}(校表|验表|校验电表|电表校验|检测电表|电表检测|校验电能表|电能表校验)|估的数|估数|估算|没来抄|^(申请|要求|我要|我想)?(校表|验表|校验电表|电表校验|检测电表|电表检测|校验电能表|电能表校验)[!！。.\s]*$|不准|走得?(特别|很|好|太|超|超级|非常|贼|老)?(快|飞快)|跑得?(特别|很|好|太|超|超级|非常|贼|老)?(快|飞快)|转得?(特别|很|好|太|超|超级|非常|贼|老)?(快|飞快)|飞快|飞速|跳字|跳得(好|很)?快|好怪|奇怪|不正常|多了|多记|记错|看错|抄错|比实际|对不上|验下|验一验|检查一下|有问题|坏了|坏(咗|晒|哂|掉|左)|唔(郁|转|行|work)|异常|不对|错|有误|偏高|太高|虚高|申请.{0,4}校验|要?校验|差了|差很多|差好多|差(太|得|这么|那么|得太)?(多|远)|不走(字|了)|不(转|动|计量|显示)了?|停走|黑屏|没(有)?显示|核对|复核|重新(核|查|抄|算|对)|相差|差距|不符|乱跳|乱走|乱转|跳来跳去|不一样|不一致|一大截|唔准|唔啱|唔对|(一直|还|自己|仍然|照样|也)(在)?(跑|走|转)|派人来?(检测|校验|验表|看表|测)|空转|(想|要|申请|帮我|给我|安排|要求).{0,3}(验|校|检测|检定)|检测一下|测一下|校一下|验一下|dispute|disputing|contest|stopped|not working|isn'?t working|blank|\bdead\b|stuck|higher|too high|more than|actually used|实际用|doesn'?t match|not match|incorrect|challenge|wrong|fast|faulty|broken|inaccurate|test|check/;

const FEE_ESTIMATE = /\d+(\.\d+)?\s*(度|kwh|千瓦时|units?)/;
const BILL =
  /(看看|看下|看一下|查|查查|查一下|睇下)(电费|账单|用电)?(的)?(明细|详单|清单|账目)|(查|查询|查一下|看看|看下|看一下|睇下|睇吓|睇睇|睇一睇).{0,4}(电费|账单|欠费|余额|用电量|电量)|(电费|账单|欠费|余额|用电量)\s*(查询|查一下|查下)|(我|我家|我的|这个月|上个月|本月|上月|(\d+|[一二三四五六七八九十]{1,2})\s*月(份)?|今年).{0,6}(电费|账单|欠费|用电量|用了多少电|用电多少|用了多少度|用了几度|多少度电)|(这|近|最近|前)(两|三|几|半|\d)个?月.{0,6}(电费|用电量)(一共|总共|合计)?(是|有|要)?(多少|几多)|(家里|屋里|屋头|家头|店里)[^,，。]{0,8}电费(一共|总共|合计)(是|有|要)?(多少|几多)|欠费|催(费|缴|交|收)|欠不欠|欠了|还欠|欠多少|欠.{0,4}电费|余额|电费单|交了没|缴了没|截止|截至|几号(前)?(交|缴)|最后期限|my (electricity |power )?bills?\b|how much (electricity|power)? ?(did|have|do) (i|we) use|my usage|usage (in|for|this|last)|(账上|账户里?|户头|户口).{0,4}(剩|还有|仲有|仲剩)|还剩(多少|几多)|(到账|到帐|入账|扣款成功|扣上|交上|缴上)(了)?(没|没有|吗|未|冇)|(帮我|给我|帮忙|麻烦).{0,3}(看|睇|查|核|调).{0,8}(电费|账|用电(?![^,，。]{0,8}(申请|办到|办理|报装|进度|哪一步|到哪))|电量|户口|账户)|(电费|账单|用电(?![^,，。]{0,8}(申请|办到|办理|报装|进度|哪一步|到哪))|电量).{0,20}(帮我|给我|帮忙).{0,2}(看|查|核|调)|(?<!(opened|open|opening|closed|close|closing|set up|registered|created|cancel|cancelled) )my (electricity |power |energy )?(bill|charges|usage|account|statement)\b|(pull|look) up my|due date|\bowe\b|outstanding|overdue|unpaid|balance/;
const ACCOUNT_NUMBER = /(户号|账号|account)\D{0,4}\d{6,}/;
/** Asking about the satisfaction follow-up after a case (回访), not about the case itself. */
const ABOUT_FOLLOW_UP =
  /(会|有)(没有)?人(来)?问(我们|我)?[^,，。?？]{0,8}(怎么样|满不满意|好不好)|满不满意|满意度|满意吗|回访|(再|还|仲)(会)?打(电话)?(回来|返嚟|返来)(问|确认)|打返嚟问|跟(到|进到)(修好|处理完|办好)|\bfollow[- ]?up (call|visit|survey)s?\b|\bsatisf(ied|action)\b/;
/** Our staff telling others about the customer's account, or keeping it secret: a privacy question, not a look-up. */
const DISCLOSED =
  /(营业员|工作人员|柜员|窗口的人|你们的人)[^,，。?？]{0,4}(就|都|直接|随便)?(告诉|透露给|说给)(了)?(他|她|他们|别人|外人|邻居)|(邻居|别人|外人|他人|人家|同行)[^,，。?？]{0,8}(打听|问到|查到|知道了?)(我|我们|我家)|保密|(户名|电话|信息|资料|用电量|住址|地址)[^,，。?？]{0,6}给(我们|物业|别人|他们|外人)|从(供电所|供电局|营业厅|你们|供电公司|电力公司)[^,，。]{0,4}(知道|打听|听说|问到|问出|查到|得知)|随便(讲|说|透露|告诉|泄露)|机密|商业秘密|隐私|(在外面|到处|出去)(乱)?(讲|说)|(乱讲|乱说|讲出去|说出去|传出去)|(隔壁|邻居|别人)都知道|(讲|说|告诉|透露|泄露|泄漏)(给|了)?(别人|他人|外人|隔壁|邻居|同行|其他人|第三方).{0,4}(听|知道)?|(员工|营业员|工作人员|你们|柜台|窗口|营业厅)[^,，。?？]{0,6}(会|能|能不能|可以|可不可以|会不会)[^,，。?？]{0,8}(告诉|透露|讲给|说给|拿给|给|念给)(我的?)?(她|他|别人|外人|邻居|人家|第三方|其他人|房东|前妻|前夫|亲戚|朋友|同事)[^,，。?？]{0,3}(看|听|知道)?|\b(knew|knows|found out|got hold of)\b.{0,20}\b(my|our) (bill|address|usage|details|phone number)|\b(told|tell|telling|shared?|disclosed?|gave|show|showed)\b.{0,30}\b(neighbou?rs?|others|other people|strangers|anyone else|someone else|third part(y|ies))\b/;
/** "听说电费要涨价了", "电价是多少": the price itself talked about. */
const PRICE_TALK = /涨价|降价|调价|电价/;
/** "听说下个月电费要涨价了", "一度电多少钱": the tariff asked about, no account. */
const TARIFF = new RegExp(
  String.raw`${PRICE_TALK.source}|阶梯|峰谷|(每|一)度电?(多少|几)钱|\b(tariff|price per kwh|per kwh)\b`,
);
const BILL_RULE_QUESTION = new RegExp(
  String.raw`${PRICE_TALK.source}|(那些|这些|啲)?(项目|名目|栏目)(都)?(是)?(啥|什么|咩)意思|(超过|超出)(了|咗)?(你们|你哋)?(嘅|的)?(标准|规定)|(这样|这么|咁样|咁)(做|搞|拖|停)?(合适|合规|合法|允许|对)(吗|不|么)|(系咪|是不是|是否)(可以|能|准)(咁样|这样|这么)(拖|停|搞|做)|\bis (that|this|it) (allowed|legal|ok|okay|right)\b|\b(even )?allowed to (do|cut|turn)\b|\bagainst (the|your) (own )?rules\b|科学用电|安全用电|(省电|节电)(的)?(办法|方法|窍门|技巧)|收费项目|(加|增加|多收|乱收|自己定|自立)(了)?(一?项)?(收费)?(项目|名目)|(手机|网上|线上|app|微信|支付宝)(上)?(能|可以|可唔可以|可不可以|能不能|可否|得唔得)(交|缴|查)|(有没有|有呒没|有冇|有无|有木有|有没)(个|啥|什么)?(手机)?(app|应用|软件|小程序|公众号|网站|网页)|(能不能|可不可以|可以|能否|能)(在)?(网上|线上|手机上|手机|app上?|微信上?)(上)?(搞定|办理?|弄|完成|解决|操作)|(别的|其他|其它|啥|什么)(的)?(交法|缴法)|(打|拨)(什么|哪个|哪|啥|咩)(个)?(电话|号码|号)|(柜台|窗口|营业厅).{0,24}(时间规定|时间要求|有规定|有要求|规定几分钟|几分钟|多少分钟|正常吗)|\bif i (ask|asked|request|requested|want) (you )?to (test|check)\b|收费.{0,6}(依据|标准)|有没有(什么)?依据|随便定|(服务)?标准(里|中|上)?.{0,4}(有没有|有冇|是否|怎么)(说|讲|规定|提到|讲到|说到)|(度数|读数|表码|示数).{0,12}(不同|唔同|不一样|唔一样|对不上|不符|唔啱|不对|唔对)|\b(an? app|the app|website|online|mini ?program)\b|\bwho (can|could|else|will|would)\b|^who\b|(网上|线上|在线|手机上|app|小程序|公众号|网站)(上)?(能|可以|可不可以|能不能|怎么|点样|哪里)(查|交|缴)|(能|可以|可不可以|可唔可以|能不能|能唔能)(我|我们)?(在|喺)?(家里?|家中|屋企)?(网上|线上|手机上|手机度|app上)[^,，。?？]{0,12}(查|交|缴)|允许|容许|(有没有|有冇)[^,，。?？]{0,10}(电话|号码|热线)|(没电|停电|断电|冇电|跳闸).{0,8}(是不是|系咪|是否|会不会|系唔系)(因为|由于)?.{0,2}欠费|(?<!有|欠)(没|没有|不|冇|未)欠(费)?|得唔得|(这样|咁样)(可以|得|行)(吗|唔得|不)|是(不是)?真的(吗|么)|真的假的|\b(meant|supposed|required|expected) to\b|(没|冇|未|不)(有)?通知|(没|不|未|冇|唔)(给|畀)?(我|我们|我家|俺)?(复电|送电|来电|恢复供电|恢复|通电)|(有没有|有冇|有无)(网上|线上|手机|在线)|自助机|自助终端|(方式|渠道|办法|途径)[^。?？]{0,6}(有哪些|哪些|有什么|有啥)|换(个|一个|种)[^。?？]{0,4}(交|缴)(电)?费的?(方式|办法|渠道)|迟迟|拖延|不能拖|能不能拖|是不是应该|应不应该|该不该|(not|n't) (been )?(restored|reconnected|back)|still (no|not|hasn't|haven't)|几个工作日|多少天|(?<!哪)几天|\bhow (long|soon|quickly)\b|\b(payment (options?|methods?|channels?)|options|methods|channels)\b|除了|还能咨询|咨询(什么|哪些)|(符合|违反|违背|合不合)[^。?？]{0,10}(规定|标准)|有(半毛钱|什么|啥|一毛钱)关系|还有人(回|理|接|应|在|值班)|多久|几分钟|多少分钟|多长时间|合规|合理|合法|违规|凭什么|(随便|随意|无故|擅自|无端端?)(停电|拉闸|断电|停|唔送电|不送电)|有没有规定|\bpay\b|\bways?\b|\bwhy\b|为啥|为什么|怎么(交|缴|付)|哪里(交|缴)|在哪(交|缴)|缴费方式|交费方式|多少个?工作日|按(照)?规定|有(没有)?规定|规定.{0,10}(怎么|如何|咋|点样?)(说|讲|定|规定)|怎么规定|有什么规定|通知都(没有|没|冇)|(还|都)不(来)?(送电|复电|来电)|(几|哪)(种|些)(方式|渠道|办法|途径)|不去营业厅|要好久|得好久|渠道|一度|每度|多少钱一度|单价|电价|怎么算|计算|咨询服务|信息服务|提供.{0,12}(服务|查询)|\b(reply|respond|response|get back|answer)\b|\b(is|are) there (any |a )?(rules?|standards?|requirements?|polic(y|ies))\b`,
);

const APPLICATION =
  /进度|进展|(去|到)边(一)?(步|度)(?!(去|可以|能|先)?(投诉|举报|反映|交|缴|办|申请|报|问|查|找))|边个阶段|搞成点|点样了|办到|到哪了|批了没|批下来(了)?(没|吗)|批(准)?了(吗|没)|批没批|通过了(没|吗)|审(核|批)(通过)?了(没|吗)|approved yet|(?<!(n't|not) )been approved(?! by)|办到哪|到哪(一)?步|什么阶段|哪个阶段|办得怎么样|办好了没|yk\d{4,}|申请.{0,6}(状态|进展|怎么样了)|报装.{0,6}(怎么样|到哪|好了没)|装表.{0,4}(怎么样了|到哪)|application.{0,20}(status|progress|update)|(status|progress) of .{0,30}(application|connection|hookup|request)|update on .{0,40}(application|connection)|progress/;
/** An application for a supply, named. */
const AN_APPLICATION = /申请|报装|增容|新装|装表|接电(?!话)|\b(application|applied)\b/;
/** Looser wordings of "how far has my application got"; a question about a time limit is not one. */
const APPLICATION_LOOSE =
  /\bwhere('s| is) (my|our) .{0,30}application\b|(到|卡在|卡到)(了)?(哪|什么|咩)(个|一)?(环节|地步|阶段|步)|审完(了)?(没|没有|吗)|(方案|批复|审批|审核)(结果)?(出来|下来|批下来|做好)(了)?(没|没有|吗|未|冇)|(报装|申请|新装|增容|装表)[^,，。?？]{0,12}(没(有)?(消息|动静|下文)|(消息|动静|下文)都没(有)?)|\b(applied|application)\b.{0,80}\b(status|progress)\b|(报装|申请|新装|增容|装表|单子).{0,20}(状(态|况)|(有没有|有冇)人(在)?(处理|管|跟)|(怎么样|咋样|如何|点样|怎样)(了)?|审下来|批下来|有(没有)?(消息|动静))|审下来(了)?(没|吗)|\b(gone|went|go) through\b|been processed/;
const APPLICATION_RULE_QUESTION =
  /(能不能|可不可以|能否)(随时|直接)?(问|查|查询|了解)(你们|到)?[^,，。]{0,12}[?？]|(有没有|难道没有|没有|有什么|是不是有)(个)?规定|(能不能|可不可以|能否)(查|查询)(吗|么)?[?？]?$|(能|可以|可不可以|能不能)(随时|直接|也)?(问|查|查询|了解)(你们|到)?[^,，。]{0,10}(吗|不|么)$|(能|可以|可不可以|能不能|能否|可否)(向你们|跟你们|在这里?|在这)?(问|查|查询|了解)(到|得到|得)(吗|不|么)?|(能|可以)(问|查)(吗|不|么)[?？]?$|\b(steps|procedures?)\b|(网上|线上|在线|手机上|\bapp\b)(?![^,，。]{0,10}(申请|报装|办理?|提交)(了|过|的))|在哪(里)?查|哪里(可以|能)?查|怎么查|如何查|where can i (check|see|track)|(?<!走)流程|步骤|怎么申请|如何申请|需要.{0,4}(材料|资料)|多久|期限|时限|咨询服务|信息服务|提供.{0,12}(服务|查询)/;

/**
 * "停电了怎么办", "电表走得快是怎么回事", "对不上咋处理": the customer asks what it means or what to
 * do, which the knowledge base answers (and tells them how to report it).
 */
const ASKS_WHAT_TO_DO =
  /怎么办|先[^,，。?？]{1,8}还是先|怎么(半|班|伴|扮|拌)$|咋(半|伴)$|怎么搞|咋办|咋整|咋弄|咋搞|点算|点办|怎么回事|咋回事|咋个回事|什么回事|啥回事|咩事|乜事|什么情况|啥情况|咩情况|乜情况|什么原因|啥原因|咩原因|乜原因|为什么|为啥|点解|(怎么|咋|如何|怎样|点样)(去|来)?(处理|报修|申请|反映|检测|校验|验表|核实|核对)|(可以|要|应该|该|我|咁)点(样)?(去)?(反映|处理|申请|报修|检测|校验)|\bwhy\b|what (could|might|would|can) (cause|be causing|be wrong)|what causes|what('s| is) (causing|wrong)|what (should|shud|shld|shoud|do|can) (i|we) do|how (do|can|should|shud) (i|we)\b/;
/** ...unless they also ask for it to be done: "停电了怎么办，快派人来" is a report. */
const WANTS_IT_DONE = new RegExp(
  `${SOMEONE_TO_COME.source}|帮我|给我|帮忙|麻烦你们?(派|安排|来|查|看|登记)|我要|我想(申请|报修|要求)|请(你们)?(派|安排|来|帮|尽快)|快来|来人|来修|快点|赶紧|马上|速来|安排|登记|报个案|please|send|arrange|book|can you (check|test|fix|send)`,
);

/** A question's form: a question mark, a question particle, or English question words. */
const QUESTION_FORM = new RegExp(
  String.raw`(还有|有|是|叫|算)(什么|啥|哪些)|真的假的|真假|哪个(对|准|是真的)|(?<!不知道[找问去]?|随便|都行)哪(个|一个|种|样|些)(?!都行|都可以)|谁(说的)?对|干啥|干嘛|是干什么的|做什么用|啥意思|什么意思|([\d一二三四五六七八九十两几]\s*(天|日|个工作日|分钟|小时)还是)|[?？]|吗|么$|嘛|不$|没$|呢|咩$|未$|(会|能|可以|可|是|有|要|得|算)(不|唔|没|冇)(会|能|可以|以|是|有|要|得|算)|(?<asked>[\u4e00-\u9fff])(不|唔)\k<asked>|想(问|了解|咨询|请教)(一?下|问)?|有没得|是否|能否|可否|(?<!(了|咗|过|拖|好))几(天|个|日|时|耐|多)|多(久|长|少)|好久(?!没|都|了|不)|(?<![没不])怎么(?!样都|都)|如何|咋|点样|何时|什么时候|(^|[.!?,]\s*)(is|are|do|does|did|can|could|will|would|should|any)\b|${ENGLISH_QUESTION.source}`,
);
/** Asking for something to be done, not asking how it is done. */
/**
 * "帮我" said to us: not what someone else does or did for the customer ("叫营业员帮我…", "儿子想帮我
 * 交", "他说…就能帮我"), nor what we have not done ("拖咗几日都未帮我复电").
 */
const HELPS_ME =
  /(?<!(叫|让|请|求|找)(营业员|工作人员|师傅|她|他|客服|柜员|窗口的人)[^,，。]{0,2})(?<!(他|她|对方|人家|那人)(说|讲|讲过|说过)[^,，。]{0,6})(?<!就(能|会|可以)?|(未|没|没有|不|唔|冇|仲未|还没)|(不用|不必|无需|唔使|别|不要|甭)(现在|马上|先|急着|着急)?)(?<!想|(他|她|儿子|女儿|老公|老婆|朋友|邻居|同事|人家|别人|孩子|家人|亲戚|侄子|侄女|外甥|孙子|孙女|儿媳|女婿|老伴|哥哥|姐姐|弟弟|妹妹|我哥|我姐|我弟|我妹|我爸|我妈)(要|会|来|去|能|可以)?)帮我/;
const REQUEST = new RegExp(
  String.raw`${HELPS_ME.source}|(?<!(柜员|营业员|工作人员|客服|师傅|电工|抄表员|他|她|他们|她们|对方|人家|那人)(又|还|就|都|也|没)?)(?<!打)给我|帮忙|替我|(帮|替)(她|他|佢|我妈|我爸|我妈妈|我爸爸|老人家?|家里人?|我家)(看|查|睇|问)|麻烦(你们?|你哋)?(看看|查查|查一下|看一下|睇下)|(?<!(他|她|对方|人家|那人)(说|讲|讲过|说过))(可不可以|可唔可以|可以|能不能|能唔能|能否|可否|麻烦)(你们?|你哋)?(帮|幫|替)|(可不可以|可唔可以|麻烦)(你们?|你哋)?(check|查|检查|睇|看|验|校|修)(一?下|吓)|(?<!(明天|后天|今天|今晚|明早|晚上|白天|周末|平时|每天|待会|等下))我要(?!问|咨询|是|先|[^,，。?？]{0,8}的话)|我想(要|申请|报修|投诉|举报|校验|查)(?![^,，。?？]{0,8}的话)|我(现在|这就|马上|今天)就?要(?!问|咨询|是|先)|(可以|能|能不能|可不可以|能否|可否)(给我|帮我|尽快)?(安排|派)(个|一个|一位)?(人|师傅|电工|工作人员)|请(你们)?(帮|派|安排|尽快|过来|来)|(?<!(没|不|未|冇|无))要求(查|验|校|检测|检查|核实|核对|处理|上门|派|重新)|${SEND_SOMEONE.source}|快来|来人|来修|赶紧|马上|速来|${COME_AND_DO.source}|please|send (someone|a|an)|can you (check|fix|send|come|help me|look)|could you (check|fix|send|come|look)|i want to (complain|report|file)|i'?d like to (complain|report|file|apply)|\bfor me\b`,
);
/** "你们几个工作日给我答复": when something is given to the customer, asked; no request. */
const ASKED_WHEN_GIVEN =
  /(几|多久|好久|多少|什么时候|啥时候|何时|多长时间)([^,，。?？]{0,8})给我(?=(个|一个)?(答复|回复|回话|结果|联系|打电话|消息|说法|处理|交代))/g;
/** "报个修", "帮我报修": a repair asked for. */
const REPAIR_REQUEST = /(我要|我想|帮我|给我|替我|麻烦|请|要)(报修|报障)|报个修|报下修|报一下修|报个障/;

/** "如果我要投诉", "要是想报修": a request supposed, not made. */
const SUPPOSED_REQUEST =
  /(如果|假如|要是|万一|假设|假使)(我|我们)?(真)?(要|想|想要|需要|打算|去)|(我|我们)(要是|如果|假如|万一|假使)/;
/** Asking which way or where to go: "不知道该找谁", "去边度投诉", "想投诉可以点做". */
const HOW_OR_WHERE =
  /(投诉|举报|反映|报修)[^,，。]{0,12}(有哪些|有什么|有啥|哪些|哪几种|几种)(方式|渠道|途径|办法|方法|电话)|(投诉|举报|反映|报修|揭发|检举)[^。?？]{0,10}(打哪|打什么电话|打哪个电话|打啥电话|打几号)|(投诉|举报|反映)[^。?？]{0,16}(别的|其他|其它|还有什么|还有啥|还有哪些)(的)?(办法|方式|渠道|途径|号码|电话|地方)|(写信|寄信|传真|信函)(行不行|可以吗|可不可以|行吗|得唔得|得不得)|(能不能|可不可以|可唔可以|能否|可否)(写信|寄信|发传真|传真|写材料)|(寄|送|递)到哪(里|儿)?|(可以|能)(发传真|寄信|写信|传真)[^,，。]{0,8}吗|(我|那我|我们|那我们)(要|该|应该|可以|能)?(咋|怎么|怎样|如何)(去)?(投诉|举报|反映)|(投诉|举报|反映)(给|到)(谁|哪个部门|哪里|哪儿)|(什么|啥|哪些|哪个|哪种)(途径|渠道|方式|办法)(再|去|来|可以)?(反映|投诉|举报)|(投诉|举报)(的)?(热线|电话|号码)[^,，。?？]{0,3}(是)?(多少|几号|啥|什么)|(还能|还可以|能|可以|该|要)(咋|怎么|怎样|如何)(投诉|举报|反映)|(我要|我想|想要)(投诉|举报|反映).{0,12}(可以|能|能不能|可不可以|会使)(直接)?(写(封|个)?信|寄信|写批|传真|打电话|网上|上网)|(投诉|举报|反映)到哪(里|儿)?|不知道(该|要|去)?(找谁|怎么|咋|如何|去哪|在哪|向谁)|(找谁|向谁|去哪(里|儿)?|在哪(里|儿)?|边度|去边)(投诉|举报|报修|反映|申请|告)|(还有|有没有)(别的|其他|其它)(的)?(方式|办法|渠道|途径)(可以|能)?(投诉|举报|检举|反映)|(投诉|举报|检举|反映)[^。?？]{0,20}(有没有|有冇|有无)(什么|啥|别的|其他)?(电话|号码|办法|方式|渠道)|(投诉|举报|报修|反映)(要|应该|该)?(找谁|去哪|在哪|边度)|(可以|要|应该|该|我)?(点做|点样做|怎么做|如何做|咋整|咋弄)[?？]?$|\bwho (do|should) i (complain|report|talk) to\b|\bwhere (do|can|should) i (complain|report|go)\b|\bhow (do|can|should) i (complain|report|file)\b/;

/** Whether the hotline can be called, or answers, at this hour: a question about the way to report. */
const ASKS_ABOUT_THE_HOTLINE = new RegExp(
  [
    '(黑天白天|白天黑夜|白天晚上|日日夜夜|日夜)[^,，。?？]{0,4}(都)?有人|(半夜|深夜|夜里)(打|拨)(过去|电话)|(有|冇)?人接(吗|不|么|冇|听吗)|有冇人接|有没有人接|有无人接|有人接没|打得通(吗|不|么)',
    // "欲叫人来修，爱拍啥物电话": which number to call, asked (Hokkien 拍 / 啥物 for 打 / 什么).
    '(打|拍|拨)(什么|啥物|啥子|啥|哪个|哪一个|几号|几多号)(个)?(电话|号码|号)',
    // "停电了是不是打那个95598就能报修啊 几点打都行吗": whether calling is the way, asked.
    '(是不是|是否|是唔是|系唔系)(打|拨)[^,，。?？]{0,6}(95598|热线|电话)[^,，。?？]{0,4}就(能|可以|行)',
    '几点(打|拨)(都)?(行|可以|能|得)',
    // "人工客服电话是多少 记一下": the number asked, to call it later.
    '(人工|客服|热线|服务)(的)?(电话|热线|号码)(号码)?(是)?(多少|几号|几多号)',
    // "半夜能不能打电话查电费 还是只有白天才有人接": the hours someone answers, asked.
    '(白天|晚上|半夜|夜里|深夜|周末|节假日|上班时间)[^,，。?？]{0,6}才有人接|(半夜|晚上|夜里|深夜|周末|节假日)(能不能|可不可以|可唔可以|能|可以)(打电话|打过去|打)',
    // "有没有一个什么时候打都有人接的号码": a number that answers at all hours, asked.
    '(什么时候|啥时候|随时|几点|任何时候|半夜|晚上|夜里)(打|拨)?(过去)?(都|也)(有人)?(接|能打|打得通)',
    // "半夜停电了找谁", "有24小时的电话吗": whom to call, and whether someone answers at all hours.
    '(停电|没电|断电|冇电|故障|跳闸)[^,，。?？]{0,6}(找谁|找边个|打给谁|该找谁|找哪个部门|联系谁)',
    '(24|二十四)\\s*(个)?(小时|钟)[^,，。?？]{0,6}(电话|热线|客服|人接|人听)',
    '(报修|投诉)(系唔系|是不是|是否|能不能)?.{0,3}(24|二十四)\\s*(个)?(小时|钟)',
    `${HOTLINE_ANSWERS}.{0,4}(吗|不|么|冇|没有|没)`,
    `(能|可以|可不可以|能不能)(打|拨|call).{0,10}(${HOTLINE_NAMES}).{0,8}(吗|不|么|冇)?`,
    '\\bis there (a|any) (phone )?(line|number|hotline)\\b|\\b(can i|could i|is it ok to) (call|ring|phone) (the )?(hotline|95598)\\b|\\bdoes (the )?(hotline|95598) answer\\b|\\b(is there )?(anyone|someone|somebody) (i|we) (can|could) (call|ring|phone)\\b',
    '(能|可以)(打电话|打过去|打热线)(找你们)?(吗|不|么)',
    // "你们人工客服热线是几点到几点的", "人工客服晚上有人吗": the hours the people answer.
    `(人工|客服|${HOTLINE_NAMES})[^,，。?？]{0,4}(是)?(几点到几点|几点|什么时候|啥时候|晚上|半夜|夜里|周末|节假日)[^,，。?？]{0,4}(有人|上班|的|能打|打得通)`,
  ].join('|'),
);

/** "停电了能打不", "打得通吗": whether one can call (the hotline), a question about the way to report. */
const CAN_I_CALL = /(能|可以|可唔可以)(打|拨|call)(得)?(通)?(不|吗|么|唔|冇)|(打|拨)(得)?通(不|吗|么)/;

/** Whether the hotline answers, can be called, works at all hours: asked, even mid-outage. */
function asksAboutTheHotline(text: string): boolean {
  return ASKS_ABOUT_THE_HOTLINE.test(text) || CAN_I_CALL.test(text);
}

/** A problem happening now: a report, whatever question comes with it. */
const HAPPENING =
  /(都|全|晒)(冇|没有?)电|(停电|没电|断电|冇电|跳闸|跳电|跳掣|掉闸)(了|咗|啦)|(停电|没电|断电|冇电|停了电|停咗电|没有电).{0,6}(小时|钟头|分钟|半天|一天|一晚|一夜|天)|(又|还|一直|老是|经常|总是|频繁|成日)(在)?(停电|没电|断电|跳闸|闪|跳|掉电|不亮|忽明忽暗)|电压(不稳|太低|低|忽高忽低)|忽明忽暗|一闪一闪|(已经|现在|今天|昨天|刚才|刚刚|一直|还没|到现在).{0,8}(停电|没电|断电|冇电|来电|没人|不准|坏)|坏了|坏咗|冒烟|着火|火花|电线.{0,4}断|(灯|电|插座|电表|空开|闸|线路).{0,4}(不亮|坏|烧|没反应|不通|不行|冒)|(我家|家里|我们|楼里|楼道|小区|这边|村里|屋企|店里|厂里).{0,8}(停电|没电|断电|冇电|故障|跳闸)|is (out|down|off) (now|again)|went out|\b(power|electricity|lights?)\b.{0,12}\b(is|are|has|have|keeps?) (been )?(out|off|gone|down|cut)\b|\b(no|lost) (power|electricity)\b|(no|lost) power (now|since|for)|right now|since (this|last|yesterday)/;

/**
 * The action a question is about ("投诉后多久联系", "半夜能报修吗", "校验电表要多久"), for the offer
 * that follows its answer.
 */
export function actionTopic(text: string): 'complaint' | 'repair' | 'meter' | undefined {
  if (COMPLAINT.test(text)) return 'complaint';
  if (/报修|报障|抢修|故障|停电|没电|断电|fault|outage|power cut|repair/.test(text)) return 'repair';
  if (METER.test(text) && /校验|校表|验表|检测|检定|准|test|check/.test(text)) return 'meter';
  return undefined;
}

/** The customer's own account, application or premises: a look-up, not a question about the rules. */
const PERSONAL =
  /我的|我家|我屋|我们(的|家|厂|公司|店|单位)|我申请|我报|我交|我那个|俺|咱|\b(my|our|mine)\b|yk\s*\d{4,}|\d{8,}|\b(ts|bx|jy|cb|jb)\s*\d{8}/;

/**
 * "你们这能查我申请用电办到哪一步了吗", "这种信息你们能给咨询吗": whether the service offers a look-up,
 * asked; not "帮我查一下", which asks for it.
 */
const ASKS_WHETHER_OFFERED =
  /(是不是|是否|应不应该|该不该|有没有)(应该|要)?提供[^。?？]{0,30}(查询|咨询)(服务)?(吗|么|呢)?[?？]|(进度|账单|电费)(能不能|可不可以|可唔可以|能否)(查|查询)(吗|么|不)?(?=[?？,，。\s]|$)|^(?!.*(我|俺|咱|阮))[^,，。]{0,8}(进度|账单)(咋|怎么|怎样|如何|在哪|去哪|哪里|哪儿|点样)(能|可以|才能)?(查|查询|看)(啊|呀|呢)?[?？]?$|^(?!.*(我|俺|咱|阮))(能不能|可不可以|可以|能否|能)(在这里?|在这边|在网上|线上|网上)?(查|查询)[^,，。]{0,12}(账单|电费|进度)(吗|么|不)?[?？]?$|((你们|这里|这儿|这边)(这|这里|这边)?|(我|我们)?(能|可以)(向|跟|找|在)(你们|这里|这儿)(这)?)[^,，。]{0,3}(能|可以|能不能|可不可以|能否)?(给)?(查|查询|咨询|提供)[^,，。]{0,30}(吗|么|不)[?？]?$|(有没有|有冇)(专门)?(给人|帮人)?(查|查询)(这个|这种|这类)?的?(服务|地方|渠道)|(有没有|有冇|有|提供)(这个|这种|这项|这样的?|这类)(查询)?(服务|功能|业务)(吗|没有|没|么|不|冇)?[?？]?$|(提不提供|提供不提供|是否提供|有没有提供|管不管)[^,，。?？]{0,4}(这个|这种|这项|这样的?|这类|这些)?(查询|咨询)(服务|业务)?|\bdo you (offer|provide|have) (this|that|such a) (service|feature)\b|(能|可以)(让|给)我(自己|随时)?(查|看|知道)(吗|么|不)|(能不能|可不可以|能否|可以|能)(随时|随时随地)(问|查|查询|了解)(你们|到)?[^,，。]{0,12}(吗|么|不|[?？])|(你们)?(会|能)(告诉|通知)我(吗|么|不)|(可以|能)(找|向|跟)你们(问|咨询)(吗|么|不)|(你们|这里|这边)(平时|也|能|可以)?(提供|有)[^,，。?？]{0,20}(咨询|查询)(服务)?(吗|么|不)/;
/** Asking for it to be done ("帮我查下"), not only asking ("想问一下"). */
const ASKS_FOR_IT = /(?<!会)帮|替|(?<!问|了解|咨询|请教)一下|查下|看下|给我查/;
/**
 * "能不能查电费或者报修投诉什么的", "查电费交电费这种行不": two services listed as kinds of thing, asked
 * of in general; with a question, whether they are offered.
 */
const SERVICES_LISTED =
  /(查|交|缴|约|报修|投诉)[^,，。?？!！]{1,8}(查|交|缴|约|报修|投诉)[^,，。?？!！]{0,8}(这种|这些|这类|什么的|之类|啥的|等等)/;
/** "能不能帮我查进展、看账单…三样都管吗": the services listed, and whether all are offered, asked. */
const ASKS_WHETHER_ALL_OFFERED =
  /(几样|三样|两样|这些|这几样|这几个)(都|也)?管(吗|不|么)|管不管(这些|这几样)|这些(都)?(能|可以)(问|咨询)(吗|不|么)|(还能|还可以|都能|都可以)(帮我|给我|帮忙)?(查|办|做)(点|些)?(啥|什么|哪些)/;

export function asksWhetherOffered(text: string): boolean {
  return (
    ((ASKS_WHETHER_OFFERED.test(text) || (SERVICES_LISTED.test(text) && QUESTION_FORM.test(text))) &&
      !ASKS_FOR_IT.test(text)) ||
    ASKS_WHETHER_ALL_OFFERED.test(text)
  );
}

/** "他说可以帮我少算点电费，只要请他吃顿饭": staff conduct told or asked about, a question for the rules. */
/** "营业员就告诉他了": our staff told others of the customer's account (a privacy question). */
export function tellsOfDisclosure(text: string): boolean {
  return DISCLOSED.test(text);
}

export function tellsOfStaffConduct(text: string): boolean {
  return CONDUCT.test(text) || DISCLOSED.test(text);
}

/** "在哪给员工打个分": a question about the rating devices or the survey, not a score given. */
export function asksAboutRatingDevices(text: string): boolean {
  return NOT_RATING.test(text);
}

/**
 * "验收合格都8个工作日了还没送电", "供电所一直拖起不给送电": the customer has waited and it is not done.
 */
const OVERDUE =
  /[一两三四五六七八九十几半\d]+\s*(个)?(天|日|工作日|周|星期|礼拜|月)(了|多了|多)[^?？]{0,8}(还没|还不|都没|也没|还是没|仍没|没人)|(在|是不是|故意)拖|(都|已经|早就|过了|超过|拖了|等了)[^,，。?？!！]{0,8}(天|日|个工作日|工作日|周|星期|礼拜|个月|月)[^?？]{0,12}(还没|还不|仍然没|仍未|都没|也没|还是没|未)|(一直|老是|总是)?拖(着|起|了)?(不|没)(给|送|来|办|答复|回复|联系)|拖(了|上|个)?[一两三四五六七八九十几半\d]+\s*(个)?(天|日|工作日|周|星期|礼拜|月|年)|拖(这么|那么|好|很|太)久|迟迟(不|没|未)|\b(still (no|not|hasn't|haven't)|overdue|past the deadline)\b/;

export function saysItIsOverdue(text: string): boolean {
  return OVERDUE.test(text);
}

/** "超了怎么办", "泄露了我可以怎么办", "能找谁说理": what the customer can do when a rule is broken. */
const IF_BROKEN =
  /(超了|超期了?|超时了?|过期了?|没按时|不按时|违反了?|违规了?|泄露了?|泄漏了?|搞错了?|错了)[^。?？]{0,12}(怎么办|咋办|咋整|找谁|怎么算|如何处理|怎么处理|能怎样|能怎么样)|(我)(可以|能|该|应该)(怎么办|咋办|找谁)|找谁(说理|讲理|评理|讨说法)/;

export function asksWhatIfBroken(text: string): boolean {
  return IF_BROKEN.test(text);
}

/** "我想投诉…但又怕被穿小鞋": wanting to complain, held back by a worry they ask about. */
const HESITATES = /(想|要)(投诉|举报)[^。?？]{0,12}(但|可是|不过|就是)(又|也)?(怕|担心|不敢)/;

/** "我怎么投诉", "还能向谁反映", "how do I complain": the way to complain, asked. */
export function asksHowToComplain(text: string): boolean {
  return (
    (HOW_OR_WHERE.test(text) && /投诉|投述|举报|检举|揭发|反映|complain|report/.test(text)) ||
    PRESS_WHERE.test(text)
  );
}

/** "方案答复超过3个工作日没动静，我去哪里催？": where to press a late case. */
const PRESS_WHERE = /(去哪(里|儿)?|找谁|在哪(里|儿)?|向谁|怎么|咋)(催|催办|催一下|催促)/;

/** "我想投诉，打什么电话？": asking which way or where to do it, anywhere in the message. */
export function asksTheWay(text: string): boolean {
  return HOW_OR_WHERE.test(text);
}

/** Words that ask to see an account ("查一下", "看看"), even without 帮我. */
const LOOKS_UP = /(?<!(不给|不让|不肯|没给|没人|不帮))查|看看|看下|看一下|看一眼|睇/;

/**
 * A plain statement: no question, no request, no look-up asked for ("上个月电费比平时高了一倍").
 * Beside a question, a remark about one's own bill is the question's background.
 */
export function isStatement(text: string): boolean {
  return !QUESTION_FORM.test(text) && !REQUEST.test(text) && !LOOKS_UP.test(text);
}

/**
 * Asking outright for something to be done ("帮我", "给我登记", "我要投诉", "派个人来"), narrower than
 * REQUEST: "你给我讲讲", "还没给我答复", "钱马上交了" and "我想投诉…能打热线吗" ask for nothing.
 */
const OUTRIGHT = new RegExp(
  String.raw`${HELPS_ME.source}|帮忙|替我(?!(妈|爸|爷|奶|老|家|儿|女|父|母))|麻烦(你|您)|(?<!(没|没有|不|未|冇|唔))给我(?!(妈|爸|爷|奶|老|家|们|儿|女|父|母|讲|说|解释|唠|介绍|答复|回复|回话|一个说法|个说法|打电话|联系|回个电话))|我要(投诉|举报|报修|申请|查|告|反映)|我(现在|这就|马上|今天)就?要(投诉|举报|报修|申请|查|校验|检测|验表)|(可以|能|能不能|可不可以|能否|可否)(给我|帮我|尽快)?(安排|派)(个|一个|一位)?(人|师傅|电工|工作人员)|我(现在|这就|马上)?就?(要)?(投诉|举报|报修)(?!了|过|后|之后|以后|的话|会|能|要|可以|多久|一般|需要|有用)|我要求|要求你们|(^|[\s，,。!！])(报修|投诉|举报)[!！。.\s]*$|(?<!(没|不|未|冇|无))要求(查|验|校|检测|检查|核实|核对|处理|上门|派|退|赔|重新)|这(里|儿)(报修|投诉|申请|登记)|地址是|(?<![才就又已没不未刚])派(个)?(人|师傅)|快(点)?(来|派|修)|赶紧|马上(来|派|过来|修|处理)|速来|请(尽快|马上|立即|立刻)?(派|安排|处理|登记|核实|帮)|\b(please|send|i want to (file|make|lodge|report))\b`,
);

/** The last clause asks outright for something and tells no staff conduct ("…怕是诈骗 帮我查查欠费没"). */
function asksOutrightAtTheEnd(text: string): boolean {
  const last = clausesOf(text).at(-1) ?? '';
  return OUTRIGHT.test(last) && !CONDUCT.test(last);
}

export function asksAboutTheTariff(text: string): boolean {
  return TARIFF.test(text);
}

/** "手机都没电了", "电动车没电了": a device's battery run flat, no outage. */
const FLAT_BATTERY =
  /(手机|电池|电瓶|电脑|充电宝|电动车|平板|ipad|phone)(的)?(电)?(都|也|早就|快|又)?(要)?(冇|没|没有)(晒|咗)?电(了|啦)?/g;

/** Whether the message asks outright for something to be done (see OUTRIGHT). */
export function asksOutright(text: string): boolean {
  return OUTRIGHT.test(text);
}

/** "老是停电", "三天两头跳闸": a fault told as a habit of the supply, not as happening now. */
const HABITUALLY = /老是|经常|总是|动不动|三天两头|隔三差五|时不时|成日|\b(all the time|often|frequently)\b/;

/** "我们小区老是停电嘛": a fault told as how the supply tends to be, and nothing says it is out now. */
export function toldAsHabit(text: string): boolean {
  return HABITUALLY.test(text) && !STILL.test(text);
}

/** "他说交电费、查电费都得跑营业厅", "朋友说…": what someone else said, told as the story. */
const TOLD_BY_OTHERS =
  /^(他|她|他们|她们|人家|别人|朋友|邻居|同事|老板|亲戚|(我|俺)的?(爸|妈|爹|娘|老公|老婆|婆婆|公公|爷爷|奶奶|邻居|朋友|同事))(跟我|和我|对我)?(说|讲|说过|讲过|告诉我)/;

export function toldByOthers(text: string): boolean {
  return TOLD_BY_OTHERS.test(text.trim());
}

/** "帮我", "我要", "please": words that ask for something to be done. */
export function asksToAct(text: string): boolean {
  return REQUEST.test(text);
}

/** True when the message is about the customer's own account, application or premises. */
export function isPersonal(text: string): boolean {
  return PERSONAL.test(text);
}

/**
 * "现在没事 我先问清楚存起来", "不用现在帮我查": nothing is wrong now, or nothing to be done now; the
 * customer asks ahead of time.
 */
const ASKING_AHEAD =
  /现在(家里)?(没事|没问题|还好|正常|有电|好好的)|(下回|下次|以后)(我)?好知道|我?就(是)?(想)?问问(?!(你们)?(什么|啥|几|多久|怎么))|(先|提前)问(清楚|一下|问|好)|以防万一|防患于未然|存起来|备着|留着备用|万一以后|不用(现在)?(帮我|给我|替我)?(查|办|登记|处理)/;

export function asksAhead(text: string): boolean {
  return ASKING_AHEAD.test(text);
}

/**
 * A question about how a process works ("投诉了一般多久有人联系我", "可以写信举报吗", "半夜出故障也能
 * 报修吗", "is there a hotline to report a fault?"), asked in general: no request to act, no problem
 * happening now. It is answered from the standard with an offer to act, never with a form.
 */
export function asksAboutProcess(message: string): boolean {
  const text = message.replace(FLAT_BATTERY, ' ');
  // "没电了，这时候打热线有人接吗": whether the way to report works is a question, even mid-outage.
  if (asksAboutTheHotline(text)) return true;
  // "电表转得飞快…是不是坏了…申请校验多少天出结果 规定是几个工作日": the rule asked in so many words.
  if (ASKS_WHAT_THE_RULE_SAYS.test(text) && !REQUEST.test(text)) return true;
  // "我想投诉营业厅 但又怕…我的信息你们会保密吗": the worry asked about comes before any form.
  if (HESITATES.test(text) && QUESTION_FORM.test(text)) return true;
  // "…停电通知不及时很不满 要正式投诉 可以发传真或者寄信吗": the way to complain, whatever happened.
  if (HOW_OR_WHERE.test(text) && COMPLAINT_WORDS.test(text)) return true;
  if (HAPPENING.test(text) && !asksAhead(text)) return false;
  // "报修之后…仲会打返嚟问，系咪每一单都系咁": the follow-up after it, asked of them all.
  if (ABOUT_FOLLOW_UP.test(text)) return true;
  // "我想投诉但是不知道该找谁": wanting to, and asking how or where, is a question about the way.
  if (HOW_OR_WHERE.test(text)) return true;
  // "如果我要投诉，多久联系我": the request is supposed, and the question asks what would follow.
  if (SUPPOSED_REQUEST.test(text) && QUESTION_FORM.test(text)) return true;
  return QUESTION_FORM.test(text) && !REQUEST.test(text.replace(ASKED_WHEN_GIVEN, '$1'));
}

/**
 * "停电了怎么办", "是先看电闸还是先打电话": what it means or what to do is asked, and nothing is asked
 * to be done ("…啥时候给我回话" asks when the customer hears back, nothing more).
 */
export function asksWhatToDoNow(text: string): boolean {
  return ASKS_WHAT_TO_DO.test(text) && !WANTS_IT_DONE.test(text.replace(ASKED_WHEN_GIVEN, '$1'));
}

export interface DetectedIntent {
  intent: ActionIntent;
  /** A danger report: the first reply must be safety advice. */
  danger?: boolean;
  /** A request to see an existing case rather than open a new one. */
  lookup?: boolean;
  /** "用了300度电大概多少钱": an estimate, no account needed. */
  estimate?: boolean;
}

/**
 * Whether a message mentions a danger (a fallen wire, sparks, smoke, a shock), reported or asked
 * about, and not over and mended long ago: whatever else the turn does, its first reply must then
 * be the safety advice.
 */
export function mentionsDanger(text: string): boolean {
  return DANGER.test(text) && !mendedLongAgo(text);
}

/** "上个月电线被风刮断了 我报修了…修好以后…": a danger over and mended is the story. */
function mendedLongAgo(text: string): boolean {
  return toldAsPast(text) && MENDED.test(text);
}

/** "上个月…", "去年8月台风那次…": what happened is told as past, and nothing says it goes on now. */
function toldAsPast(text: string): boolean {
  return OVER_AND_DONE.test(text) && !STILL.test(text);
}

export function isCancel(normalizedText: string): boolean {
  return CANCEL.test(normalizedText);
}

/** A message made only of greetings, thanks, goodbyes and acknowledgements. */
export function isGreeting(normalizedText: string): boolean {
  let rest = normalizedText.replace(/[\s\p{P}\p{S}]/gu, '');
  if (!rest) return false;
  for (let match = GREETING_WORDS.exec(rest); match && rest; match = GREETING_WORDS.exec(rest)) {
    rest = rest.slice(match[0].length);
  }
  return rest.length === 0;
}

/** What someone other than the customer said ("我跟客服说…" is the customer's), quoted after a word of saying. */
const QUOTED_SPEECH =
  /((?<!(?:^|[^跟对和同给向])我们?)(?<!我们?(?:跟|对|和|同|给)[^,，。“"「『]{1,6})(?:说|讲|说过|讲过|告诉我|告诉我们|回复|答复|回我|称|表示)[:：,，]?\s*)[“"「『]([^”"」』]{1,80})[”"」』]/g;

/**
 * The action intent of a message, or undefined where it is a question for the knowledge base
 * (or out of scope, which retrieval decides).
 */
export function detectActionIntent(message: string): DetectedIntent | undefined {
  // "客服跟我说“投诉处理要15个工作日” 到底哪个对": what another said is the story, not a request;
  // "手机都没电了" is a phone's battery, not the supply.
  const text = message.replace(QUOTED_SPEECH, '$1“…”').replace(FLAT_BATTERY, ' ');
  if (isGreeting(text)) return { intent: 'greeting' };
  // "1分，一点用都没有": a score given first is a rating, whatever the customer adds about us.
  if (SCORE_FIRST.test(text) && !NOT_RATING.test(text)) return { intent: 'rating' };
  // "你们人工客服热线是几点到几点的": the hours of the people on the hotline, asked; no one asked for.
  const asksTheHotlineHours = asksAboutTheHotline(text) && QUESTION_FORM.test(text) && !OUTRIGHT.test(text);
  if (HANDOFF.test(text) && !NOT_HANDOFF.test(text) && !asksTheHotlineHours) return { intent: 'handoff' };
  if (WANTS_MANAGER.test(text) && !COMPLAINT.test(text)) return { intent: 'handoff' };
  // Another utility's or service's business ("宽带坏了找谁报修", "物业费怎么交"): no flow of ours.
  if (isForeignTopic(text) && !ELECTRICITY.test(text.replace(NOT_ELECTRICITY, ''))) return undefined;
  const hypothetical = HYPOTHETICAL.test(text);
  const asksAdvice = hypothetical || (DANGER_ADVICE.test(text) && !WANTS_SOMEONE.test(text));
  // "去年台风把电线吹断了，等了好久才来人…按规矩应该怎么应对": a danger over and done with is the story.
  if (mentionsDanger(text) && !asksAdvice && !toldAsPast(text)) return { intent: 'repair', danger: true };
  if (RATING.test(text) && !NOT_RATING.test(text)) return { intent: 'rating' };
  const asksAboutRules = ASKS_ABOUT_RULES.test(text);
  // "电表读数不对，我要反映一下帮我登记核实": a meter problem reported, not a complaint.
  const meterReported = !COMPLAINT_WORDS.test(text) && METER.test(text) && METER_PROBLEM.test(text);
  if (COMPLAINT.test(text) && !meterReported) {
    // "上次投诉完了你们还会不会打电话问我满不满意": the follow-up rule, not where the case stands.
    // "上次投诉的事，投诉后多久联系": how long after a complaint, asked in general, is the rule.
    // "上次投诉了半个月都没人理，你们规定几天之内要联系": the rule asked, the wait told.
    if (
      COMPLAINT_STATUS.test(text) &&
      !ABOUT_FOLLOW_UP.test(text) &&
      !ASKS_COMPLAINT_TIMES.test(text) &&
      !ASKS_WHAT_THE_RULE_SAYS.test(text)
    )
      return { intent: 'complaint', lookup: true };
    // "如果是你们的人出了错，应该主动道歉，还是得我自己去讨说法": a supposed case, asked about.
    const supposedQuestion = hypothetical && (QUESTION_FORM.test(text) || /还是|想问/.test(text));
    if (!asksAboutRules && !supposedQuestion) return { intent: 'complaint' };
    // "打了十几次电话都推来推去，我要投诉你们": a demand, whatever else it mentions.
    if ((DEMANDS_COMPLAINT.test(text) && !asksAboutProcess(text)) || COMPLAINS_NOW.test(text))
      return { intent: 'complaint' };
  }
  // Reports about staff conduct ("电工喝了酒来修电") are questions for the knowledge base, unless
  // the last clause asks outright for something else ("怕是诈骗 帮我看看我们家到底有没有欠费").
  if (CONDUCT.test(text) && !asksOutrightAtTheEnd(text)) return undefined;
  // Compensation is out of scope (the standard gives no facts, a person must look at each claim):
  // "停电把冰箱里的东西弄坏了，你们赔不赔" is unknown with the offer of a person, not a repair. An
  // outage report that only mentions the damage ("停了一整天电，冰箱里的东西都坏了") is still an
  // outage report, and a danger report got its safety advice above whatever else it asks.
  if (asksForCompensation(text)) return undefined;
  // A meter problem is a meter case even when it says "faulty" or "broken".
  // "…啥时候给我回话": when the customer will hear back is asked, nothing is asked to be done.
  const asksWhatToDo = asksWhatToDoNow(text);
  if (METER.test(text) && METER_PROBLEM.test(text) && !ASKS_TIME_LIMIT.test(text) && !asksWhatToDo)
    return { intent: 'meter' };
  // "上个月我们小区突然停电…修了一下午才来电": an outage over and done with is the story, not a report.
  const pastOutage = toldAsPast(text);
  if (
    OUTAGE.test(text) &&
    !pastOutage &&
    !OUTAGE_RULE_QUESTION.test(text) &&
    !hypothetical &&
    !asksWhatToDo &&
    !asksAboutTheHotline(text) &&
    // "邻居说周末晚上停电了没地方报修 要等周一 对吗": what another said, put to be checked.
    !(toldByOthers(text) && CHECKS_A_CLAIM.test(text))
  )
    return { intent: 'repair' };
  // "总闸推不上去，报个修": a repair asked for in so many words, and nothing asked about it.
  if (REPAIR_REQUEST.test(text) && !QUESTION_FORM.test(text) && !hypothetical) return { intent: 'repair' };
  // "电闸跳了推不上去…你们派个人来看看吧": a fault at home, and someone asked to come.
  if (FAULT_AT_HOME.test(text) && WANTS_SOMEONE.test(text) && !hypothetical && !pastOutage)
    return { intent: 'repair' };
  // "我们这边停电了，啥时候能修好": the power is out now and they want it back; a report.
  if (HAPPENING.test(text) && WHEN_BACK.test(text) && !hypothetical && !pastOutage)
    return { intent: 'repair' };
  if (FEE_ESTIMATE.test(text) && /多少钱|几多钱|几多|电费|费用|要给|要付|要交|how much|cost/.test(text))
    return { intent: 'bill', estimate: true };
  // "报装完成了后来有人打电话回访…是不是都要回访": the follow-up rule, not where the application stands.
  const aboutApplicationRules = APPLICATION_RULE_QUESTION.test(text) || ABOUT_FOLLOW_UP.test(text);
  const asksProgress =
    !aboutApplicationRules &&
    (APPLICATION.test(text) || (APPLICATION_LOOSE.test(text) && !ASKS_TIME_LIMIT.test(text)));
  // "申请加大用电量的那个事情有消息了没有 帮我看一下进度": an application named, though 用电量 is a bill's word.
  if (asksProgress && AN_APPLICATION.test(text)) return { intent: 'application' };
  if (
    BILL.test(text) &&
    !BILL_RULE_QUESTION.test(text) &&
    !DISCLOSED.test(text) &&
    !asksWhatToDo &&
    !asksAboutTheHotline(text)
  )
    return { intent: 'bill' };
  if (asksProgress) return { intent: 'application' };
  // An account number and nothing else recognisable: the customer wants their account looked at.
  if (ACCOUNT_NUMBER.test(text) && !ASKS_ABOUT_RULES.test(text)) return { intent: 'bill' };
  return undefined;
}
