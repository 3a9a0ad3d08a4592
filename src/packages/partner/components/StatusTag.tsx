/** A senior's contact status (联系不上 / 逾期 / 今天要联系 / 待首次联系 / 已联系 / 未结对) as a chip with a symbol and words. */
import { Tag, type TagKind } from '@/components/Tag';
import { shownStatus, type Shown } from './shownStatus';

const KIND: Record<string, TagKind> = {
  unreachable: 'error',
  overdue: 'error',
  due: 'warning',
  waiting: 'warning',
  contacted: 'success',
  unpaired: 'neutral',
  worried: 'warning',
};
const ICON: Record<string, string> = { unreachable: '✕', overdue: '!', due: '◷', waiting: '◷', contacted: '✓', unpaired: '–', worried: '!' };

export function StatusTag({ schedule }: { schedule: Shown }) {
  const { look, text } = shownStatus(schedule);
  return (
    <Tag kind={KIND[look] ?? 'neutral'} icon={ICON[look]}>
      {text}
    </Tag>
  );
}
