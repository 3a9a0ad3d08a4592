/**
 * A senior's pairs (`partners.pairs` with `seniorId`, staff of the senior's 居委): who the partner
 * was, from when, until when, why it ended and who ended it. `endedOnly` leaves out the current pair.
 */
import { Text, View } from '@tarojs/components';
import { LoadMore } from '../../../components/LoadMore';
import { Notice } from '../../../components/Notice';
import { Tag } from '../../../components/Tag';
import { usePaged } from '../../../hooks/usePaged';
import { dateTime } from '../../../services/format';
import { partnerMessages as pm } from './messages';

export function PairHistory({ seniorId, endedOnly }: { seniorId: string; endedOnly?: boolean }) {
  const m = pm.history;
  const pairs = usePaged('partners', 'pairs', { seniorId, ...(endedOnly ? { state: 'ended' as const } : {}), limit: 20 }, !!seniorId);
  if (pairs.error) return <Notice kind='error'>{m.loadFailed + pairs.error}</Notice>;
  return (
    <View className='pt-history'>
      {pairs.loaded && pairs.items.length === 0 ? <Text className='text'>{endedOnly ? m.noneEnded : m.none}</Text> : null}
      {pairs.items.map((p) => (
        <View key={p.id} className='line pt-history__item'>
          <View className='pt-history__head'>
            <Text className='line__title'>{m.who(p.volunteerName)}</Text>
            <Tag kind={p.state === 'active' ? 'success' : 'neutral'} icon={p.state === 'active' ? '✓' : '–'}>
              {p.state === 'active' ? m.active : m.ended}
            </Tag>
          </View>
          <Text className='text pt-line'>{m.from(dateTime(p.createdAt))}</Text>
          <Text className='text pt-line'>{p.endedAt ? m.to(dateTime(p.endedAt)) : m.ongoing}</Text>
          {p.endReason ? <Text className='text pt-line'>{m.why(p.endReason)}</Text> : null}
          {p.endedByName ? <Text className='text pt-line'>{m.by(p.endedByName)}</Text> : null}
        </View>
      ))}
      <LoadMore next={pairs.next} loading={pairs.loading} onMore={() => void pairs.more()} quietEnd />
    </View>
  );
}
