import { citationForPeople } from '../../knowledge/citation.js';

/** Customer-facing sentences (Simplified Chinese), kept in one place so tone stays consistent. */
export const REPLIES = {
  /** A knowledge answer with the clause of the standard it rests on (an operator's entry may cite none). */
  withClause: (answer: string, clause: string) =>
    clause ? `${answer}（依据：服务标准${citationForPeople(clause)}）` : answer,
  /** A second answer, where the question reads nearly as well as asking another entry. */
  ifAskingAbout: (title: string, answer: string) => `如果您问的是“${title}”：${answer}`,
  /** After answering a question about an action: the offer to do it now. */
  offers: {
    complaint: '需要现在为您登记投诉吗？回复“投诉”即可。',
    repair: '需要现在报修吗？回复“报修”即可；紧急情况请拨打95598（24小时）。',
    meter: '需要申请电能表校验吗？回复“校验电表”即可。',
    bill: '需要查询您的电费吗？回复“查电费”即可。',
    application: '需要查询您的报装进度吗？回复“报装进度”即可。',
  } as Partial<Record<string, string>>,
  /** After a time limit, to a customer who says it has passed. */
  overdue: '如已超过期限，您可以投诉：回复“投诉”即可登记，也可拨打95598（24小时）反映。',
  /** After a rule, to a customer who asks what they can do if it is broken. */
  ifBroken: '如遇违反上述规定的情况，您可以投诉：回复“投诉”即可登记，也可拨打95598（24小时）反映。',
  /** The same, after a time limit for putting the power on: the standard forbids delaying it. */
  overdueConnection:
    '服务标准不准无故拖延送电；如已超过期限，您可以投诉：回复“投诉”即可登记，也可拨打95598（24小时）反映。',
  welcome:
    '您好！我是供电服务智能助手，可以为您解答供电服务标准、缴费、报装、停电报修、电能表校验、投诉等问题。请问有什么可以帮您？',
  thanks: '不客气，很高兴为您服务！还有其他问题随时问我。',
  goodbye: '感谢您的咨询，再见！如有需要随时联系我们，95598热线24小时为您服务。',
  acknowledged: '好的。还有其他问题随时问我。',
  cancelled: '好的，已取消。还有其他问题随时问我。',
  nothingToCancel: '好的。目前没有正在办理的事项，还有其他问题随时问我。',
  /** The customer corrected what they asked for: the open flow is left for the right one. */
  flowCorrected: '好的，明白了，已为您改为以下业务。',
  /** Added to replies to a message written in English. */
  englishNote:
    '(We answer in Chinese, the language of our service standard. To talk to a person, reply "talk to a person".)',
  /** Asked what happens after the due date of the bill just shown. */
  billPastDue: (due: string | undefined) =>
    due
      ? `${due}。按服务标准，供电公司不准违规停电（二、1）；为免影响用电，请在截止日期前缴清，如有困难可回复“转人工”与工作人员沟通。`
      : '您的账单目前都已缴清，不存在逾期。按服务标准，供电公司不准违规停电（二、1）。',
  emptyText: '抱歉，没有看到您的文字内容。请用文字描述您的问题，我会尽力为您解答。',
  unknown:
    '抱歉，这个问题我暂时无法准确回答，不想给您错误的信息。我可以解答供电服务标准、缴费、报装、报修、电能表校验、投诉等问题；如需人工帮助，请回复“转人工”或拨打95598（24小时）。',
  /** After the answers to the electricity questions of a message that also asks about something not ours. */
  notOursBeside:
    '您问到的其他事项（如燃气、自来水、光伏补贴等）不在供电服务标准的范围内，我无法准确回答，请向相关单位咨询；如需人工帮助，请回复“转人工”。',
  /**
   * Street lights are not the supply company's (usually the municipality's, in a compound often the
   * property manager's) and the knowledge base has nothing on them: say so instead of the bare
   * "I cannot answer", still offering a person.
   */
  streetLights:
    '路灯一般由当地市政（城管）部门管理，小区里的路灯多由物业管理，不在供电服务范围内，我这里查不到它的情况，建议向市政部门或物业反映。如果看到电线断落、冒火花等危险情况，请远离并拨打95598（24小时）。如需人工帮助，请回复“转人工”。',
  handoffQueued: (position: number) =>
    `已为您转接人工客服，您前面还有${position - 1}位客户在等待。工作人员接入后会直接在这里回复您，请稍候；情况紧急可拨打95598（24小时）。回复“取消人工”可继续与我对话。`,
  handoffAfterUnknown: (position: number) =>
    `很抱歉没能帮到您，已为您转接人工客服（前面还有${position - 1}位客户在等待）。工作人员接入后会直接在这里回复您；情况紧急可拨打95598（24小时）。`,
  handoffAfterHours: (when: string, number: string, due: string) =>
    `现在是非值班时间，人工客服${when}上班后会第一时间联系您，最迟${due}前（回电编号${number}），您的留言都会保留。情况紧急请拨打95598（24小时）。回复“取消人工”可继续与我对话。`,
  /** Asked "什么时候有人联系我" while a callback case is open. */
  handoffCallbackPending: (due: string, number: string) =>
    `您的人工服务请求已登记（回电编号${number}），人工客服最迟会在${due}前联系您，请留意。情况紧急请拨打95598（24小时）。回复“取消人工”可继续与我对话。`,
  /** Asked "还要等多久" while waiting in the queue in staffed hours. */
  handoffStillWaiting: (position: number) =>
    `您正在等待人工客服，前面还有${position - 1}位客户。工作人员接入后会直接在这里回复您，请稍候；情况紧急可拨打95598（24小时）。回复“取消人工”可继续与我对话。`,
  /** Past the handoff limit (per chat user or client address): not now, and the hotline. */
  handoffTooOften:
    '您请求人工服务的次数过于频繁，请约1分钟后再试。情况紧急请直接拨打95598（24小时），如遇电线断落、触电等危险请先远离。',
  handoffCancelled: '好的，已取消人工服务，我继续为您服务。请问有什么可以帮您？',
  /** The description of the callback case opened for a customer outside staffed hours (staff read it). */
  callbackCaseDescription: '客户在非值班时间请求人工服务',
  /** The note on a callback case closed because the customer left the queue (staff read it). */
  callbackWithdrawnNote: '客户已取消人工服务，无需回电',
  handoffClosed:
    '本次人工服务已结束，感谢您的耐心。请为本次服务打分：1-5分（5分为非常满意），直接回复数字即可；之后有问题可随时问我。',
  complaintSorry: '很抱歉给您带来不好的体验，我会如实记录并尽快转交处理。',
  identityAskAccount:
    '为保护您的信息，查询前需要先验证身份。请输入您的户号（10位数字，可在电费账单或缴费凭证上找到）；回复“取消”可退出。',
  identityAskPhone: (accountNumber: string) => `请输入户号${accountNumber}登记的手机号码后四位：`,
  identityAccountInvalid: '户号是10位数字，请核对后重新输入；回复“取消”可退出。',
  identityPhoneInvalid: '请输入手机号码的后四位数字（4位）；回复“取消”可退出。',
  identityFailed:
    '验证未通过：户号与手机号后四位不匹配。请核对后重新输入手机号后四位，或重新输入户号；回复“取消”可退出。',
  identityAskAccountAgain:
    '查询前需要先验证身份，请输入您的户号（10位数字，可在电费账单或缴费凭证上找到）；回复“取消”可退出。',
  identityAccountFirst:
    '请先输入户号（10位数字），再输入手机号码后四位；也可以一起发送，如“户号1000000001 后四位1234”。',
  identityApplicationNumberGiven: (number: string) =>
    `收到申请编号${number}。为保护您的信息，查询进度前需要验证身份：请输入该申请登记的户号（10位数字）；回复“取消”可退出。`,
  /** Appended to an answer given in the middle of a flow, so the customer knows where they were. */
  flowStillOpen: (question: string) => `（${question}）`,
  identityLocked: (until: string) =>
    `为保护账户安全，验证失败次数过多，已暂时锁定。请在${until}（北京时间）后再试，或拨打95598由人工为您核实。`,
  identityVerified: '身份验证成功。30天内在本渠道查询无需再次验证，回复“解绑”可随时解除。',
  identityChoose: '您绑定了多个户号，请回复序号或户号选择要查询的户号：',
  identityChooseAgain: '请回复列表中的序号或完整户号；回复“取消”可退出。',
  unbound: '已解除本渠道与户号的绑定，再次查询时需要重新验证身份。',
  nothingBound: '您在本渠道没有绑定户号，无需解绑。',
  accountGone: '未能找到该户号的资料，请拨打95598咨询。',
  noApplications: (accountNumber: string) => `户号${accountNumber}下没有正在办理的用电申请。`,
  applicationNotFound: (number: string, accountNumber: string) =>
    `户号${accountNumber}下没有找到申请编号${number}，请核对编号，或拨打95598查询。`,
  ratingAsk: '感谢您愿意评价！请为本次服务打分：1-5分（5分为非常满意），直接回复数字即可。',
  ratingInvalid: '请回复1到5之间的数字为本次服务打分（5分为非常满意），或回复“取消”。',
  ratingOutOfRange: '评分范围是1到5分，请回复1到5之间的数字（5分为非常满意），或回复“取消”。',
  ratingCommentAsk: '感谢您的评分！还有什么意见或建议吗？可以直接回复；没有的话回复“没有”即可。',
  ratingSkipped: '好的，不打扰您了。之后有任何问题随时问我。',
  ratingThanks: '已记录您的评价，感谢您的反馈！我们会持续改进服务。',
} as const;
