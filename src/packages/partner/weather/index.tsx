/**
 * 老伙伴设置 (street admin): the current rule (contacts a week, the weather alert), switching the
 * weather alert on (heat or cold, 1–14 days, a note) or off as a second step in place, and the
 * minimum contacts a week (`setProgramme`).
 */
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { ProgrammeView } from '@core/api';
import { ConfirmStep } from '@/components/ConfirmStep';
import { FailureNotice } from '@/components/FailureNotice';
import { Notice } from '@/components/Notice';
import { Screen } from '@/components/Screen';
import { TextArea } from '@/components/TextArea';
import { useMutation } from '@/hooks/useMutation';
import { useQuery } from '@/hooks/useQuery';
import { useSession } from '@/hooks/useSession';
import { commonMessages } from '@/messages/common';
import { dateTime } from '@/services/dates';
import { Button } from '@/ui/nutui';
import { BigChoices } from '../components/BigChoices';
import { messages as m } from './messages';
import '../components/partner.scss';
import './index.scss';

type Kind = 'heat' | 'cold';
const DAYS = ['1', '2', '3', '5', '7', '14'] as const;
const PER_WEEK = ['1', '2', '3', '4', '5', '6', '7'] as const;

export default function WeatherSwitch() {
  const { me } = useSession('registered');
  const programme = useQuery('partners', 'programme', {}, !!me?.registered);
  const weather = useMutation('partners', 'weather');
  const setProgramme = useMutation('partners', 'setProgramme');
  const [view, setView] = useState<ProgrammeView | null>(null);
  const [kind, setKind] = useState<Kind>('heat');
  const [days, setDays] = useState<string>('3');
  const [note, setNote] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [perWeek, setPerWeek] = useState('2');
  const [done, setDone] = useState<string | null>(null);

  useEffect(() => {
    if (programme.data) {
      setView(programme.data);
      setPerWeek(String(programme.data.perWeek));
    }
  }, [programme.data]);

  if (!view) {
    return (
      <Screen>
        <Text className='greeting'>{m.heading}</Text>
        {programme.error ? <Notice kind='error'>{m.loadFailed + programme.error}</Notice> : <Text className='loading'>{commonMessages.loading}</Text>}
      </Screen>
    );
  }

  const on = view.weather.on;
  const kindLabel = kind === 'heat' ? m.heat : m.cold;

  const switchWeather = async () => {
    setDone(null);
    const res = await weather.run(on ? { on: false } : { on: true, kind, days: Number(days), ...(note.trim() ? { note: note.trim() } : {}) });
    if (!res) return;
    setView(res);
    setConfirming(false);
    setDone(m.saved);
  };
  const savePerWeek = async () => {
    setDone(null);
    const res = await setProgramme.run({ perWeek: Number(perWeek) });
    if (!res) return;
    setView(res);
    setDone(m.saved);
  };

  return (
    <Screen>
      <Text className='greeting'>{m.heading}</Text>
      <View className='card'>
        <Text className='section__title'>{m.now}</Text>
        <Notice kind={on ? 'warning' : 'info'}>
          {on ? m.weatherOn(view.weather.kindText ?? '', view.weather.until ? dateTime(view.weather.until) : '') : m.weatherOff}
        </Notice>
        <Text className='text pt-line'>{m.perWeekNow(view.perWeek)}</Text>
        <Text className='text pt-line'>{view.teamName ? m.team(view.teamName) : m.noTeam}</Text>
      </View>
      {done ? <Notice kind='success'>{done}</Notice> : null}

      <View className='section'>
        <Text className='section__title'>{m.weatherTitle}</Text>
        <Text className='text field'>{m.weatherIntro}</Text>
        {!on ? (
          <>
            <BigChoices<Kind>
              label={m.kind}
              grid
              options={[
                { value: 'heat', label: m.heat, icon: '☀' },
                { value: 'cold', label: m.cold, icon: '❄' },
              ]}
              value={kind}
              onChange={setKind}
            />
            <BigChoices label={m.days} grid options={DAYS.map((d) => ({ value: d, label: m.daysLabel(d) }))} value={days} onChange={setDays} />
            <TextArea label={m.note} placeholder={m.notePlaceholder} value={note} maxlength={60} error={weather.fieldErrors.note} onChange={setNote} />
          </>
        ) : null}
        {!confirming ? (
          <Button className='btn-block' type={on ? 'default' : 'primary'} size='large' block onClick={() => setConfirming(true)}>
            {on ? m.turnOff : m.turnOn}
          </Button>
        ) : (
          <ConfirmStep
            confirmLabel={m.confirm}
            busyLabel={m.working}
            busy={weather.busy}
            backLabel={m.back}
            onConfirm={() => void switchWeather()}
            onBack={() => setConfirming(false)}
          >
            <Text className='text'>{on ? m.turnOffText : m.turnOnText(kindLabel, days)}</Text>
            <FailureNotice of={weather} failed={m.failed} />
          </ConfirmStep>
        )}
      </View>

      <View className='section'>
        <Text className='section__title'>{m.perWeekTitle}</Text>
        <BigChoices label={m.perWeekTitle} grid options={PER_WEEK.map((d) => ({ value: d, label: m.perWeekLabel(d) }))} value={perWeek} onChange={setPerWeek} />
        <FailureNotice of={setProgramme} failed={m.failed} />
        <Button className='btn-block' size='large' block disabled={setProgramme.busy} onClick={() => void savePerWeek()}>
          {setProgramme.busy ? m.working : m.savePerWeek}
        </Button>
      </View>
    </Screen>
  );
}
