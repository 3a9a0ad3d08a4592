/**
 * 老人名单: the seniors of the 居委 this social worker serves (a tab per 居委 when several): name,
 * age, living alone, special difficulty, credits available; never an address or a phone. Each has
 * two actions: 代老人办理 (desk mode: the senior's pages for this senior) and 查看档案 (logged).
 */
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { LoadMore } from '@/components/LoadMore';
import { Notice } from '@/components/Notice';
import { Screen } from '@/components/Screen';
import { Tabs } from '@/components/Tabs';
import { Tag } from '@/components/Tag';
import { usePaged } from '@/hooks/usePaged';
import { useQuery } from '@/hooks/useQuery';
import { useSession } from '@/hooks/useSession';
import { useShowAgain } from '@/hooks/useShowAgain';
import { hours } from '@/services/format';
import { ROUTES, go } from '@/services/routes';
import { Button } from '@/ui/nutui';
import { messages as m } from './messages';
import '@/styles/help.scss';
import '../components/social.scss';
import './index.scss';

export default function SocialSeniors() {
  const { me } = useSession('registered');
  const ready = !!me?.registered;
  const mine = useQuery('seniors', 'mine', {}, ready);
  const [committee, setCommittee] = useState('all');
  const list = usePaged('seniors', 'list', { ...(committee !== 'all' ? { committeeId: committee } : {}), limit: 20 }, ready);
  useShowAgain(() => void list.reload());
  const desk = mine.data?.desk ?? [];

  return (
    <Screen>
      <Text className='greeting'>{m.heading}</Text>
      <Button className='btn-block' type='primary' size='large' block onClick={() => go(ROUTES.socialRegister)}>
        {m.register}
      </Button>
      {desk.length > 1 ? (
        <View className='section'>
          <Tabs
            options={[{ value: 'all', label: m.all }, ...desk.map((d) => ({ value: d.committeeId, label: d.committeeName }))]}
            value={committee}
            onChange={setCommittee}
          />
        </View>
      ) : null}
      {list.error ? <Notice kind='error'>{m.loadFailed + list.error}</Notice> : null}
      {list.loaded && list.items.length === 0 ? <Text className='text field'>{m.none}</Text> : null}
      <View className='section'>
        {list.items.map((s) => (
          <View key={s.id} className='card senior-item'>
            <Text className='senior-item__name'>{s.name}</Text>
            <Text className='text'>{m.line(s.age, s.committeeName)}</Text>
            <Text className='text'>{m.available(hours(s.available.minutes))}</Text>
            <View className='activity__tags'>
              {s.livingAlone ? <Tag kind='warning'>{m.tags.alone}</Tag> : null}
              {s.specialDifficulty ? <Tag kind='warning'>{m.tags.difficulty}</Tag> : null}
              <Tag kind={s.eligible ? 'success' : 'neutral'}>{s.eligible ? m.tags.eligible : m.tags.notEligible}</Tag>
              {s.paired ? <Tag>{m.tags.paired}</Tag> : null}
              {s.proxyCount ? <Tag>{m.tags.proxies(s.proxyCount)}</Tag> : null}
            </View>
            <View className='btn-duo'>
              <Button type='primary' size='large' onClick={() => go(ROUTES.senior, { seniorId: s.id })}>
                {m.desk}
              </Button>
              <Button size='large' onClick={() => go(ROUTES.socialSenior, { id: s.id })}>
                {m.record}
              </Button>
            </View>
          </View>
        ))}
      </View>
      <Text className='muted'>{m.recordNote}</Text>
      <LoadMore next={list.next} loading={list.loading} onMore={() => void list.more()} quietEnd={list.items.length === 0} />
    </Screen>
  );
}
