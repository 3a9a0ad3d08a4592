/**
 * A senior's pairs (`partners.pairs` with `seniorId`, staff of the senior's 居委): who the partner
 * was, from when, until when, why it ended and who ended it. `endedOnly` leaves out the current pair.
 * An ended pair whose volunteer is kept out of the senior's suggestions (不再推荐) says so, with the
 * undo (AllowAgain) in place.
 */
import { Text, View } from '@tarojs/components';
import { LoadMore } from '@/components/LoadMore';
import { Notice } from '@/components/Notice';
import { Tag } from '@/components/Tag';
import { usePaged } from '@/hooks/usePaged';
import { dateTime } from '@/services/dates';
import { AllowAgain } from './AllowAgain';
import { partnerMessages as pm } from './messages';

interface Props {
  seniorId: string;
  endedOnly?: boolean;
  /** After an exclusion is undone here (the parent may reload suggestions and say so). */
  onChanged?: (text: string) => void;
}

export function PairHistory({ seniorId, endedOnly, onChanged }: Props) {
  const m = pm.history;
  const pairs = usePaged('partners', 'pairs', { seniorId, ...(endedOnly ? { state: 'ended' as const } : {}), limit: 20 }, !!seniorId);
  if (pairs.error) return <Notice kind='error'>{m.loadFailed + pairs.error}</Notice>;
  // The undo is offered once per volunteer: on their latest ended pair.
  const offered = new Set<string>();
  return (
    <View className='pt-history'>
      {pairs.loaded && pairs.items.length === 0 ? <Text className='text'>{endedOnly ? m.noneEnded : m.none}</Text> : null}
      {pairs.items.map((p) => {
        const undo = p.state === 'ended' && p.excluded === true && !offered.has(p.volunteerId);
        if (undo) offered.add(p.volunteerId);
        return (
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
            {p.state === 'ended' && p.excluded !== null ? <AgainLine excluded={p.excluded} /> : null}
            {undo ? (
              <AllowAgain
                seniorId={p.seniorId}
                seniorName={p.seniorName}
                volunteerId={p.volunteerId}
                volunteerName={p.volunteerName}
                onDone={(text) => {
                  void pairs.reload();
                  onChanged?.(text);
                }}
              />
            ) : null}
          </View>
        );
      })}
      <LoadMore next={pairs.next} loading={pairs.loading} onMore={() => void pairs.more()} quietEnd />
    </View>
  );
}

/** Whether suggestions may pair the two again: a symbol and words (never colour alone). */
export function AgainLine({ excluded }: { excluded: boolean }) {
  return (
    <View className='pt-line'>
      <Tag kind={excluded ? 'warning' : 'info'} icon={excluded ? '✕' : '↺'}>
        {excluded ? pm.again.excluded : pm.again.allowed}
      </Tag>
    </View>
  );
}
