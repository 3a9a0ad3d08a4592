/**
 * 警报: alerts about seniors, open or closed, newest first — the social worker's 居委, the whole
 * street for the duty officer and the admin, the partner's seniors, the senior side's own. Each says
 * what it is (kind · source: "逾期未联系 · 系统提醒", "一键求助 · 家属代按"), whose, when, and whether
 * someone is handling it; each opens its page. A thick frame, a symbol and words mark an open alert.
 */
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { AlertHandling } from '@/components/AlertHandling';
import { LoadMore } from '@/components/LoadMore';
import { Notice } from '@/components/Notice';
import { Screen } from '@/components/Screen';
import { Tabs } from '@/components/Tabs';
import { usePaged } from '@/hooks/usePaged';
import { useSession } from '@/hooks/useSession';
import { useShowAgain } from '@/hooks/useShowAgain';
import { alertMessages as am } from '@/messages/alerts';
import { dateTime } from '@/services/dates';
import { ROUTES, go } from '@/services/routes';
import { messages as m } from './messages';
import '../components/alert.scss';
import './index.scss';

type Tab = 'open' | 'closed';

export default function AlertList() {
  const { me } = useSession('registered');
  const [tab, setTab] = useState<Tab>('open');
  const list = usePaged('alerts', 'list', { state: tab, limit: 20 }, !!me?.registered);
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
        return (
          <View
            key={a.id}
            className={`alert-card${closed ? ' alert-card--closed' : ''}`}
            hoverClass='alert-card--pressed'
            ariaRole='link'
            onClick={() => go(ROUTES.alertDetail, { id: a.id })}
          >
            <Text className='alert-card__icon'>{closed ? '✓' : '!'}</Text>
            <View className='alert-card__body'>
              <Text className='alert-card__title'>{m.senior(a.seniorName, a.committeeName)}</Text>
              <Text className='al-label'>{am.label(a)}</Text>
              <Text className='text'>{am.raised(a, dateTime(a.raisedAt))}</Text>
              {closed ? (
                <Text className='muted'>{am.closed(a.closeHowText ?? '', a.closedByName ?? '', a.closedAt ? dateTime(a.closedAt) : '')}</Text>
              ) : (
                <AlertHandling alert={a} />
              )}
            </View>
            <Text className='role-card__go'>{m.open} ›</Text>
          </View>
        );
      })}
      <LoadMore next={list.next} loading={list.loading} onMore={() => void list.more()} quietEnd={list.items.length === 0} />
    </Screen>
  );
}
