/** 我接下的求助 (volunteers): my credits, then my accepted requests, going or finished, each to its page. */
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { HelpCard } from '@/components/HelpCard';
import { LoadMore } from '@/components/LoadMore';
import { Notice } from '@/components/Notice';
import { Screen } from '@/components/Screen';
import { Tabs } from '@/components/Tabs';
import { usePaged } from '@/hooks/usePaged';
import { useQuery } from '@/hooks/useQuery';
import { useSession } from '@/hooks/useSession';
import { useShowAgain } from '@/hooks/useShowAgain';
import { hours } from '@/services/format';
import { ROUTES, go } from '@/services/routes';
import { Button } from '@/ui/nutui';
import { messages as m } from './messages';
import './index.scss';

type Tab = 'active' | 'done';

export default function MyHelp() {
  const { me } = useSession('registered');
  const ready = !!me?.registered;
  const [tab, setTab] = useState<Tab>('active');
  const balance = useQuery('timebank', 'balance', {}, ready);
  const list = usePaged('help', 'assigned', { done: tab === 'done', limit: 20 }, ready);
  useShowAgain(() => {
    void balance.reload();
    void list.reload();
  });
  const b = balance.data;

  return (
    <Screen>
      <Text className='greeting'>{m.heading}</Text>
      {balance.error ? <Notice kind='error'>{m.loadFailed + balance.error}</Notice> : null}
      {b ? (
        <View className='figure help-balance'>
          <Text className='figure__label'>{m.balance}</Text>
          <Text className='figure__value help-balance__value'>{hours(b.balance.minutes)}</Text>
          <Text className='figure__label'>{m.available(hours(b.available.minutes))}</Text>
        </View>
      ) : null}
      <View className='section'>
        <Tabs
          options={[
            { value: 'active', label: m.tabs.active },
            { value: 'done', label: m.tabs.done },
          ]}
          value={tab}
          onChange={setTab}
        />
        {list.error ? <Notice kind='error'>{m.loadFailed + list.error}</Notice> : null}
        {list.loaded && list.items.length === 0 ? <Text className='text field'>{m.none[tab]}</Text> : null}
        {list.items.map((r) => (
          <HelpCard key={r.id} request={r} page='volunteer' onOpen={(x) => go(ROUTES.helpRequest, { id: x.id })} />
        ))}
        <LoadMore next={list.next} loading={list.loading} onMore={() => void list.more()} quietEnd={list.items.length === 0} />
      </View>
      <Button className='btn-block' size='large' block onClick={() => go(ROUTES.helpOpen)}>
        {m.findMore}
      </Button>
    </Screen>
  );
}
