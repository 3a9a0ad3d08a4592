/** 我的活动: upcoming (signed or waitlisted), past (signed, ended) and absent, each paged. */
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { ActivityCard } from '@/components/ActivityCard';
import { LoadMore } from '@/components/LoadMore';
import { Notice } from '@/components/Notice';
import { Screen } from '@/components/Screen';
import { Tabs } from '@/components/Tabs';
import { usePaged } from '@/hooks/usePaged';
import { useSession } from '@/hooks/useSession';
import { useShowAgain } from '@/hooks/useShowAgain';
import { hours } from '@/services/format';
import { ROUTES, go } from '@/services/routes';
import { Button } from '@/ui/nutui';
import { messages as m } from './messages';
import './index.scss';

type Scope = 'upcoming' | 'past' | 'absent';

export default function MyActivities() {
  const { me } = useSession('registered');
  const [scope, setScope] = useState<Scope>('upcoming');
  const list = usePaged('activities', 'mine', { scope, limit: 20 }, !!me?.registered);
  useShowAgain(() => void list.reload());

  return (
    <Screen>
      <Text className='greeting'>{m.heading}</Text>
      <Tabs options={(['upcoming', 'past', 'absent'] as const).map((s) => ({ value: s, label: m.scopes[s] }))} value={scope} onChange={setScope} />
      {list.error ? <Notice kind='error'>{m.loadFailed + list.error}</Notice> : null}
      {list.loaded && !list.loading && list.items.length === 0 ? (
        <View>
          <Notice kind='info'>{m.none[scope]}</Notice>
          {scope === 'upcoming' ? (
            <Button className='btn-block' type='primary' size='large' block onClick={() => go(ROUTES.activities)}>
              {m.browse}
            </Button>
          ) : null}
        </View>
      ) : null}
      {list.items.map((a) => (
        <ActivityCard key={a.id} activity={a} note={scope === 'past' && a.my?.servedMinutes ? m.served(hours(a.my.servedMinutes)) : undefined} />
      ))}
      <LoadMore next={list.next} loading={list.loading} onMore={() => void list.more()} quietEnd={list.items.length === 0} />
    </Screen>
  );
}
