/**
 * 老伙伴警报: the partner's (their seniors') or the social worker's (their 居委's) alerts from
 * `partners.alerts`: overdue, unreachable, emergency (and one-tap help), open or closed; each
 * opens its detail. A thick frame, a symbol and words mark an open alert, never colour alone.
 */
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
import '../components/partner.scss';

type Tab = 'open' | 'closed';

export default function PartnerAlerts() {
  const { me } = useSession('registered');
  const [tab, setTab] = useState<Tab>('open');
  const list = usePaged('partners', 'alerts', { state: tab, limit: 20 }, !!me?.registered);
  useShowAgain(() => void list.reload());

  return (
    <Screen>
      <Text className='greeting'>{m.heading}</Text>
      <Text className='text field'>{m.intro}</Text>
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
      {list.items.map((a) => {
        const closed = a.state === 'closed';
        const done = a.checklist.filter((c) => c.doneAt).length;
        return (
          <View key={a.id} className={`alert-card${closed ? ' alert-card--closed' : ''}`} hoverClass='role-card--pressed' ariaRole='link' onClick={() => go(ROUTES.partnerAlert, { id: a.id })}>
            <Text className='alert-card__icon'>{closed ? '✓' : '!'}</Text>
            <View className='alert-card__body'>
              <Text className='alert-card__title'>{m.line(a.kindText, a.seniorName)}</Text>
              <Text className='text'>{m.when(dateTime(a.raisedAt), a.raisedByName)}</Text>
              {a.checklist.length ? <Text className='text'>{m.progress(done, a.checklist.length)}</Text> : null}
              <Text className='muted'>{a.seenBy.length ? m.seen(a.seenBy.length) : m.notSeen}</Text>
              {closed ? <Text className='muted'>{m.closed(a.closeHowText ?? '', a.closedByName ?? '', a.closedAt ? dateTime(a.closedAt) : '')}</Text> : null}
            </View>
            <Text className='pt-go'>{m.open} ›</Text>
          </View>
        );
      })}
      <LoadMore next={list.next} loading={list.loading} onMore={() => void list.more()} quietEnd={list.items.length === 0} />
    </Screen>
  );
}
