/**
 * How text is cut for matching: the words jieba must keep whole, the everyday words the homophone
 * mender leaves alone, and the stopwords. What customers *mean* (the concept words, "多久" = "几天" =
 * "how long") is data of the knowledge base's versions: knowledge/concepts.yaml, edited in the console.
 */

/**
 * Everyday words the homophone mender must leave alone: it rewrites any word it does not know into a
 * known word of the same pinyin, and 受理 is not 收礼, 好久 not 好酒, 协议 not 谢意, 回路 not 贿赂.
 * Those that carry no meaning for retrieval are stopwords as well (FILLER_WORDS).
 */
// biome-ignore format: a word list reads best several to a line
const FILLER_WORDS: readonly string[] = [
  '好久', '有点', '及时', '即使', '只是', '以为', '一件', '一句', '一位', '一场', '一间', '一味', '意味', '作为', '手里',
  '几十', '十五', '十九', '时常', '死活', '大伙', '较为', '事先', '去到', '俺', '俺们', '咱', '咱们', '不会',
];
// biome-ignore format: a word list reads best several to a line
const ORDINARY_WORDS: readonly string[] = [
  ...FILLER_WORDS, '受理', '协议', '历史', '研究', '电力', '消费', '潮湿', '电机', '点击', '反感', '制服', '炉子',
  '制定', '制订', '实现', '每人', '齐活',
];

/** Further words jieba must keep whole. */
export const DOMAIN_WORDS: readonly string[] = [
  '户号',
  '电能表校验',
  '高压双电源',
  '高压单电源',
  '双电源',
  '单电源',
  '受电工程',
  '中间检查',
  '设计审查',
  '故障报修',
  '报修',
  '工作日',
  '低压',
  '高压',
  '收费项目',
  '收费标准',
  '有价证券',
  '不正当利益',
  '一次性告知',
  '行动不便',
  '检测结果',
  '处理意见',
  '踢皮球',
  '转来转去',
  '欠费',
  '回路',
  '单回路',
  '双回路',
  ...ORDINARY_WORDS,
];

// biome-ignore format: a word list reads best several to a line
export const STOPWORDS: ReadonlySet<string> = new Set([
  ...FILLER_WORDS,
  '的', '了', '吗', '呢', '啊', '吧', '呀', '嘛', '么', '哦', '哈', '呗', '咯', '啦', '喔', '嘞', '我', '我们', '你', '你们',
  '您', '他', '她', '它', '他们', '是', '要', '请问', '请', '一下', '怎么', '怎么样', '如何', '什么', '哪些', '哪个', '有', '在',
  '会', '能', '可以', '和', '与', '及', '跟', '就', '都', '还', '也', '又', '这', '那', '这个', '那个', '个', '一', '想', '想问',
  '问', '问下', '问一下', '麻烦', '谢谢', '好', '对', '不', '没有', '没', '得', '地', '着', '过', '给', '让', '被', '把', '从',
  '到', '上', '下', '里', '中', '后', '以后', '之后', '时候', '一般', '大概', '现在', '为什么', '咋', '咋办', '干什么', '干嘛',
  '干啥', '做什么', '是什么', '什么样', '什么意思', '怎么办', '办', '啥', '嗯', '喂', '请教', '知道', '告诉', '一个', '自己',
  '家', '能不能', '供电公司', '电力公司', '公司', '供电所', '你们家', '点', '些', '来着', '不行', '行不行', '可不可以', '是不是',
  '有没有', '会不会', '能否', '是否', '那么', '这样', '这么', '那样', '一直', '然后', '但是', '而且', '还是', '或者', '因为',
  '所以', '已经', '刚才', '刚刚', '今天', '昨天', '正常', '应该', '需要', '吧', '唔该', '佢', '哋', '啲', '俾', '喺', '唔', '嚟', '咩', '嘢', '点解', '咁', '噉', '点样', '系', '嘅', '咗', '冇', '乜', '涯', '侬', '伲',
  'being', 'the', 'a', 'an', 'i', 'my', 'me', 'is', 'are', 'do', 'does', 'can', 'to', 'of', 'for', 'and', 'or', 'in', 'on', 'it',
  'what', 'how', 'when', 'which', 'will', 'be', 'you', 'your', 'there', 'this', 'that', 'with', 'at', 'have', 'has',
  'get', 'about', 'should', 'after', 'please', 'by', 'from', 'we', 'us', 'our', 'if', 'was', 'were', 'been', 'am', 'so',
  'just', 'it\'s', 's', 'who', 'would', 'could', 'there', 'any', 'some', 'they', 'them', 'their', 'than', 'then', 'into',
  'up', 'out', 'not', 'no', 'yes', 'ok', 'okay', 'hi', 'hello', 'much', 'many', 'more', 'most', 'very', 'too', 'also',
  'do', 'did', 'done', 'does', 'want', 'need', 'know', 'tell', 'give', 'like', 'one', 'two', 'its', 'still', 'really',
  'electricity', 'power', 'company', 'supply', 'utility', 'usually', 'normally', 'ever', 'supposed', 'allowed', 'expect',
  'd', 't', 'll', 've', 're', 'm', 'send', 'sent', 'until', 'had', 'got', 'gets', 'getting', 'he', 'she', 'him', 'her', 'his', 'i\'m', 'i\'d', 'i\'ve', 'i\'ll', 'don\'t', 'can\'t', 'won\'t', 'isn\'t',
  'didn\'t', 'doesn\'t', 'there\'s', 'what\'s', 'let', 'let\'s', 'anyone', 'someone', 'somebody', 'anybody', 'member',
  '一宗', '一件', '一笔', '两百块', '一百块', '五百块', '几百块', '三百块', '一千块', '两千块', '三千块', '几千块', '块钱', '收', '规定', '电都', 'took', 'take', 'show', 'shows', '系咪要', '成间', '人', 'things', 'thing', 'stuff', 'something', 'anything', 'everything', '人管', '有人管', '早就', '就是', '弄', '搞', '其实', '反正', '到底', '究竟', '明明', '老是', '总是', '根本', '里面', '发', '系咪', '有冇', '得唔得', '点算', '咁样', '好似', '而家', '边个', '乜野',
]);
