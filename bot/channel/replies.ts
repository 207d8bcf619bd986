/** What the chat adapters say themselves (everything else comes from the assistant's turn). */
export const CHANNEL_REPLIES = {
  welcome:
    '您好，我是供电服务智能客服，可以为您解答用电政策和收费问题、查询电费和报装进度、受理投诉和故障报修。请直接输入您的问题，或点击下方按钮。如需人工服务，请回复“转人工”。',
  help: '您可以这样问我：\n· “居民报装多久能答复供电方案？”\n· “查电费”（需先验证户号）\n· “报装进度”\n· “我要投诉”“故障报修”\n· “转人工”\n也可以直接发送语音。紧急停电、触电等危险情况请立即拨打95598。',
  unsupported: '抱歉，我暂时只能处理文字和语音消息。请您用文字描述问题，或回复“转人工”由工作人员为您服务。',
  groupOnly: '您好！为保护您的户号、电费和联系方式等信息，请私聊我继续办理。',
  voiceUnavailable: '抱歉，目前暂不支持识别语音消息。请您直接打字描述问题；如需人工服务，请回复“转人工”。',
  voiceTooLong: '抱歉，这条语音超过60秒，我没能处理。请用文字简要描述，或分成几条较短的语音发送。',
  voiceUnreadable: '抱歉，这条语音我没能打开。请您再发一次，或直接打字告诉我。',
  voiceNotUnderstood: '抱歉，这条语音我没能听清。请您用文字再说一遍，或回复“转人工”。',
  voiceEcho: (text: string) => `您说的是：“${text}”`,
  textTooLong: '您的消息太长了（超过2000字）。请简要描述，或分成几条发送。',
  somethingWentWrong: '抱歉，系统刚才出了点问题，您的消息没有处理成功。请稍后再发一次；紧急情况请拨打95598。',
} as const;

/** How a message the bot could not read is written in the transcript, so staff see it arrived. */
export const UNREADABLE_NOTES = {
  voiceUnavailable: '[语音消息：未开通语音识别]',
  voiceTooLong: '[语音消息：超过60秒，未识别]',
  voiceUnreadable: '[语音消息：文件无法打开]',
  voiceNotUnderstood: '[语音消息：未能识别]',
  unsupported: (what: string) => `[${what}：暂不支持]`,
} as const;
