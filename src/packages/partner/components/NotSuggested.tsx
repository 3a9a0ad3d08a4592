/**
 * The suggestions a social worker did not take for a senior (`partners.exclusions`, from 不采用): who,
 * why, who decided and when, each with AllowAgain. Pairs ended with 不再推荐 are in PairHistory, so
 * they are left out here. Shows nothing when there is nothing to show.
 */
import { Text, View } from '@tarojs/components';
import { Notice } from '@/components/Notice';
import { useQuery } from '@/hooks/useQuery';
import { dateTime } from '@/services/dates';
import { AllowAgain } from './AllowAgain';
import { partnerMessages as pm } from './messages';

export function NotSuggested({ seniorId, onDone }: { seniorId: string; onDone: (text: string) => void }) {
  const m = pm.again;
  const list = useQuery('partners', 'exclusions', { seniorId }, !!seniorId);
  if (list.error) return <Notice kind='error'>{m.loadFailed + list.error}</Notice>;
  const items = (list.data?.items ?? []).filter((x) => x.from !== 'end');
  if (!items.length) return null;
  return (
    <View className='section'>
      <Text className='section__title'>{m.title}</Text>
      <Text className='text field'>{m.intro}</Text>
      <View className='card'>
        {items.map((x) => (
          <View key={x.volunteerId} className='line pt-excluded'>
            <Text className='line__title'>{m.who(x.volunteerName)}</Text>
            <Text className='text pt-line'>{x.reason ? m.why(x.reason) : m.noReason}</Text>
            {x.byName && x.at ? <Text className='text pt-line'>{m.decided(x.byName, dateTime(x.at))}</Text> : null}
            <AllowAgain
              seniorId={seniorId}
              seniorName={list.data!.seniorName}
              volunteerId={x.volunteerId}
              volunteerName={x.volunteerName}
              onDone={(text) => {
                void list.reload();
                onDone(text);
              }}
            />
          </View>
        ))}
      </View>
    </View>
  );
}
