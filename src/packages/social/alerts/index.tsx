/** 一键求助记录: the 居委's one-tap alerts, open or closed, newest first; each opens its detail. */
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { LoadMore } from '../../../components/LoadMore';
import { Notice } from '../../../components/Notice';
import { Screen } from '../../../components/Screen';
import { Tabs } from '../../../components/Tabs';
import { usePaged } from '../../../hooks/usePaged';
import { useSession } from '../../../hooks/useSession';
import { useShowAgain } from '../../../hooks/useShowAgain';
import { dateTime } from '../../../services/format';
import { ROUTES, go } from '../../../services/routes';
import { messages as m } from './messages';
import '../components/social.scss';

type Tab = 'open' | 'closed';

export default function SocialAlerts() {
  const { me } = useSession('registered');
  const [tab, setTab] = useState<Tab>('open');
  const list = usePaged('help', 'alerts', { state: tab, limit: 20 }, !!me?.registered);
  useShowAgain(() => void list.reload());

  return (
    <Screen>
      <Text className='greeting'>{m.heading}</Text>
      <Tabs
        options={[
          { value: 'open', label: m.tabs.open },
          { value: 'closed', label: m.tabs.closed },
        ]}
        value={tab}
        onChange={setTab}
      />
      {list.error ? <Notice kind='error'>{m.loadFailed + list.error}</Notice> : null}
      {list.loaded && list.items.length === 0 ? <Text className='text field'>{m.none[tab]}</Text> : null}
      {list.items.map((a) => (
        <View
          key={a.id}
          className={`alert-card${a.state === 'closed' ? ' alert-card--closed' : ''}`}
          hoverClass='alert-card--pressed'
          ariaRole='link'
          onClick={() => go(ROUTES.socialAlert, { id: a.id })}
        >
          <Text className='alert-card__icon'>{a.state === 'closed' ? '✓' : '!'}</Text>
          <View className='alert-card__body'>
            <Text className='alert-card__title'>{m.line(a.seniorName, a.committeeName)}</Text>
            <Text className='text'>{m.when(dateTime(a.raisedAt), a.raisedByName, a.raisedViaText)}</Text>
            {a.state === 'closed' ? <Text className='muted'>{m.closed(a.closeHowText ?? '', a.closedByName ?? '', a.closedAt ? dateTime(a.closedAt) : '')}</Text> : null}
          </View>
          <Text className='role-card__go'>{m.open} ›</Text>
        </View>
      ))}
      <LoadMore next={list.next} loading={list.loading} onMore={() => void list.more()} quietEnd={list.items.length === 0} />
    </Screen>
  );
}
