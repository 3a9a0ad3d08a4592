/**
 * 我的时间: the credits that can be used (the figure the senior home shows too) with what is set
 * aside for help requests beside them, star level with progress to the next, my service records
 * with their state (and a 异议 about a rejected or reversed one, or, once asked for, about an approved
 * one's minutes), and the statement (newest first, paged; holds read 预留 and releases 退回 with
 * their amounts, and each line says what could be used after it). Stars, service records and the
 * account cap concern serving: shown only to someone who volunteers (a senior who does not sees her
 * credits and statement).
 */
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { RecordView } from '@core/api';
import { AvailableCredits } from '@/components/AvailableCredits';
import { LoadMore } from '@/components/LoadMore';
import { StatementLines } from '@/components/StatementLines';
import { Notice } from '@/components/Notice';
import { Progress } from '@/components/Progress';
import { Screen } from '@/components/Screen';
import { Tag, type TagKind } from '@/components/Tag';
import { usePaged } from '@/hooks/usePaged';
import { useQuery } from '@/hooks/useQuery';
import { useSession } from '@/hooks/useSession';
import { useShowAgain } from '@/hooks/useShowAgain';
import { commonMessages } from '@/messages/common';
import { hours } from '@/services/format';
import { dayLabel } from '@/services/dates';
import { servesAsVolunteer } from '@/services/audience';
import { ROUTES, go } from '@/services/routes';
import { Button } from '@/ui/nutui';
import { messages as m } from './messages';
import { RecordAppeal } from './RecordAppeal';
import { isShortToDispute, uncreditedWhy } from './records';

const STATE_KIND: Record<RecordView['state'], TagKind> = { pending: 'warning', approved: 'success', rejected: 'error', reversed: 'neutral' };

export default function MyTime() {
  const { me } = useSession('registered');
  const ready = !!me?.registered;
  const volunteer = servesAsVolunteer(me?.roles ?? []);
  const balance = useQuery('timebank', 'balance', {}, ready);
  const stars = useQuery('timebank', 'stars', {}, ready && volunteer);
  const records = usePaged('records', 'mine', { limit: 10 }, ready && volunteer);
  const statement = usePaged('timebank', 'statement', { limit: 20 }, ready);
  const [disputing, setDisputing] = useState(false);
  useShowAgain(() => {
    void balance.reload();
    if (volunteer) {
      void stars.reload();
      void records.reload();
    }
    void statement.reload();
  });

  const b = balance.data;
  const s = stars.data;
  const failure = balance.error ?? stars.error;

  return (
    // A senior comes here from her home's balance tile, which is always in elder mode: so is this page for her.
    <Screen forceElder={!!me?.roles.includes('senior')}>
      <Text className='greeting'>{m.heading}</Text>
      {failure ? <Notice kind='error'>{m.loadFailed + failure}</Notice> : null}
      {!b && !failure ? <Text className='loading'>{commonMessages.loading}</Text> : null}

      {b ? (
        <AvailableCredits balance={b} label={m.available} held={m.held}>
          {b.cap && volunteer ? <Text className='muted'>{m.cap(hours(b.cap.minutes))}</Text> : null}
          {volunteer ? <GiveButtons primary /> : null}
        </AvailableCredits>
      ) : null}

      {s && volunteer ? (
        <View className='section card star'>
          <Text className='section__title'>{m.starTitle}</Text>
          <Text className='figure__value star__label'>{'★'.repeat(s.level) + (s.level ? ' ' : '') + s.label}</Text>
          <Text className='text star__served'>{m.served(hours(s.served.minutes))}</Text>
          <Progress value={s.progress} />
          <Text className='text'>
            {s.nextMinutes === null ? m.top : m.toNext(hours(s.remainingMinutes), m.starNames[Math.min(s.level + 1, m.starNames.length - 1)] ?? '')}
          </Text>
          <Text className='muted'>{m.thresholds(s.thresholdsHours.join(' / '))}</Text>
        </View>
      ) : null}

      {volunteer ? (
        <View className='section'>
          <Text className='section__title'>{m.recordsTitle}</Text>
          {records.error ? <Notice kind='error'>{m.loadFailed + records.error}</Notice> : null}
          {records.loaded && records.items.length === 0 ? <Text className='muted'>{m.noRecords}</Text> : null}
          {records.items.length ? (
            <View className='card'>
              {records.items.map((r) => (
                <View key={r.id} className='line record'>
                  <View className='line__top'>
                    <Text className='line__title'>{r.content}</Text>
                    <Text className='line__amount'>{hours(r.minutes.minutes)}</Text>
                  </View>
                  <Text className='line__sub'>
                    {dayLabel(r.date)} · {r.teamName} · {r.categoryName}
                  </Text>
                  <View className='activity__tags'>
                    <Tag kind={STATE_KIND[r.state]}>{m.recordState[r.state]}</Tag>
                    {r.state === 'approved' ? <Tag>{r.earnsCredits ? m.recordCredits(hours(r.minutes.minutes)) : m.noCredits}</Tag> : null}
                  </View>
                  {uncreditedWhy(r) ? <Text className='line__sub record__why'>{uncreditedWhy(r)}</Text> : null}
                  {r.correctionOf ? <Text className='line__sub'>{m.correction}</Text> : null}
                  <RecordAppeal
                    record={r}
                    offerMinutes={disputing}
                    onRaised={() => {
                      setDisputing(false);
                      void records.reload();
                    }}
                  />
                </View>
              ))}
            </View>
          ) : null}
          {records.items.some(isShortToDispute) ? (
            <View className='section record__dispute'>
              {disputing ? <Text className='line__sub'>{m.appeal.pickRecord}</Text> : null}
              <Button size='normal' onClick={() => setDisputing(!disputing)}>
                {disputing ? m.appeal.pickDone : m.appeal.pickOpen}
              </Button>
            </View>
          ) : null}
          <LoadMore next={records.next} loading={records.loading} onMore={() => void records.more()} quietEnd />
        </View>
      ) : null}

      <View className='section'>
        <Text className='section__title'>{m.statementTitle}</Text>
        {statement.error ? <Notice kind='error'>{m.loadFailed + statement.error}</Notice> : null}
        {statement.loaded && statement.items.length === 0 ? <Text className='muted'>{m.noLines}</Text> : null}
        <StatementLines lines={statement.items} />
        <LoadMore next={statement.next} loading={statement.loading} onMore={() => void statement.more()} quietEnd={statement.items.length === 0} />
      </View>
      {/* A senior who does not volunteer comes here to read her credits: giving them away is not the first thing offered. */}
      {b && !volunteer ? (
        <View className='section'>
          <GiveButtons primary={false} />
        </View>
      ) : null}
    </Screen>
  );
}

/** 转赠或捐赠时间币 and 亲属关联. */
function GiveButtons({ primary }: { primary: boolean }) {
  return (
    <View className='btn-pair'>
      <Button type={primary ? 'primary' : 'default'} size='large' onClick={() => go(ROUTES.gift)}>
        {m.give}
      </Button>
      <Button size='large' onClick={() => go(ROUTES.relatives)}>
        {m.relatives}
      </Button>
    </View>
  );
}
