import { describe, expect, it } from 'vitest';
import { createNormalizer } from './normalize.js';
import { createPinyinReader } from './pinyin-input.js';

describe('a message typed in pinyin', () => {
  const normalize = createNormalizer();

  it.each([
    ['gaoya shuang dianyuan fang an ji tian', '高压双电源方案几天'],
    ['cha dianfei 1000000001', '查电费 1000000001'],
    ['rengong', '人工'],
    ['抄表shuju不对', '抄表数据不对'],
    // A word begun in characters and finished in pinyin.
    ['电fei只能去营业厅交吗', '电费只能去营业厅交吗'],
    ['抄biao数据不对', '抄表数据不对'],
    ['Zhuang Biao Jie Dian Duo Jiu', '装表接电多久'],
    ['zhe ge yue dian fei zen me zhe me gui', '这个月电费怎么这么贵'],
    ['gongdian fangan ji tian dafu a', '供电方案几天答复啊'],
    // Small words between the known ones (和, 后, 个, 内, 会, 我), and a number among the syllables.
    ['gaoya dan dianyuan he shuang dianyuan fenbie ji tian', '高压单电源和双电源分别几天'],
    ['tousu hou 1 ge gongzuori nei hui lianxi wo ma', '投诉后 1 个工作日内会联系我吗'],
    // 了 typed as it is said after a verb ("le", not "liao").
    ['gang mai le fang zi', '刚买了房子'],
    // Syllables of words it does not know (出结果) stay as typed; the known words around them are read.
    ['dian biao jiao yan duo jiu chu jie guo', '电表校验多久 chu jie guo'],
  ])('reads %s as %s', (typed, read) => {
    expect(normalize(typed)).toBe(read);
  });

  it.each([
    ['English', 'how long for the supply plan', 'how long for the supply plan'],
    ['a name or a word that spells nothing known', 'my name is wang xiaoming', 'my name is wang xiaoming'],
    ['a lone one-character syllable', 'cha', 'cha'],
    ['English words that happen to be syllables', 'a man to go', 'a man to go'],
    ['English with a one-character syllable in it', 'he is my dad', 'he is my dad'],
    ['syllables that are mostly no known word', 'wang xiao ming dian fei', 'wang xiao ming dian fei'],
    ['letters in an account or case number', 'ts20261201-0003', 'ts20261201-0003'],
    ['the hotline and units', '95598 10kv', '95598 10kv'],
  ])('leaves %s alone', (_, typed, kept) => {
    expect(normalize(typed)).toBe(kept);
  });

  it('reads only the words it is given, fewest words first', () => {
    const read = createPinyinReader(['用户', '电费', '户电', '用户电费']);
    expect(read('yonghu dianfei')).toBe('用户电费');
    expect(read('yonghu')).toBe('用户');
    expect(read('shuifei')).toBe('shuifei');
  });
});
