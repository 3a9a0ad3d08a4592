/**
 * 扫志愿者证: a leader scans a volunteer's electronic card (Taro.scanCode on WeChat; on H5, where
 * there is no camera scan, the QR's text is pasted), sees who it is (name, number, teams, masked
 * phone) and checks them in to one of the leader's activities whose check-in is open. The server
 * applies the same rules as the roster check-in (services/volunteer-card.ts).
 */
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { CardLookup } from '@core/api';
import { Field } from '@/components/Field';
import { Kv } from '@/components/Kv';
import { FailureNotice } from '@/components/FailureNotice';
import { Notice } from '@/components/Notice';
import { Screen } from '@/components/Screen';
import { useMutation } from '@/hooks/useMutation';
import { useSession } from '@/hooks/useSession';
import { call, errorMessage } from '@/services/api';
import { ROUTES, back } from '@/services/routes';
import { Button } from '@/ui/nutui';
import { messages as m } from './messages';
import './index.scss';

const canScan = process.env.TARO_ENV === 'weapp';

export default function CardScan() {
  useSession('registered');
  const [text, setText] = useState('');
  const [token, setToken] = useState<string | null>(null);
  const [person, setPerson] = useState<CardLookup | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const checkIn = useMutation('activities', 'cardCheckIn');

  const lookup = async (value: string) => {
    const scanned = value.trim();
    if (!scanned) {
      setError(m.tokenMissing);
      return;
    }
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      setPerson(await call('activities', 'cardLookup', { token: scanned }));
      setToken(scanned);
    } catch (e) {
      setPerson(null);
      setError(m.lookupFailed + errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const scan = async () => {
    try {
      const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
      await lookup(res.result);
    } catch {
      setError(m.scanCancelled);
    }
  };

  const checkInTo = async (activityId: string) => {
    if (!person || !token) return;
    const res = await checkIn.run({ token, activityId });
    if (!res) return;
    setDone(res.already ? m.already(res.name) : m.checkedIn(res.name, res.title));
    setPerson({ ...person, activities: person.activities.map((a) => (a.id === activityId ? { ...a, attendance: res.attendance } : a)) });
  };

  return (
    <Screen>
      <Text className='greeting'>{m.heading}</Text>
      <Text className='text'>{m.intro}</Text>
      {canScan ? (
        <Button className='btn-block' type='primary' size='large' block disabled={busy} onClick={() => void scan()}>
          {busy ? m.looking : m.scan}
        </Button>
      ) : (
        <View className='section'>
          <Field label={m.token} hint={m.tokenHint} placeholder={m.tokenPlaceholder} value={text} maxlength={200} onChange={setText} />
          <Button className='btn-block' type='primary' size='large' block disabled={busy} onClick={() => void lookup(text)}>
            {busy ? m.looking : m.lookup}
          </Button>
        </View>
      )}
      {error ? <Notice kind='error'>{error}</Notice> : null}
      {done ? <Notice kind='success'>{done}</Notice> : null}
      <FailureNotice of={checkIn} failed={m.checkInFailed} />
      {person ? (
        <View className='card scan-person'>
          <Kv k={m.name} v={person.name} />
          <Kv k={m.volunteerNo} v={person.volunteerNo ?? m.noNumber} />
          <Kv k={m.phone} v={person.phoneMasked} />
          <Kv k={m.teams} v={person.teams.length ? person.teams.map((t) => t.name).join('、') : m.noTeams} />
        </View>
      ) : null}
      {person ? (
        <View className='section'>
          <Text className='section__title'>{m.activitiesTitle}</Text>
          {person.activities.length === 0 ? <Text className='text'>{m.noActivities}</Text> : null}
          {person.activities.map((a) => (
            <View key={a.id} className='card scan-activity'>
              <Text className='scan-activity__title'>{a.title}</Text>
              <Text className='text'>{a.timeText}</Text>
              <Text className='muted'>{a.waitlisted ? m.waitlisted : m.attendance[a.attendance]}</Text>
              {!a.waitlisted && a.attendance === 'none' ? (
                <Button className='btn-block' type='primary' size='large' block disabled={checkIn.busy} onClick={() => void checkInTo(a.id)}>
                  {checkIn.busy ? m.checkingIn : m.checkIn}
                </Button>
              ) : null}
            </View>
          ))}
        </View>
      ) : null}
      <Button className='btn-block' size='large' block onClick={() => back(ROUTES.leader)}>
        {m.back}
      </Button>
    </Screen>
  );
}
