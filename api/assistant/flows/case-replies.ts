/** What the case flows say to customers: taking a case in chat, and looking one up. */
export const CASE_REPLIES = {
  askDescription: (kindName: string) => `好的，我来为您登记${kindName}。请描述一下具体情况：`,
  askAddress: '请告诉我故障地点的详细地址（小区、楼栋、门牌号）：',
  askPhone: '请留下联系电话（11位手机号码或带区号的固定电话），方便工作人员与您联系：',
  descriptionTooShort: '请简单描述一下情况（发生了什么、什么时间），方便我们处理。',
  addressTooShort: '请提供详细地址（小区、楼栋、门牌号），抢修人员才能找到您。',
  confirmation: (kindName: string, description: string, address: string | undefined, phone: string) =>
    [
      `请确认${kindName}信息：`,
      `情况：${description}`,
      ...(address ? [`地址：${address}`] : []),
      `联系电话：${phone}`,
      '信息无误请回复“确认”提交；需要修改请说明（如“改电话”）；回复“取消”放弃。',
    ].join('\n'),
  /** Past the chat's case limit: the case is kept at its confirmation. */
  tooOften:
    '提交得过于频繁，暂时无法受理。您填写的信息已保留，请约1分钟后回复“确认”再提交；情况紧急请拨打95598（24小时）。',
  confirmOrCorrect: '请回复“确认”提交；需要修改请说明要改哪一项（如“改电话”），回复“取消”放弃。',
  whichItem: (withAddress: boolean) =>
    `请问需要修改哪一项？可以回复“改描述”${withAddress ? '、“改地址”' : ''}或“改电话”；信息无误请回复“确认”，回复“取消”放弃。`,
  askAgain: {
    description: '好的，请重新描述一下具体情况：',
    address: '好的，请重新输入故障地点的详细地址（小区、楼栋、门牌号）：',
    phone: '好的，请重新输入联系电话（11位手机号码或带区号的固定电话）：',
  },
  /** Why a phone cannot be taken, said politely. Mainland mobiles and landlines with area code only. */
  phoneProblems: {
    missing: '请留下联系电话（11位手机号码或带区号的固定电话），方便工作人员与您联系；回复“取消”可放弃。',
    invalid:
      '这个号码好像不完整。请留下11位手机号码，或带区号的固定电话（如0571-12345678），方便工作人员与您联系。',
    no_area_code: '固定电话请加上区号（如0571-12345678），或留下11位手机号码，方便工作人员与您联系。',
    foreign:
      '抱歉，目前只能登记中国大陆的手机号码或带区号的固定电话，方便工作人员回电。如没有大陆号码，可拨打95598（24小时）由人工为您登记。',
  },
  accepted: (kindName: string, number: string, clocks: string, calendarConfirmed: boolean) =>
    `已受理您的${kindName}，编号${number}。我们将在${clocks}（北京时间）${calendarConfirmed ? '' : '（所在年份节假日安排尚未公布，日期按工作日推算）'}。您可以随时发送“查询${number}”了解进度。`,
  status: (kindName: string, number: string, status: string, limits: string) =>
    `${kindName}${number}：${status}。时限：${limits}。`,
  /** The same words whether the number is unknown or the phone is wrong. */
  notFound: '没有找到编号和联系电话都相符的记录。请核对编号和提交时留下的联系电话，或拨打95598查询。',
  askLookupPhone: (number: string) =>
    `为保护您的信息，请输入提交编号${number}时留下的联系电话（手机号码或带区号的固定电话）；回复“取消”可退出。`,
  askLookupPhoneAgain:
    '请输入提交该记录时留下的联系电话（11位手机号码或带区号的固定电话）；回复“取消”可退出。',
  noneHere:
    '没有找到您在本渠道提交的投诉或报修记录。如果是通过电话或其他渠道提交的，请发送编号（如TS20261126-0001），我核对联系电话后为您查询；也可拨打95598查询。',
  /** A closed case asks its customer for a rating (standard 四、2). */
  followUp: (kindName: string, number: string) =>
    `您的${kindName}（编号${number}）已办结。请为本次服务打分：1-5分（5分为非常满意），直接回复数字即可。`,
} as const;
