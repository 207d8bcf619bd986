/**
 * The domain vocabulary of power-supply customer service. Customers say the same thing in many
 * ways ("多久", "几天", "啥时候", "how soon"); retrieval matches on concepts, so every wording of a
 * concept, Chinese or English, is folded onto one canonical term before BM25 sees it.
 *
 * - Chinese variants are added to jieba's dictionary, so they are segmented whole.
 * - English variants are single lower-case words (matched after a light stemmer) or phrases of
 *   several words (matched in the text before segmentation).
 */

// biome-ignore format: a word list reads best one concept per line
export const CONCEPTS: Readonly<Record<string, readonly string[]>> = {
  时限: ['速度', '多快', '快慢', '多久', '多长时间', '长时间', '多长', '几天', '多少天', '期限', '时限', '几个工作日', '多少个工作日', '最长', '多少分钟', '几分钟', '多快', '啥时候', '什么时候', '几时', '多少时间', '要等', '等多久', '几耐', '何时', '时间规定', '多久能', '几日', '几号能', 'how long', 'how soon', 'how many days', 'how many working days', 'how many minutes', 'time limit', 'deadline', 'when will', 'maximum time', 'how quickly', 'within how', '最迟', '时长', 'how much time', 'turnaround', '多耐', '几多日', '几多天', '多少日', '几天内', '天内', '日内', '几个工作天', '要几耐', 'how fast', 'time frame', 'timeframe', 'how many business days', 'by when', 'when can i expect', 'response time', 'reply time', 'processing time', 'waiting time', 'wait time', 'when should i expect', 'when do i get', 'when can i get', 'when would', '最多要', '最多', '最长要', '几多分钟', '几多分', '几多个钟', '时间要求', '时间限制'],
  工作日: ['工作日', '工作天', 'working day', 'working days', 'business days'],
  缴费: ['交', '缴', '交费', '缴费', '缴纳', '交纳', '付费', '付款', '支付', '充值', '交钱', '缴钱', '交电费', '缴电费', '扣款', '代扣', '自动扣', '扣费', '绑卡', '银行卡', '微信支付', '支付宝', 'pay', 'paying', 'payment', 'payments', 'top up', 'direct debit', 'settle', 'paid', 'alipay', 'wechat pay', '预存', '转账', '对公转账', 'prepay', 'prepaid'],
  方式: ['方式', '渠道', '途径', '办法', '方法', '哪里', '在哪', '去哪', '哪些地方', 'way', 'ways', 'method', 'option', 'options', 'channel', 'where', '边度', '路子', '法子', '门路'],
  电能表: ['电表', '电能表', '表计', '计费电能表', '电度表', '火表', '智能表', '智能电表', '电錶', 'meter', 'meters', 'electricity meter', '计量表'],
  校验: ['校验', '校表', '验下个表', '验下表', '验一下表', '验个表', '验验表', '检测', '校准', '测试', '检定', '测一下', '送验', '验表', '检验一下', '准不准', '不太准', '走不准', '计量不准', '走得快', '走太快', '跑得快', '转得快', '走字快', '检测结果', 'accuracy', 'accurate', 'inaccurate', 'test', 'tested', 'testing', 'calibrate', 'calibration', 'running fast', '效验', '行快', '行得快', 'faulty'],
  抄表: ['抄表', '读数', '表码', '度数', '示数', '抄错', '抄表数据', '抄见', '底数', '电量异常', 'reading', 'readings', 'figure', 'meter reading', '估抄', '估读'],
  异常: ['异常', '不对', '有误', '错了', '对不上', '不一致', '偏高', '虚高', '太高', '翻倍', '多了', '不正常', 'wrong', 'incorrect', 'off', 'abnormal', 'strange', 'too high', '暴增', 'higher', 'way higher', 'much higher', 'way more', '猛增', 'doubled'],
  停电: ['无电', '無電', '突然黑了', '跳了', 'lights off', 'go off', 'went off', 'no lights', '停电', '断电', '没电', '掉电', '停了电', '黑灯', '冇电', '没有电', '灯不亮', '灯都灭了', '全黑', '停电了', 'outage', 'blackout', 'power cut', 'power is out', 'power out', 'no power', 'no electricity', 'lights go off', 'lights went out', '拉闸', 'been off', 'is off', 'was off', 'are off', 'turned off', 'power off', 'supply off', 'loses power', 'lose power', 'lost power', 'losing power', 'lost electricity', 'disconnect', 'disconnected'],
  送电: ['送电', '通电', '来电', '接电', '复电', '恢复供电', '送上电', '通上电', '有电', '供上电', 'switched on', 'switch on', 'hooked up', 'hook up', '没通', '还没通', '没通电', 'get power', 'get electricity', 'have power', 'power connected', 'electricity connected', 'reconnect', 'reconnected', 'reconnects', 'restore', 'restored', 'connected', 'connect', 'connection', 'energize', 'energise', '恢复', 'turned on', 'turn on', 'turning on', 'power on', 'turn it on', 'turn the power on'],
  装表接电: ['装表接电', '装表', '装电表', '接表', 'install the meter', 'meter installation'],
  验收: ['验收', '竣工检验', '检验合格', '验收合格', '验收通过', '检验', '竣工', '合格', 'inspection', 'inspected', 'passed inspection'],
  供电方案: ['供电方案', '方案', '用电方案', '接电方案', 'supply plan', 'power supply plan', 'plan', 'scheme', 'supply scheme'],
  答复: ['回话', '给回话', '准信', '给个准信', '信儿', '答复', '回复', '答覆', '回覆', '回应', '给答复', '说法', '给说法', '给个说法', '回音', '批下来', '出来', '核实', '处理意见', '处理结果', 'reply', 'replies', 'respond', 'response', 'answer', 'result', 'results', 'decision', 'verify', '批复', '覆', 'hear back', 'results come back', 'sort it out', 'sort out', 'sorted out', 'result comes back'],
  联系: ['联系', '联络', '打电话给', '来电话', '回电', '回电话', '打给我', '找我', 'contact', 'contacted', 'get in touch', 'call me', 'phone call', 'call back', 'calls back'],
  信函: ['写信', '信函', '传真', '来信', '寄信', '信件', '写封信', '书信', 'letter', 'letters', 'fax', 'in writing', 'by post', 'by mail'],
  投诉: ['投诉', '投訴', '告状', '申诉', '反映', '意见反映', 'complaint', 'complaints', 'complain', 'lodge', 'lodged', 'grievance', '投述', '客诉'],
  举报: ['举报', '揭发', '检举', '告发', 'report', 'whistleblow', 'misconduct', '举报信'],
  工作人员: ['工作人员', '员工', '营业员', '电工', '抄表员', '师傅', '柜员', '服务人员', '人员', '客服', '小姑娘', '职员', '检修员', '维修工', 'staff', 'employee', 'employees', 'worker', 'workers', 'technician', 'repairman', 'electrician', 'clerk', 'guy', 'agent', 'engineer', 'engineers', 'staff member', 'meter reader', 'meter man', 'installer'],
  业务: ['业务', '办业务', '办理业务', 'transaction', 'transactions', 'service request', 'errand'],
  排队: ['排队', '排长队', '排很久', '排好久', '排了好久', '排半天', '排老半天', '等半天', '等了半天', '等好久', '等了好久', '磨蹭', '慢吞吞', '拖拖拉拉', 'queue', 'queued', 'queueing', 'queuing', 'in line', 'waited'],
  窗口: ['窗口', '柜台', '营业窗口', '柜面', 'window', 'counter', 'desk', '柜位'],
  态度: ['态度', '迎声', '送声', '来有迎声', '去有送声', '打招呼', '打声招呼', '招呼', '欢迎光临', '慢走', '欢迎下次光临', '说清楚', '讲清楚', '听不清', '听不太清', '口齿不清', '声音太小', '说话含糊', '吐字不清', '没人招呼', '说再见', '说声再见', '道别', '问好', '问声好', '不耐烦', '唔耐烦', '耐烦', '凶', '翻白眼', '白眼', '吼', '骂', '爱答不理', '爱理不理', '冷淡', '甩脸色', '不礼貌', '没礼貌', '脾气', '热情', '礼貌', '普通话', '有问必答', '语气', 'rude', 'polite', 'impolite', 'attitude', 'courteous', 'friendly', 'mandarin', '摆脸色', '脸色', '臭脸', '凶巴巴', '怼', '嫌烦', '一问三不知', '方言', '客气', '大吼大叫', 'impatient', 'unfriendly', 'politely', 'greet', '阴阳怪气', '冷嘲热讽', '说话难听', '爱搭不理', '不搭理', '不理不睬', '态度差', '态度恶劣', '恶劣', '嚣张', '傲慢', '瞧不起', '看不起', '训人', '训斥', '黑着脸', '板着脸', '黑口黑面', '好凶', '很凶', '凶神恶煞', '大呼小叫', '呼呼喝喝', '呼喝', '吆喝', '发脾气', '甩脸', '不耐烦地', 'arrogant', 'condescending', 'disrespectful', 'unprofessional', 'dismissive', 'would not answer', 'wouldn\'t answer', 'refused to answer', 'did not answer', 'didn\'t answer', 'answer every question', 'answer all my questions'],
  争执: ['争执', '吵架', '争吵', '吵起来', '顶撞', '冲突', 'argue', 'argued', 'quarrel', '争论', '口角', '拌嘴', 'argument', '顶嘴', '拗', '争拗', '嗌交', '吵交', '吵嘴', '大吵', 'shouted at', 'yelled at', 'shouting'],
  道歉: ['道歉', '对不起', '赔礼', '认错', '更正', '赔不是', '不承认', '死不认错', '不认账', 'apologise', 'apologize', 'apology', 'sorry', '对唔住', '赔个不是', '赔礼道歉', '说声对不起', '说句对不起', '认个错'],
  过失: ['过失', '搞错', '弄错', '出错', '错误', '失误', 'mistake', 'error', 'fault of yours', '差错', '做错', '做错了', '搞错了', '弄错了', '算错', '算错了', '办错'],
  故障: ['故障', 'fault', 'faults', 'breakdown'],
  报修: ['叫人来修', '报修', '抢修', 'repair', 'repairs', 'repaired', 'fixed', 'report a fault'],
  95598: ['95598', '报修电话', '客服电话', '热线', '服务热线', '客服热线', '热线电话', '服务电话', 'hotline', 'service line', 'what number', 'which number', 'number to call', 'number do i call', '打什么电话', '打哪个电话', '打电话问', '电话咨询', '打电话咨询'],
  电话: ['电话', '号码', '电话号码', '几号', 'phone', 'telephone', 'number', 'call'],
  全天: ['24小时', '半夜', '晚上', '夜里', '凌晨', '全天', '深夜', '夜间', '节假日', '周末', 'night', 'midnight', '24/7', '24 hours', 'weekend', 'weekends', 'any time', 'anytime', '全天候', '周六', '周日', '星期六', '星期天', '星期日', 'saturday', 'sunday', 'holiday', 'holidays', '礼拜天', '礼拜六', '礼拜日', '星期六日', 'around the clock', 'round the clock', 'day and night', 'all night', 'overnight', 'after hours', 'late at night', 'at night'],
  收费: ['收费', '收钱', '乱收费', '费用', '收了', '要钱', '材料费', '收取', '多收', '加收', '额外', '费', 'charge', 'charges', 'charged', 'fee', 'fees', 'cost', 'extra money', '押金', '出钱', 'extra', 'cash', 'surcharge', 'overcharge', 'overcharged', 'extra charge'],
  批准: ['批', '批准', '审批', '核准', '物价', '政府', '定价', '标准', 'approve', 'approved', 'government', 'authorised', 'authorized', '物价局'],
  合法: ['合法', '合理', '正当', '依据', '正规', '合规', 'legal', 'legitimate', 'lawful', '啱唔啱', '合适'],
  施工单位: ['变压器', '设备', '电缆', '材料商', '开关柜', 'equipment', 'transformer', '施工单位', '施工队', '装修队', '施工方', '电工队', '设计单位', '供货单位', '供货商', '厂家', '设计院', '承包商', 'contractor', 'contractors', 'firm', 'supplier', 'wiring company', 'design institute', '判头', '箱变', '配电设备', 'meter box'],
  指定: ['非要我买', '买他们说的', '不买不给办', '买他们指定', '指定的那家', '指定', '推荐', '介绍', '选定', '替我选', '帮我选', '给我选', '替我定', '指派', '必须用', '只能用', '强制', '非得', '自主', '自己选', '自己找', '自行选择', 'designate', 'designated', 'appoint', 'must use', 'have to use', 'choose', 'my own', 'hire', 'any', 'must buy', 'have to buy', 'buy it from', 'buy from', 'they named', 'told me to use', 'forced me to use'],
  个人信息: ['个人信息', '隐私', '身份证', '手机号', '信息安全', '个人资料', '商业秘密', '用电数据', 'privacy', 'personal data', 'personal information', 'data', '个资', '用电记录', 'confidential'],
  泄露: ['外流', '给别人', '讲给别人', '说给别人', '告诉别人', '讲给隔壁', '讲给邻居', '说出去', '传出去', '给同行', '被人知道', '卖信息', '泄露', '泄漏', '外泄', '卖给', '出卖', '透露', '流出', '推销电话', 'leak', 'leaked', 'sell', 'sold', 'share my', '骚扰电话', '第三方', 'third party', 'third parties'],
  饮酒: ['吃老酒', '老酒', '吃酒', '喝', '喝两杯', '喝点酒', '酒驾', '饮酒', '喝酒', '喝了酒', '酒气', '酒味', '醉', '喝醉', '酒后', '酒后上岗', '一身酒气', 'drunk', 'beer', 'alcohol', 'drinking', 'drink', '酒', '醉酒', '饮醉', '醉醺醺', '啤酒', '喝多', '禁酒', '饮咗酒'],
  礼品: ['礼品', '礼物', '礼', '红包', '送礼', '礼金', '购物卡', '烟', '吃请', '请吃饭', '吃饭', '有价证券', '感谢费', '辛苦费', 'gift', 'gifts', 'tip', 'present', 'red envelope', 'red packet', 'red packets', 'red pocket', 'hongbao', 'lai see', 'lucky money', 'treat them', '利是', '利市', '土特产', '意思意思', '收礼', '请客', 'dinner', '月饼', '粽子', '水果', '茶叶', '心意', '谢意', '表示感谢', '小费', '小意思', '加油卡', '超市卡', '红酒', '两瓶酒', '饮茶', '塞', '塞钱', 'meal', 'meals', 'lunch', 'buy him', 'buy them', '请饮茶', '请喝茶', '一瓶酒', '送酒', '拿酒', '烟酒', '好酒', '逢年过节', '过节费', 'mooncake', 'mooncakes', 'cigarettes', 'tipping', 'small gift', 'thank-you gift'],
  不正当利益: ['不正当利益', '好处费', '吃拿卡要', '以权谋私', '谋私', '捞好处', '揽活', '插队', '走后门', '好处', '回扣', '要钱才办', 'bribe', 'bribes', 'kickback', 'favour', 'abuse of position', 'use their position', 'use his position', 'use her position', 'personal benefit', 'personal benefits', 'personal gain', 'for personal gain', 'benefit from customers', 'benefits from customers', '捞油水', '贿赂', '受贿', '索贿', '收受贿赂', '吃回扣', 'under the table', 'personal gain', '开绿灯', '走关系', '托关系', '找关系', '打点', '私活', '接私活', '外快', '赚外快', '中饱私囊', '冒充', '假冒', '诈骗', '骗子', '骗钱', '少交电费', '少算电费', '少算电量', '职权', '利用职权', '利用职务', '职务之便', '图利', '谋利', 'on the side', 'side job', 'make money', 'corrupt', 'corruption', 'jump the queue', 'skip the queue', 'get it done faster', 'speed it up', 'speed things up', 'fast-track', 'fast track'],
  离岗: ['上班时间玩', '睇剧', '走开', '走开咗', '唔喺度', '行开', '离开座位', '离开位置', '离开岗位', '刷短视频', '刷视频', '看视频', '追剧', '不理人', '干私事', '磨洋工', 'scrolling', 'phone calls', '离岗', '擅自离岗', '不在岗', '脱岗', '窗口没人', '没人', '玩手机', '刷抖音', '刷手机', '聊天', '私人电话', '打游戏', '睡觉', '不在位置', 'absent', 'chatting', 'on their phone', 'on her phone', 'on his phone', 'texting', 'nobody at', 'ignore', 'ignored', 'ignoring', '暂停服务', '滑手机', '冇人', '看视频', '打瞌睡', '网购', '吃零食', '吃早餐', '吃早饭', '吃东西', '化妆', '织毛衣', '嗑瓜子', '追剧', 'unattended', 'playing games', 'nobody was at', 'no one was at', 'no one at', 'nobody there', 'no one there', 'empty counter', 'counter was empty', 'window was empty'],
  行动不便: ['行动不便', '残疾', '残疾人', '轮椅', '腿脚不便', '腿脚不方便', '老人', '孕妇', '盲人', '拄拐', 'disabled', 'disability', 'wheelchair', 'elderly', 'mobility', '老年人', '老人家', '长者', '残障', '聋哑', '聋哑人', '无障碍', '拐杖', 'blind', 'senior', 'seniors', 'handicapped', 'pregnant'],
  监督: ['监督', '监察', '盯着', '盯住', '看着你们', '社会监督', '群众监督', '行风', 'oversight', 'watchdog', 'watch over', 'monitor', 'monitoring', 'supervise', 'supervision'],
  意见: ['意见', '建议', '意见簿', '留言本', '意见本', '评价器', '差评', '好评', '给差评', '打差评', '留言', '行风监督员', '监督员', 'feedback', 'suggestion', 'suggestions', 'opinion', 'comment', '意见箱', '留言板', 'supervisor', 'supervisors', '打分', '打个分', '评个分', 'rate the staff', 'rate the counter', 'rate your staff', 'rate the service', 'rate your service', 'rate the clerk'],
  回访: ['问问满意', '回个电话问', 'check back', 'check in', '回访', '跟踪', '跟进', '满意度', '满意度调查', '问问情况', '回头问', 'follow up', 'follow-up', 'call back later', 'survey', 'satisfaction', 'satisfied', '回访电话', 'check with me', 'check on me', 'call me afterwards', 'contact me afterwards', 'ask me if i was satisfied', 'check i\'m happy', 'check im happy', 'check we\'re happy', 'if i\'m happy', 'if i was happy', 'whether i was happy', 'whether i\'m happy', 'happy with the service', 'happy with the repair', 'happy with the work', 'after the job', 'after the work is done', 'once the job is done'],
  线上: ['线上', '网上', '在线', '手机上', '网站', '供电服务网站', '网上营业厅', 'app', '小程序', '公众号', 'online', 'website', 'internet', 'web', '微信', 'wechat', '网上国网', '掌上电力', '网址', '上网'],
  预约: ['预约', '约号', '挂号', '约时间', 'book', 'booking', 'appointment', 'slot', 'reserve'],
  营业时间: ['营业时间', '开门', '关门', '几点', '上班几点', '下班', '午休', '休息日', 'office hours', 'opening hours', 'open', 'close', 'closing', 'business hours', 'opening times', '上班不', '开不开', '开门不', '营业不', '上不上班', '开不开门', '几点上班', '几点开', '几点关'],
  营业厅: ['营业厅', '供电营业厅', '网点', '营业网点', '营业场所', '服务厅', 'branch', 'office', 'service hall', 'service centre', 'service center', 'hall', '营业所', '供电营业所', '营业部', '服务大厅', '营业处', '服务所', '服务中心', '营业大厅'],
  环境: ['环境', '卫生', '脏', '乱', '垃圾', '空调', '座位', '等候区', '整洁', '安静', '热死', 'noisy', 'dirty', 'messy', 'waiting area', 'seats', '没地方坐', '嘈', '厕所', '卫生间', '拥挤', '闷热', '脏兮兮', '乱哄哄', '脏乱', '很脏乱', '椅子', '打扫', 'crowded', 'filthy', 'toilet', 'toilets', '太吵', '污糟', '好污糟', '肮脏', '脏死了', '冷气', '太冷', '太热', '好冷', '好热', '很热', '很冷', 'air con', 'aircon', 'air conditioning', 'too hot', 'too cold', '好吵', '很吵', '吵死', '乱七八糟', '收拾', '一团糟', '脏乱差', '邋遢', '不干净', '灰尘', '异味', '臭味', '吵死了', '吵闹', '嘈吵', '嘈杂', '噪音', '闹哄哄', '座的地方', '坐的地方', '没座位', '没有座位', '凳子', '叫号', '站着等', '站着', 'nowhere to sit', 'no seats', 'stood', 'standing', 'smelled', 'smelly', '好焗', '焗', '冇位坐', '没位坐', '没位置坐', '冇凳', '好闷', '很闷', '闷死', '吵吵闹闹'],
  材料: ['材料', '资料', '证件', '证明', '带什么', '准备什么', '房产证', 'documents', 'papers', 'paperwork', 'bring', '户口本', '营业执照', '复印件', '委托书'],
  重复往返: ['来回', '折腾', '跑腿', '跑断腿', '来来回回', '几趟', '四趟', '三趟', '白跑一趟', '重复往返', '跑了好几趟', '来回跑', '跑几趟', '白跑', '跑了几次', '好几次', '又让我来', '一次性告知', 'back and forth', 'all at once', 'in one go', 'one trip', 'another trip', 'extra trip', 'second trip', 'wasted trip', 'in one visit', 'several times', 'multiple trips', '两趟', '好几趟', '四五趟', '一次次'],
  推诿: ['接待', '负责到底', '谁负责', '谁先接待', '推给', '推脱', '不管事', 'pass the buck', '推诿', '踢皮球', '转来转去', '推来推去', '互相推', '不归我管', '问别人', '找别人', '去问别人', '让我去找', '叫我去找', '叫我去问', '别的部门', '搪塞', '怠慢', '首问负责制', '首问', '没人管', 'passing me around', 'not their department', 'responsible', 'responsibility', 'runaround', '推卸', '推卸责任', '扯皮', '踢来踢去', '敷衍', '推三阻四', '别处', 'passing me', 'passed me', 'pass me', 'passed around', 'transferred me', 'someone else', 'another department', 'other department', 'every department', 'each department', '又让我', '又叫我', '让我找', '叫我找', '让我打', '叫我打', '打发我'],
  流程: ['流程', '步骤', '程序', '手续', '怎么办理', '怎么申请', '如何申请', '办理', 'procedure', 'process', 'steps', 'apply'],
  报装: ['报装', '申装', '新装', '开户', '开个户', '单独开户', '立户', '申请用电', '装电', '新房', '增容', '扩容', '业扩', '业扩报装', 'new connection', 'new supply', 'increase capacity', 'increase the capacity', 'more capacity', 'upgrade my supply', 'capacity', '容量', '加容', '拉电', '拉个电', '新起的楼', '新楼', 'newly built', 'newly-built', 'new building', 'new house', 'new home', 'new build', '新建'],
  电价: ['电价', '一度电', '每度', '阶梯', '阶梯电价', '几档', '档', '单价', '峰谷', '峰谷电价', '多少钱一度', '电费计算', '怎么算', '越用越贵', '越贵', '越高', '分档', '档位', 'price', 'tariff', 'rate per', 'per kwh', 'tiered', 'kwh', '谷电', '峰电', '分时电价', 'per unit', 'electricity rate', 'electricity rates', 'electric rate', 'power rate', 'residential rate', 'household rate', 'unit rate', 'rates', 'unit price', 'peak', 'pricing'],
  电费: ['电费', '账单', '电费单', 'bill', 'bills', 'statement', 'invoice', 'invoices'],
  电线: ['电线', '电缆', '线路', '导线', '高压线', '电线杆', '电杆', 'line', 'lines', 'wire', 'wires', 'cable', 'pole'],
  触电: ['触电', '被电', '电到', '电击', '漏电', 'shock', 'electrocuted', 'electric shock', 'electrocution', '电打着', '被电打', '叫电打', '让电打', '电打了', 'got shocked', 'shocked'],
  施救: ['施救', '救', '怎么救', '点救', '急救', '救人', '抢救', 'rescue', 'first aid', 'help them', 'help him', 'help her', 'help the person', 'help someone', 'save them', 'save him', 'save her', 'save someone', 'pull them away', 'getting hurt', 'get hurt'],
  危险: ['着火', '起火', '冒烟', '冒火', '火花', '打火', '断落', '掉地上', '掉下来', '耷拉', '倒了', 'fire', 'smoke', 'sparks', 'sparking', 'fell', 'fallen', 'down', '烧焦', '焦味', '糊味', 'burning', 'smoking', 'snapped', 'snap', 'hanging', 'dangling', 'came down', 'blown down', 'live wire', 'live wires', 'live cable'],
  距离: ['距离', '多远', 'how far', 'far away', 'keep away', 'stay away', 'keep back', 'stay back', 'distance', 'keep clear', 'stay clear', 'safe distance'],
  跳闸: ['跳闸', '空开', '空气开关', '电闸', '总闸', '漏保', '漏电保护器', '合闸', '推上去', '掉闸', 'breaker', 'tripped', 'trip', 'fuse', 'switch', '电匝', '老跳', '总掣', '跳电', '跳掣', '电掣', '掣', '保险丝', '闸刀'],
  咨询: ['资讯', '信息服务', '资讯服务', '能问', '问点', '问什么', '能帮我', '帮我解答', '能回答', 'what can you', 'help me with', '咨询', '询问', '问问', '了解', '查询', '信息咨询', '技术咨询', '政策咨询', '电力法规', '法规', '法律', '科学用电', '节约用电', '省电', 'advice', 'consult', 'information', 'law', 'laws', 'regulations', 'efficiently', 'save electricity', '电力法', '知识', '用电知识', '电力知识', '安全用电知识', 'saving electricity', 'save energy', 'saving energy', 'energy saving tips', 'saving tips', 'energy saving', 'energy-saving', 'power saving', 'save power', 'energy efficiency', 'use electricity wisely'],
  听取: ['听取', '耐心听', '认真听', '听进去', '好好听', '咋对待', '怎么对待', '如何对待', 'listen', 'listens', 'listening'],
  禁止: ['不准的规矩', '几个不准', '几条不准', '十个不准', '十不准', '哪些不准', '禁止', '不许', '严禁', '明令', '明令禁止', '不允许', '不得', '不准做', '不能做', 'forbidden', 'prohibited', 'not allowed'],
  违规: ['switch off', 'cut off', 'without giving', 'any reason', '违规', '随便', '随意', '无故', '无缘无故', '不通知', '没通知', '招呼都不打', '说停就停', '拖延', '拖着', '拖了', '迟迟', 'without notice', 'without reason', 'delay', 'delayed', '无端端', 'without warning', 'for days', '还不送电', '还不给送电', '不给送电', '迟迟不送电', 'still not back', 'nobody reconnects', 'hasn\'t been restored', 'not been restored', 'not restored', 'still hasn\'t', 'still not', 'not back on', 'still off', '拖住', '故意拖', '拖紧', 'unauthorised', 'unauthorized', 'illegal', 'no warning', 'no notice', 'any warning', 'shut off', 'shut me off', 'shut my power off'],
  居民: ['居民', '家里', '家庭', '住户', '住宅', '居民户', '屋企', '家用', 'household', 'residential', 'resident', 'home', 'house', 'flat', 'apartment', '我家', '住家', '自家', '民用', '自建房', '农村', '村里', '农房', '老家', '平房', '出租屋', '民房', '屋', '新屋', '村屋', '房子', '住房', '咱家', '俺家'],
  非居民: ['非居民', '企业', '工厂', '厂房', '商铺', '商户', '店铺', '门面', '门面房', '小店', '公司用电', 'business', 'commercial', 'shop', 'factory', 'store', '饭店', '餐馆', '门店', '店面', '店里', '厂', '厂里', '车间', '写字楼', '超市', '酒家', '市场', '菜市场'],
};

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
  '所以', '已经', '刚才', '刚刚', '今天', '昨天', '正常', '应该', '需要', '吧', '唔该', '佢', '哋', '啲', '俾', '喺', '唔', '嚟', '咩', '嘢', '点解', '咁', '噉', '点样', '系', '嘅', '咗', '冇', '乜',
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
