/**
 * 谁看过我的手机号和身份证号: the times someone else opened my full phone number (a leader calling me)
 * or the identity number on my certificate (account.accessLog), newest first. A senior's address,
 * phone and emergency contacts have their own log on her pages (packages/senior/access).
 */
import { Text } from '@tarojs/components';
import { PagedLog } from '@/components/PagedLog';
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
      <PagedLog
        list={list}
        loadFailed={m.loadFailed}
        none={m.none}
        lineClass='access-line'
        line={(l) => (
          <>
            <Text className='line__title'>{l.actorName}</Text>
            <Text className='text'>{l.what === 'phone' ? m.phone(l.teamName) : m.identity}</Text>
            <Text className='line__sub'>{dateTime(l.at)}</Text>
          </>
        )}
      />
      {list.items.length ? <Text className='text field'>{m.doubt}</Text> : null}
    </Screen>
  );
}
