/**
 * 签到二维码 on the leader's phone: the rotating token as a QR code, the 6-digit code beside it
 * for H5, refreshed when the code rotates (every 60 s); the screen stays on while it shows.
 */
import { Text, View } from '@tarojs/components';
import Taro, { useDidHide, useDidShow } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { Notice } from '@/components/Notice';
import { Screen } from '@/components/Screen';
import { useQuery } from '@/hooks/useQuery';
import { useSession } from '@/hooks/useSession';
import { commonMessages } from '@/messages/common';
import { dateTime } from '@/services/dates';
import { ROUTES, back, go, useParam } from '@/services/routes';
import { Button } from '@/ui/nutui';
import { QrCode } from '../components/QrCode';
import { messages as m } from './messages';
import './index.scss';

export default function CheckinCode() {
  const id = useParam('id');
  const { me } = useSession('registered');
  const [visible, setVisible] = useState(true);
  const activity = useQuery('activities', 'detail', { activityId: id }, !!me?.registered && !!id);
  // Before the window (an hour before the start, by the server's clock) the page says calmly when
  // the code will show instead of asking for it and showing the refusal.
  const notYet = !!activity.data && !activity.data.checkInOpen && activity.data.phase === 'upcoming' && activity.data.status !== 'cancelled';
  const code = useQuery('activities', 'checkinCode', { activityId: id }, !!me?.registered && !!id && visible && !!activity.data && !notYet);
  const [left, setLeft] = useState(60);
  const timer = useRef<ReturnType<typeof setInterval> | null>(null);

  useDidShow(() => {
    setVisible(true);
    if (process.env.TARO_ENV === 'weapp') void Taro.setKeepScreenOn({ keepScreenOn: true }).catch(() => undefined);
  });
  useDidHide(() => setVisible(false));

  // Count down to the rotation and fetch the next code then. The server's clock decides; the
  // phone's may differ, so the wait is bounded to one window.
  const data = code.data;
  const reloadCode = code.reload;
  useEffect(() => {
    if (!data || !visible) return undefined;
    const windowMs = data.windowSeconds * 1000;
    const due = Date.now() + Math.min(windowMs, Math.max(5000, Date.parse(data.rotatesAt) - Date.now()));
    setLeft(Math.ceil((due - Date.now()) / 1000));
    timer.current = setInterval(() => {
      const remaining = Math.ceil((due - Date.now()) / 1000);
      if (remaining <= 0) {
        if (timer.current) clearInterval(timer.current);
        void reloadCode();
      } else {
        setLeft(remaining);
      }
    }, 1000);
    return () => {
      if (timer.current) clearInterval(timer.current);
    };
  }, [data, visible, reloadCode]);

  return (
    <Screen>
      <Text className='greeting'>{m.heading}</Text>
      {activity.data ? (
        <View className='qr__activity'>
          <Text className='section__title'>{activity.data.title}</Text>
          <Text className='text'>{activity.data.timeText}</Text>
        </View>
      ) : null}
      <Text className='text'>{m.intro}</Text>
      {notYet && activity.data ? (
        <View className='qr card'>
          <Text className='qr__opens'>{m.opensAt(dateTime(activity.data.checkInOpensAt))}</Text>
          <Text className='muted qr__rotates'>{m.opensHint}</Text>
        </View>
      ) : null}
      {activity.error ? <Notice kind='error'>{m.loadFailed + activity.error}</Notice> : null}
      {code.error ? <Notice kind='error'>{m.loadFailed + code.error}</Notice> : null}
      {!data && !code.error && !activity.error && !notYet ? <Text className='loading'>{commonMessages.loading}</Text> : null}
      {data ? (
        <View className='qr card'>
          <QrCode className='qr__image' text={data.token} label={m.qrLabel} />
          <Text className='qr__label'>{m.codeLabel}</Text>
          <Text className='qr__code'>{data.code}</Text>
          <Text className='muted qr__rotates'>{m.rotates(left)}</Text>
        </View>
      ) : null}
      <Button
        className='btn-block'
        type='primary'
        size='large'
        block
        disabled={code.loading || notYet}
        onClick={() => void (notYet ? activity.reload() : code.reload())}
      >
        {m.refresh}
      </Button>
      <Button className='btn-block' size='large' block onClick={() => go(ROUTES.roster, { id })}>
        {m.roster}
      </Button>
      <Button className='btn-block' size='large' block onClick={() => go(ROUTES.cardScan)}>
        {m.scanCard}
      </Button>
      <Button className='btn-block' size='large' block onClick={() => back(ROUTES.leader)}>
        {m.back}
      </Button>
    </Screen>
  );
}
