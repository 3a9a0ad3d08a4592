/**
 * 活动详情: what, when, where, places and waitlist; my sign-up state with the waitlist position;
 * sign up (or join the waitlist) and cancel with an inline second step; check in and out by
 * scanning the leader's QR code (weapp) or typing its 6 digits (H5 and as a fallback); the
 * leader's tools when the caller manages the team. Each part is a section beside this file.
 */
import { Button as TaroButton, Text, View } from '@tarojs/components';
import { useShareAppMessage, useShareTimeline } from '@tarojs/taro';
import { useState } from 'react';
import { myState, placesText } from '@/components/ActivityCard';
import { Notice } from '@/components/Notice';
import { Screen } from '@/components/Screen';
import { Tag } from '@/components/Tag';
import { useQuery } from '@/hooks/useQuery';
import { useSession } from '@/hooks/useSession';
import { useShowAgain } from '@/hooks/useShowAgain';
import { commonMessages } from '@/messages/common';
import { ROUTES, back, useParam } from '@/services/routes';
import { Button } from '@/ui/nutui';
import { PhotoSection } from '../components/PhotoSection';
import { AttendanceSection } from './AttendanceSection';
import { FactsSection } from './FactsSection';
import { LeaderTools } from './LeaderTools';
import { SignupSection } from './SignupSection';
import { messages as m } from './messages';
import type { Outcome } from './outcome';
import { shareOf } from './share';
import { useAttendance } from './useAttendance';
import './index.scss';

const isWeapp = process.env.TARO_ENV === 'weapp';

export default function ActivityDetailPage() {
  const id = useParam('id');
  // A shared card opens this page for anyone; a guest may look and is asked to register only to sign up.
  const { me } = useSession('any');
  const detail = useQuery('activities', 'detail', { activityId: id }, !!me && !!id);
  const [outcome, setOutcome] = useState<Outcome>(null);
  useShowAgain(() => void detail.reload());
  const a = detail.data;

  const done = async (o: Outcome) => {
    setOutcome(o);
    await detail.reload();
  };
  const start = () => setOutcome(null);
  const attendance = useAttendance(a, start, done);
  const [poster, setPoster] = useState<string | null>(null);
  const share = shareOf(a, ROUTES.activity, ROUTES.activities);
  // The card shows the poster when there is one (else WeChat takes a picture of the page).
  useShareAppMessage(() => ({ title: share.title, path: share.path, ...(poster ? { imageUrl: poster } : {}) }));
  useShareTimeline(() => ({ title: share.title, query: share.query }));

  if (!a) {
    return (
      <Screen>
        {detail.error ? <Notice kind='error'>{m.loadFailed + detail.error}</Notice> : <Text className='loading'>{commonMessages.loading}</Text>}
        <Button className='btn-block' size='large' block onClick={() => back(ROUTES.activities)}>
          {m.back}
        </Button>
      </Screen>
    );
  }

  const my = a.my && a.my.state !== 'cancelled' ? a.my : null;
  const mine = myState(a);
  const places = placesText(a);
  const cancelledActivity = a.status === 'cancelled';
  // The check-in box shows once check-in opens (an hour before the start, by the server's clock);
  // from the day before, a calm line says when it will open.
  const waiting = !!my && my.state === 'signed' && !cancelledActivity && my.attendance === 'none' && a.phase !== 'ended';
  const canCheck = !!my && my.state === 'signed' && !cancelledActivity && (my.attendance === 'in' || (waiting && a.checkInOpen));
  const opensSoon = waiting && !a.checkInOpen && a.startsSoon;

  return (
    <Screen>
      <Text className='greeting'>{a.title}</Text>
      <View className='activity__tags'>
        {mine ? <Tag kind={mine.kind}>{mine.text}</Tag> : null}
        <Tag kind={places.kind}>{places.text}</Tag>
      </View>
      {cancelledActivity ? <Notice kind='warning'>{m.cancelledNotice(a.cancelReason ?? '')}</Notice> : null}

      {/* The team's leader opens their activity to run it: the roster and check-in first. */}
      {a.canManage ? <LeaderTools a={a} /> : null}
      <SignupSection a={a} guest={!me?.registered} outcome={outcome} onStart={start} onDone={done} />
      {my && my.state === 'signed' && (canCheck || opensSoon || my.attendance !== 'none') ? (
        <AttendanceSection a={a} my={my} canCheck={canCheck} opensSoon={opensSoon} attendance={attendance} />
      ) : null}
      <FactsSection a={a} />
      <PhotoSection
        target='activity'
        targetId={a.id}
        manage={a.canManage && !cancelledActivity}
        tagSeniors={!cancelledActivity && !!me?.roles.some((r) => r === 'socialWorker' || r === 'admin')}
        evidence={!!my && my.state === 'signed' && (my.attendance === 'in' || my.attendance === 'out')}
        onPoster={setPoster}
      />
      {isWeapp && a.status !== 'cancelled' ? (
        <TaroButton className='share-button' openType='share'>
          {m.share}
        </TaroButton>
      ) : null}

      <Button className='btn-block' size='large' block onClick={() => back(ROUTES.activities)}>
        {m.back}
      </Button>
    </Screen>
  );
}
