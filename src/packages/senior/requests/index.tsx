/** 我的求助 (`?seniorId=`): the senior's requests, newest first, each with its progress in plain words. */
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { HelpCard } from '@/components/HelpCard';
import { LoadMore } from '@/components/LoadMore';
import { Notice } from '@/components/Notice';
import { Screen } from '@/components/Screen';
import { Tabs } from '@/components/Tabs';
import { usePaged } from '@/hooks/usePaged';
import { useShowAgain } from '@/hooks/useShowAgain';
import { ROUTES, go } from '@/services/routes';
import { Button } from '@/ui/nutui';
import { ActingBanner } from '../components/ActingBanner';
import { useActing } from '../components/useActing';
import { messages as m } from './messages';
import './index.scss';

type Tab = 'active' | 'all';

export default function SeniorRequests() {
  const { acting, self, seniorSide, seniorId, params, ready } = useActing();
  const [tab, setTab] = useState<Tab>('active');
  const list = usePaged('help', 'requests', { ...(seniorId ? { seniorId } : {}), ...(tab === 'active' ? { active: true } : {}), limit: 20 }, ready);
  useShowAgain(() => void list.reload());

  return (
    <Screen forceElder={self}>
      <ActingBanner acting={acting} />
      <Text className='greeting'>{m.heading}</Text>
      <Tabs
        options={[
          { value: 'active', label: m.tabs.active },
          { value: 'all', label: m.tabs.all },
        ]}
        value={tab}
        onChange={setTab}
      />
      {list.error ? <Notice kind='error'>{m.loadFailed + list.error}</Notice> : null}
      {list.loaded && list.items.length === 0 ? <Text className='text field'>{m.none[tab]}</Text> : null}
      <View>
        {list.items.map((r) => (
          <HelpCard key={r.id} request={r} page={seniorSide ? 'senior' : 'staff'} onOpen={(x) => go(ROUTES.seniorRequest, { id: x.id, ...params })} />
        ))}
      </View>
      <LoadMore next={list.next} loading={list.loading} onMore={() => void list.more()} quietEnd={list.items.length === 0} />
      <Button className='btn-block' type='primary' size='large' block onClick={() => go(ROUTES.seniorAsk, params)}>
        {m.ask}
      </Button>
    </Screen>
  );
}
