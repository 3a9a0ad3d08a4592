/**
 * 街道值班表 (admin): who is on duty now; the shifts (person, 周一…周日, from–to; a shift whose end is
 * not after its start runs into the next day), each removable; adding a shift (a person from
 * `candidates`, weekday checkboxes, from / to time pickers; a person's second shift at the same hours
 * is refused); the hours of the week nobody would be on duty; the list saved as a whole with
 * alerts.setRoster. Below, the alarm chain's order and its waiting time per alert kind (alerts.setChain,
 * whole minutes, at least 5). Changes show inline; nothing is saved until the save button.
 */
import { Picker, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { DutyRosterView } from '@core/api';
import { Choices } from '@/components/Choices';
import { Field } from '@/components/Field';
import { FieldError } from '@/components/FieldError';
import { FailureNotice } from '@/components/FailureNotice';
import { Notice } from '@/components/Notice';
import { Screen } from '@/components/Screen';
import { useLeaveGuard } from '@/hooks/useLeaveGuard';
import { useMutation } from '@/hooks/useMutation';
import { useQuery } from '@/hooks/useQuery';
import { useSession } from '@/hooks/useSession';
import { commonMessages } from '@/messages/common';
import { WEEKDAY_NAMES } from '@/services/dates';
import { dutyGaps, overlappingShifts } from '@/services/rules';
import { ROUTES, back } from '@/services/routes';
import { Button, Checkbox } from '@/ui/nutui';
import { messages as m } from './messages';
import './index.scss';

type Shift = DutyRosterView['shifts'][number];
type Kind = keyof DutyRosterView['waitMinutes'];
const KINDS: Kind[] = ['help', 'emergency', 'unreachable', 'overdue'];
/** 1 = Monday … 7 = Sunday (WEEKDAY_NAMES starts on Sunday). */
const DAYS = [1, 2, 3, 4, 5, 6, 7];
const dayName = (d: number) => WEEKDAY_NAMES[d % 7] ?? '';

function daysText(days: number[]): string {
  return [...days]
    .sort((a, b) => a - b)
    .map(dayName)
    .join('、');
}

export default function DutyRoster() {
  const { me } = useSession('registered');
  const isAdmin = !!me?.roles.includes('admin');
  const roster = useQuery('alerts', 'roster', {}, isAdmin);
  const saveRoster = useMutation('alerts', 'setRoster');
  const saveChain = useMutation('alerts', 'setChain');

  const [view, setView] = useState<DutyRosterView | null>(null);
  const [shifts, setShifts] = useState<Shift[]>([]);
  const [dirty, setDirty] = useState(false);
  useLeaveGuard(dirty, m.leaveUnsaved);
  const [note, setNote] = useState<string | null>(null);

  const [who, setWho] = useState<string | null>(null);
  const [days, setDays] = useState<number[]>([]);
  const [from, setFrom] = useState('08:30');
  const [to, setTo] = useState('17:30');
  const [addErrors, setAddErrors] = useState<{ who?: string; days?: string; time?: string }>({});

  const [waits, setWaits] = useState<Record<Kind, string>>({ help: '', emergency: '', unreachable: '', overdue: '' });
  const [waitErrors, setWaitErrors] = useState<Partial<Record<Kind, string>>>({});
  const [chainNote, setChainNote] = useState<string | null>(null);

  const show = (v: DutyRosterView) => {
    setView(v);
    setShifts(v.shifts);
    setDirty(false);
    setWaits({
      help: String(v.waitMinutes.help),
      emergency: String(v.waitMinutes.emergency),
      unreachable: String(v.waitMinutes.unreachable),
      overdue: String(v.waitMinutes.overdue),
    });
  };
  useEffect(() => {
    if (roster.data) show(roster.data);
  }, [roster.data]);

  if (!isAdmin || !view) {
    return (
      <Screen>
        <Text className='greeting'>{m.heading}</Text>
        {me && !isAdmin ? <Notice kind='info'>{m.notAdmin}</Notice> : null}
        {roster.error ? <Notice kind='error'>{m.loadFailed + roster.error}</Notice> : null}
        {isAdmin && !roster.error ? <Text className='loading'>{commonMessages.loading}</Text> : null}
      </Screen>
    );
  }

  // From the list as it stands, saved or not: the admin sees what a change would leave uncovered.
  const gaps = dutyGaps(shifts);
  const remove = (i: number) => {
    setShifts(shifts.filter((_, j) => j !== i));
    setDirty(true);
    setNote(m.removed);
  };
  const toggleDay = (d: number, on: boolean) => setDays(on ? [...new Set([...days, d])] : days.filter((x) => x !== d));
  const add = () => {
    const e: typeof addErrors = {};
    const person = view.candidates.find((c) => c.userId === who);
    if (!person) e.who = m.add.needWho;
    if (!days.length) e.days = m.add.needDays;
    if (from === to) e.time = m.add.sameTime;
    const shift = person ? { userId: person.userId, name: person.name, weekdays: [...days].sort((a, b) => a - b), from, to } : null;
    if (shift && !e.days && !e.time && overlappingShifts([...shifts, shift])) e.time = m.add.overlaps(shift.name);
    setAddErrors(e);
    if (!shift || Object.keys(e).length) return;
    setShifts([...shifts, shift]);
    setDirty(true);
    setNote(m.add.added);
    setWho(null);
    setDays([]);
  };
  const save = async () => {
    setNote(null);
    const res = await saveRoster.run({ shifts: shifts.map((s) => ({ userId: s.userId, weekdays: s.weekdays, from: s.from, to: s.to })) });
    if (!res) return;
    show(res);
    setNote(m.saved);
  };
  const saveWaits = async () => {
    setChainNote(null);
    const e: Partial<Record<Kind, string>> = {};
    const minutes = { ...view.waitMinutes };
    for (const k of KINDS) {
      const n = Number(waits[k].trim());
      if (!/^\d+$/.test(waits[k].trim()) || n < 5 || n > 24 * 60) e[k] = m.waitInvalid;
      else minutes[k] = n;
    }
    setWaitErrors(e);
    if (Object.keys(e).length) return;
    const res = await saveChain.run({ waitMinutes: minutes });
    if (!res) return;
    show(res);
    setChainNote(m.savedChain);
  };

  return (
    <Screen>
      <Text className='greeting'>{m.heading}</Text>
      <Text className='text field'>{m.intro}</Text>

      <View className='section'>
        <Text className='section__title'>{m.onDutyTitle}</Text>
        {view.onDutyNow.length ? (
          <View className='card'>
            {view.onDutyNow.map((p) => (
              <Text key={p.userId} className='duty-now'>
                {p.name}
              </Text>
            ))}
          </View>
        ) : (
          <Notice kind='warning'>{m.onDutyNone}</Notice>
        )}
      </View>

      <View className='section'>
        <Text className='section__title'>{m.shiftsTitle}</Text>
        {shifts.length === 0 ? <Text className='text field'>{m.noShifts}</Text> : null}
        {shifts.map((s, i) => (
          <View key={`${s.userId}-${i}`} className='card duty-shift'>
            <View className='duty-shift__body'>
              <Text className='duty-shift__name'>{s.name}</Text>
              <Text className='text'>{daysText(s.weekdays)}</Text>
              <Text className='text'>{m.shiftTime(s.from, s.to)}</Text>
            </View>
            <Button size='large' onClick={() => remove(i)}>
              {m.remove}
            </Button>
          </View>
        ))}
      </View>

      <View className='section'>
        <Text className='section__title'>{m.gapsTitle}</Text>
        {gaps.length ? (
          <View className='card duty-gaps'>
            <Text className='field__hint'>{m.gapsHint}</Text>
            {gaps.map((g) => (
              <Text key={`${g.fromDay}-${g.from}`} className='text duty-gap'>
                {shifts.length ? m.gap(dayName(g.fromDay), g.from, dayName(g.toDay), g.to) : m.gapWholeWeek}
              </Text>
            ))}
          </View>
        ) : (
          <Text className='text field'>{m.gapsNone}</Text>
        )}
      </View>

      <View className='section card'>
        <Text className='section__title'>{m.add.title}</Text>
        {view.candidates.length ? (
          <Choices
            label={m.add.who}
            options={view.candidates.map((c) => ({ value: c.userId, label: `${c.name}（${c.roleText}）` }))}
            value={who}
            onChange={setWho}
            error={addErrors.who}
          />
        ) : (
          <Notice kind='info'>{m.add.noCandidates}</Notice>
        )}
        <View className={`field${addErrors.days ? ' field--invalid' : ''}`}>
          <Text className='field__label'>{m.add.days}</Text>
          <View className='duty-days'>
            {DAYS.map((d) => (
              <View key={d} className='consent duty-day'>
                <Checkbox checked={days.includes(d)} label={dayName(d)} onChange={(on) => toggleDay(d, on)} />
              </View>
            ))}
          </View>
          <FieldError message={addErrors.days} />
        </View>
        <View className={`field${addErrors.time ? ' field--invalid' : ''}`}>
          <Text className='field__label'>{m.add.from}</Text>
          <Picker mode='time' value={from} onChange={(e) => setFrom(String(e.detail.value))}>
            <View className='field__input duty-time'>{m.add.pick(from)}</View>
          </Picker>
          <Text className='field__label'>{m.add.to}</Text>
          <Picker mode='time' value={to} onChange={(e) => setTo(String(e.detail.value))}>
            <View className='field__input duty-time'>{m.add.pick(to)}</View>
          </Picker>
          <Text className='field__hint'>{m.shiftTime(from, to)}</Text>
          <FieldError message={addErrors.time} />
        </View>
        <Button className='btn-block' size='large' block onClick={add}>
          {m.add.submit}
        </Button>
      </View>

      {note ? <Notice kind={dirty ? 'info' : 'success'}>{note}</Notice> : null}
      {dirty ? <Notice kind='warning'>{m.unsaved}</Notice> : null}
      <FailureNotice of={saveRoster} failed={m.failed} />
      <Button className='btn-block' type='primary' size='large' block disabled={saveRoster.busy || !dirty} onClick={() => void save()}>
        {saveRoster.busy ? m.saving : m.save}
      </Button>

      <View className='section'>
        <Text className='section__title'>{m.chainTitle}</Text>
        <Text className='text field'>{m.chainOrder(view.links.map((l) => l.linkText).join(' → '))}</Text>
        <View className='card'>
          <Text className='section__title'>{m.waitTitle}</Text>
          <Text className='field__hint'>{m.waitHint}</Text>
          {KINDS.map((k) => (
            <Field
              key={k}
              label={`${m.kinds[k]}（${m.minutes}）`}
              type='number'
              maxlength={4}
              value={waits[k]}
              error={waitErrors[k] ?? saveChain.fieldErrors[`waitMinutes.${k}`]}
              onChange={(v) => setWaits({ ...waits, [k]: v })}
            />
          ))}
          {chainNote ? <Notice kind='success'>{chainNote}</Notice> : null}
          <FailureNotice of={saveChain} failed={m.failed} />
          <Button className='btn-block' type='primary' size='large' block disabled={saveChain.busy} onClick={() => void saveWaits()}>
            {saveChain.busy ? m.savingChain : m.saveChain}
          </Button>
        </View>
      </View>

      <Button className='btn-block' size='large' block onClick={() => back(ROUTES.admin)}>
        {m.back}
      </Button>
    </Screen>
  );
}
