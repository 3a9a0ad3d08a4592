/** "加载更多" under a cursor-paged list, or a plain line when everything is shown. */
import { Text } from '@tarojs/components';
import { commonMessages } from '@/messages/common';
import { Button } from '@/ui/nutui';

interface Props {
  next: string | null;
  loading: boolean;
  onMore: () => void;
  /** Hide the "all shown" line (short lists). */
  quietEnd?: boolean;
}

export function LoadMore({ next, loading, onMore, quietEnd }: Props) {
  if (loading) return <Text className='loading'>{commonMessages.loading}</Text>;
  if (next) {
    return (
      <Button className='btn-block' size='large' block onClick={onMore}>
        {commonMessages.loadMore}
      </Button>
    );
  }
  return quietEnd ? null : <Text className='muted list-end'>{commonMessages.noMore}</Text>;
}
