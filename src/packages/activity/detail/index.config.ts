import { messages } from './messages';

// A shared card (to a chat or Moments) opens this page (detail/share.ts).
export default definePageConfig({ navigationBarTitleText: messages.title, enableShareAppMessage: true, enableShareTimeline: true });
