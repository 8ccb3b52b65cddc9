/** Text of the Messages screen: conversation list, thread, composer, search. */
export const en = {
  'conversations.heading': 'Conversations',
  'conversations.empty.title': 'No conversations yet',
  'conversations.empty.body': 'Messages you send and receive will appear here.',
  'conversations.loading': 'Loading conversations…',
  'thread.empty.title': 'No conversation selected',
  'thread.empty.body': 'Choose a conversation on the left to read it here.',
} as const;

export const zh: Record<keyof typeof en, string> = {
  'conversations.heading': '会话',
  'conversations.empty.title': '还没有会话',
  'conversations.empty.body': '你发送和收到的短信会显示在这里。',
  'conversations.loading': '正在加载会话…',
  'thread.empty.title': '未选择会话',
  'thread.empty.body': '在左侧选择一个会话即可在此阅读。',
};
