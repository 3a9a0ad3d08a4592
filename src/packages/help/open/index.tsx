/**
 * 可以接的求助 (volunteers): open requests, soonest first, with category, time, 居委, the senior's
 * masked name and, when the phone's position is available, the walking distance; never an address or
 * a phone. Each opens the request, where the volunteer accepts it.
 */
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { HelpCard } from '@/components/HelpCard';
import { LoadMore } from '@/components/LoadMore';
import { Notice } from '@/components/Notice';
import { Screen } from '@/components/Screen';
import { usePaged } from '@/hooks/usePaged';
import { useSession } from '@/hooks/useSession';
import { useShowAgain } from '@/hooks/useShowAgain';
import { ROUTES, go } from '@/services/routes';
import { Button } from '@/ui/nutui';
import { currentPosition } from '@/services/position';
import { messages as m } from './messages';
import './index.scss';

type Near = { latitude: number; longitude: number } | null;

export default function OpenRequests() {
  const { me } = useSession('registered');
  const [near, setNear] = useState<Near | undefined>(undefined);
  useEffect(() => {
    void currentPosition().then(setNear);
  }, []);
  const list = usePaged('help', 'open', { ...(near ? { near } : {}), limit: 20 }, !!me?.registered && near !== undefined);
  useShowAgain(() => void list.reload());

  return (
    <Screen>
      <Text className='greeting'>{m.heading}</Text>
      <Text className='text'>{m.intro}</Text>
      <Text className='muted field'>{near === undefined ? m.locating : near ? m.near : m.noLocation}</Text>
      <Button className='btn-block' size='large' block onClick={() => go(ROUTES.helpMine)}>
        {m.mine}
      </Button>
      <View className='section'>
        {list.error ? <Notice kind='error'>{m.loadFailed + list.error}</Notice> : null}
        {list.last?.acceptRefusal ? <Notice kind='info'>{list.last.acceptRefusal}</Notice> : null}
        {list.loaded && list.items.length === 0 ? <Text className='text'>{m.none}</Text> : null}
        {list.items.map((r) => (
          <HelpCard key={r.id} request={r} page='volunteer' onOpen={(x) => go(ROUTES.helpRequest, { id: x.id })} />
        ))}
        <LoadMore next={list.next} loading={list.loading} onMore={() => void list.more()} quietEnd={list.items.length === 0} />
      </View>
    </Screen>
  );
}
