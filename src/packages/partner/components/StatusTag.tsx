/** A senior's contact status (联系不上 / 逾期 / 今天要联系 / 待首次联系 / 已联系 / 未结对) as a chip with a symbol and words. */
import { Tag, type TagKind } from '@/components/Tag';

const KIND: Record<string, TagKind> = { unreachable: 'error', overdue: 'error', due: 'warning', waiting: 'warning', contacted: 'success', unpaired: 'neutral' };
const ICON: Record<string, string> = { unreachable: '✕', overdue: '!', due: '◷', waiting: '◷', contacted: '✓', unpaired: '–' };

export function StatusTag({ status, text }: { status: string; text: string }) {
  return (
    <Tag kind={KIND[status] ?? 'neutral'} icon={ICON[status]}>
      {text}
    </Tag>
  );
}
