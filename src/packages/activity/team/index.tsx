/**
 * 队伍详情: what a team does, its leaders and next activities, joining (open or with the leader's
 * approval) and leaving (a second step on the page, no pop-up). Leaders also see the member list
 * with masked phones, a call button that fetches the number only when pressed (the back end logs
 * it), and applicants to approve.
 */
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { MemberView } from '@core/api';
import { ActivityCard } from '@/components/ActivityCard';
import { FailureNotice } from '@/components/FailureNotice';
import { Notice } from '@/components/Notice';
import { Screen } from '@/components/Screen';
import { TeamForm } from '@/components/TeamForm';
import { Tag } from '@/components/Tag';
import { useMutation } from '@/hooks/useMutation';
import { useQuery } from '@/hooks/useQuery';
import { useSession } from '@/hooks/useSession';
import { call, errorMessage } from '@/services/api';
import { useParam } from '@/services/routes';
import { Button } from '@/ui/nutui';
import { PhotoSection } from '../components/PhotoSection';
import { PlaceMap } from '../components/PlaceMap';
import { messages as m } from './messages';
import { keptOnLeaving, offers, standingOf } from './standing';
import './index.scss';

export default function TeamDetail() {
  const teamId = useParam('id');
  const { me } = useSession('registered');
  const team = useQuery('teams', 'detail', { teamId }, !!teamId && !!me?.registered);
  const members = useQuery('teams', 'members', { teamId, limit: 100 }, !!team.data?.iLead);
  const join = useMutation('teams', 'join');
  const leave = useMutation('teams', 'leave');
  const decide = useMutation('teams', 'decide');
  const [confirming, setConfirming] = useState(false);
  // Read when 退出队伍 is tapped: the members-only sign-ups that stay booked after leaving.
  const upcoming = useQuery('activities', 'mine', { scope: 'upcoming', limit: 100 }, confirming);
  const kept = upcoming.data ? keptOnLeaving(upcoming.data.items, teamId) : null;
  const [callError, setCallError] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const t = team.data;
  const isAdmin = !!me?.roles.includes('admin');

  const after = async () => {
    setConfirming(false);
    await team.reload();
    if (t?.iLead) await members.reload();
  };

  const phone = async (member: MemberView) => {
    setCallError(null);
    try {
      const result = await call('teams', 'memberPhone', { teamId, userId: member.userId });
      await Taro.makePhoneCall({ phoneNumber: result.phone });
    } catch (e) {
      setCallError(errorMessage(e));
    }
  };

  const failing = [join, leave, decide].find((x) => x.error);
  const standing = t ? standingOf(t) : 'none';
  const can = offers(standing);
  return (
    <Screen>
      {team.error ? <Notice kind='error'>{m.loadFailed + team.error}</Notice> : null}
      {t ? (
        <View>
          <Text className='greeting'>{t.name}</Text>
          <Text className='text'>{t.description}</Text>
          <Text className='line__sub'>{m.leaders(t.leaderNames.join('、'))}</Text>
          <Text className='line__sub'>
            {m.memberCount(t.leaderCount, t.memberCount)} · {m.policy[t.joinPolicy]}
          </Text>
          {saved ? <Notice kind='success'>{m.saved}</Notice> : null}
          {(t.iLead || isAdmin) && !editing ? (
            <Button
              className='btn-block'
              size='large'
              block
              onClick={() => {
                setSaved(false);
                setEditing(true);
              }}
            >
              {m.edit}
            </Button>
          ) : null}
          {editing ? (
            <TeamForm
              team={t}
              canRename={isAdmin}
              onSaved={(next) => {
                // The answer is the team card; the page keeps its own extras (the leaders list).
                team.set({ ...t, ...next });
                setEditing(false);
                setSaved(true);
              }}
              onCancel={() => setEditing(false)}
            />
          ) : null}
          <View className='card'>
            <Text className='text'>{m.state[standing]}</Text>
            {failing ? <FailureNotice of={failing} failed={m.failed} /> : null}
            {can.join ? (
              <Button type='primary' size='large' block disabled={join.busy} onClick={async () => (await join.run({ teamId })) && after()}>
                {join.busy ? m.busy : t.joinPolicy === 'open' ? m.join : m.apply}
              </Button>
            ) : null}
            {can.withdraw ? (
              <Button size='large' block disabled={leave.busy} onClick={async () => (await leave.run({ teamId })) && after()}>
                {leave.busy ? m.busy : m.withdraw}
              </Button>
            ) : null}
            {can.leave && !confirming ? (
              <Button size='large' block onClick={() => setConfirming(true)}>
                {m.leave}
              </Button>
            ) : null}
            {can.leave && confirming ? (
              <View>
                <Text className='text'>{m.confirmLeave}</Text>
                {upcoming.error ? <Notice kind='error'>{m.keptFailed + upcoming.error}</Notice> : null}
                {!kept && !upcoming.error ? <Text className='muted'>{m.keptLoading}</Text> : null}
                {kept && kept.length === 0 ? <Text className='text'>{m.keptNone}</Text> : null}
                {kept && kept.length > 0 ? (
                  <View>
                    <Text className='text'>{m.keptTitle(kept.length)}</Text>
                    {kept.map((a) => (
                      <ActivityCard key={a.id} activity={a} />
                    ))}
                  </View>
                ) : null}
                <Button
                  type='primary'
                  size='large'
                  block
                  disabled={leave.busy || (!kept && !upcoming.error)}
                  onClick={async () => (await leave.run({ teamId })) && after()}
                >
                  {leave.busy ? m.busy : m.confirmYes}
                </Button>
                <Button size='large' block onClick={() => setConfirming(false)}>
                  {m.confirmNo}
                </Button>
              </View>
            ) : null}
          </View>
          <Text className='section__title'>{m.next}</Text>
          {t.nextActivities.length === 0 ? <Text className='muted'>{m.noNext}</Text> : null}
          {t.nextActivities.map((a) => (
            <ActivityCard key={a.id} activity={a} />
          ))}
          <PlaceMap teamId={teamId} />
          <PhotoSection target='team' targetId={teamId} manage={t.iLead} evidence={false} />
          {t.iLead ? (
            <View className='section'>
              <Text className='section__title'>{m.membersCount(t.leaderCount, t.memberCount)}</Text>
              <Text className='line__sub'>{m.phoneNote}</Text>
              {callError ? <Notice kind='error'>{m.failed + callError}</Notice> : null}
              {(members.data?.items ?? []).map((p) => (
                <View key={p.userId} className='card'>
                  <View className='line__top'>
                    <Text className='text'>{p.name}</Text>
                    {p.isLeader ? <Tag kind='info'>{m.leaderTag}</Tag> : null}
                    {p.state === 'pending' ? <Tag kind='neutral'>{m.pendingTag}</Tag> : null}
                  </View>
                  <Text className='line__sub'>{p.phoneMasked}</Text>
                  {p.state === 'pending' ? (
                    <View>
                      <Button
                        type='primary'
                        size='large'
                        block
                        disabled={decide.busy}
                        onClick={async () => (await decide.run({ teamId, userId: p.userId, approve: true })) && after()}
                      >
                        {m.approve}
                      </Button>
                      <Button
                        size='large'
                        block
                        disabled={decide.busy}
                        onClick={async () => (await decide.run({ teamId, userId: p.userId, approve: false })) && after()}
                      >
                        {m.reject}
                      </Button>
                    </View>
                  ) : p.userId === me?.profile?.id ? null : (
                    <Button size='large' block onClick={() => void phone(p)}>
                      {m.call(p.name)}
                    </Button>
                  )}
                </View>
              ))}
            </View>
          ) : null}
        </View>
      ) : null}
    </Screen>
  );
}
