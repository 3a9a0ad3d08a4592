/**
 * 谁看过我的手机号和身份证号: the times someone else opened my full phone number (a leader calling me)
 * or the identity number on my certificate (account.accessLog), newest first. A senior's address,
 * phone and emergency contacts have their own log on her pages (packages/senior/access).
 */
import { Text, View } from '@tarojs/components';
import { LoadMore } from '@/components/LoadMore';
import { Notice } from '@/components/Notice';
import { Screen } from '@/components/Screen';
import { usePaged } from '@/hooks/usePaged';
import { useSession } from '@/hooks/useSession';
import { dateTime } from '@/services/dates';
import { messages as m } from './messages';
import './index.scss';

export default function MyAccessLog() {
  const { me } = useSession('registered');
  const list = usePaged('account', 'accessLog', { limit: 20 }, !!me?.registered);

  return (
    <Screen>
      <Text className='greeting'>{m.heading}</Text>
      <Text className='text field'>{m.intro}</Text>
      {list.error ? <Notice kind='error'>{m.loadFailed + list.error}</Notice> : null}
      {list.loaded && list.items.length === 0 ? <Text className='text'>{m.none}</Text> : null}
      {list.items.length ? (
        <View className='card'>
          {list.items.map((l) => (
            <View key={l.id} className='line access-line'>
              <Text className='line__title'>{l.actorName}</Text>
              <Text className='text'>{l.what === 'phone' ? m.phone(l.teamName) : m.identity}</Text>
              <Text className='line__sub'>{dateTime(l.at)}</Text>
            </View>
          ))}
        </View>
      ) : null}
      <LoadMore next={list.next} loading={list.loading} onMore={() => void list.more()} quietEnd={list.items.length === 0} />
      {list.items.length ? <Text className='text field'>{m.doubt}</Text> : null}
    </Screen>
  );
}
