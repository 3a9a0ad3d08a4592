/** Text of a senior's history (办理记录): every act done for the senior, who did it and as whom. */
export const messages = {
  title: '办理记录',
  heading: '办理记录',
  intro: '为老人办的每一件事都记在这里：什么时候、谁办的、以什么身份。',
  none: '还没有记录。',
  loadFailed: '没有加载出来：',
} as const;
