/**
 * 联系覆盖看板: every senior of the social worker's 居委 as 联系不上 / overdue / due / contacted / unpaired,
 * with the counts as big filter tiles (number and words); overdue first; each opens the card (or
 * the pairing screen when unpaired). Links to pairing, approvals and the 老伙伴 alert inbox.
 */
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { CoverageItem } from '@core/api';
import { Notice } from '@/components/Notice';
import { Screen } from '@/components/Screen';
import { Tag } from '@/components/Tag';
import { useQuery } from '@/hooks/useQuery';
import { useSession } from '@/hooks/useSession';
import { StaffOnly, isPairingStaff } from '../components/StaffOnly';
import { useShowAgain } from '@/hooks/useShowAgain';
import { commonMessages } from '@/messages/common';
import { CallButton } from '../components/CallButton';
import { ROUTES, go, type Route } from '@/services/routes';
import { Button } from '@/ui/nutui';
import { StatusTag } from '../components/StatusTag';
import { shownStatus } from '../components/shownStatus';
import { partnerMessages as pm } from '../components/messages';
import { lastContactText } from '../components/lastContactText';
import { messages as m } from './messages';
import { LinkCard } from '@/components/LinkCard';
import '../components/partner.scss';
import './index.scss';

type Status = 'unreachable' | 'overdue' | 'due' | 'waiting' | 'contacted' | 'unpaired';
const STATUSES: Status[] = ['unreachable', 'overdue', 'due', 'waiting', 'contacted', 'unpaired'];

/**
 * A senior's status as the board counts it: when the last try found nobody (联系不上), that is where
 * she is counted, never under 已联系 (the schedule may still count from an earlier contact). Her chip
 * says the same, and marks a worrying contact (StatusTag).
 */
function countedAs(s: CoverageItem): Status {
  return shownStatus(s).look === 'unreachable' ? 'unreachable' : s.status;
}

export default function Coverage() {
  const { me } = useSession('registered');
  const staff = isPairingStaff(me?.roles);
  const board = useQuery('partners', 'coverage', {}, !!me?.registered && staff);
  const [filter, setFilter] = useState<Status | null>(null);
  useShowAgain(() => void board.reload());

  const data = board.data;
  const all = (data?.items ?? []).map((x) => ({ ...x, counted: countedAs(x) }));
  const items = all.filter((x) => !filter || x.counted === filter);
  // Counted from the statuses as shown, so a tile and its list always agree.
  const counts: Record<Status, number> = { unreachable: 0, overdue: 0, due: 0, waiting: 0, contacted: 0, unpaired: 0 };
  for (const x of all) counts[x.counted] += 1;
  const rows: Array<{ key: string; route: Route; title: string; desc: string }> = [
    { key: 'pairing', route: ROUTES.partnerPairing, ...m.rows.pairing },
    { key: 'approvals', route: ROUTES.partnerApprovals, ...m.rows.approvals },
    { key: 'alerts', route: ROUTES.alertList, ...m.rows.alerts },
  ];

  if (me?.registered && !staff) return <StaffOnly />;

  return (
    <Screen>
      <Text className='greeting'>{m.heading}</Text>
      <Text className='text field'>{m.intro}</Text>
      {data?.weather ? <Notice kind='warning'>{pm.weather}</Notice> : null}
      {board.error ? <Notice kind='error'>{m.loadFailed + board.error}</Notice> : null}
      {board.loading && !data ? <Text className='loading'>{commonMessages.loading}</Text> : null}
      {data ? (
        <View className='pt-counts' ariaRole='tablist'>
          {STATUSES.map((s) => (
            <View
              key={s}
              className={`pt-count pt-count--${s} tappable${filter === s ? ' pt-count--on' : ''}`}
              ariaRole='tab'
              ariaLabel={`${m.counts[s]} ${counts[s]}${filter === s ? commonMessages.selected : ''}`}
              onClick={() => setFilter(filter === s ? null : s)}
            >
              <Text className='pt-count__n'>{counts[s]}</Text>
              <Text className='pt-count__label'>
                {filter === s ? '✓ ' : ''}
                {m.counts[s]}
              </Text>
            </View>
          ))}
        </View>
      ) : null}
      {filter ? (
        <Button className='btn-block' size='large' block onClick={() => setFilter(null)}>
          {m.showAll}
        </Button>
      ) : null}
      {data && items.length === 0 ? <Text className='text field'>{m.none}</Text> : null}
      {items.map((s) => (
        <View key={s.seniorId} className={`card pt-senior pt-senior--${s.counted} pt-cov`}>
          <Text className='pt-senior__name'>
            {s.name}{"\u3000"}{pm.age(s.age)}
          </Text>
          <StatusTag schedule={s} />
          {s.openAlerts > 0 ? <Tag kind='error'>{pm.openAlerts(s.openAlerts)}</Tag> : null}
          <Text className='text pt-line'>{s.partnerName ? m.partner(s.partnerName) : m.noPartner}</Text>
          {s.status !== 'unpaired' ? (
            <Text className='muted pt-line'>{lastContactText(s)}</Text>
          ) : null}
          {s.status === 'unpaired' ? (
            <Button className='btn-block' size='large' block onClick={() => go(ROUTES.partnerPairing)}>
              {m.pair}
            </Button>
          ) : (
            <Button className='btn-block' size='large' block onClick={() => go(ROUTES.partnerCard, { seniorId: s.seniorId })}>
              {m.card}
            </Button>
          )}
          {s.hasPhone ? <CallButton seniorId={s.seniorId} /> : <Text className='muted pt-no-phone'>{pm.noPhoneVisit}</Text>}
        </View>
      ))}

      <View className='section'>
        <Text className='section__title'>{m.work}</Text>
        <View className='role-cards'>
          {rows.map((r) => (
            <LinkCard key={r.key} className={`pt-link pt-link--${r.key}`} title={r.title} desc={r.desc} go={m.open} onClick={() => go(r.route)} />
          ))}
        </View>
      </View>
    </Screen>
  );
}
