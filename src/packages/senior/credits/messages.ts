/**
 * Text of a senior's credits (`?seniorId=`), for her family proxy or the 居委 desk: the figure and the
 * statement in the words of 我的时间 and the senior home (src/messages/timebank.ts). Nothing here is
 * the owner's own business (转赠, 亲属关联): those stay on her 我的时间.
 */
import { creditWords } from '@/messages/timebank';

export const messages = {
  title: '老人的时间币',
  heading: (name: string) => `${name}的时间币`,
  /** The leading figure, as on the senior home's tile. */
  available: creditWords.available,
  availableOf: creditWords.availableOf,
  held: creditWords.held,
  statementTitle: '时间币明细',
  noLines: '还没有时间币变动。',
  loadFailed: '没有加载出来：',
} as const;
