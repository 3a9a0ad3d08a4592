/**
 * 安排 / 修改 / 取消活动. `?teamId=` creates (one-off or a weekly series in one step); `?id=` edits
 * one activity (for a series: this one, or this one and the following) and offers cancelling it
 * with a reason, confirmed in a second step on the page.
 */
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import type { ActivityDetail, Input, ServiceCategory } from '@core/api';
import { Choices } from '@/components/Choices';
import { ConfirmStep } from '@/components/ConfirmStep';
import { Field } from '@/components/Field';
import { Notice } from '@/components/Notice';
import { Screen } from '@/components/Screen';
import { TextArea } from '@/components/TextArea';
import { useMutation } from '@/hooks/useMutation';
import { useQuery } from '@/hooks/useQuery';
import { useSession } from '@/hooks/useSession';
import { commonMessages } from '@/messages/common';
import { call } from '@/services/api';
import { addDays, dayLabel, localParts, today } from '@/services/format';
import { isRealDate } from '@/services/rules';
import { ROUTES, back, go, replace, useParam } from '@/services/routes';
import { Button } from '@/ui/nutui';
import { TeamPicker } from '../components/TeamPicker';
import { useLedTeams } from '../components/useLedTeams';
import { messages as m } from './messages';
import './index.scss';

const isWeapp = process.env.TARO_ENV === 'weapp';
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

interface Form {
  title: string;
  description: string;
  category: string | null;
  placeName: string;
  lat: string;
  lng: string;
  date: string;
  startTime: string;
  endTime: string;
  capacity: string;
  signupClose: string;
  cancelClose: string;
  who: 'all' | 'members';
  minAge: string;
  geofence: string;
  repeat: 'once' | 'weekly';
  weeks: string;
}

/** The next Saturday (Shanghai) after today. */
function nextSaturday(): string {
  const t = today();
  const wd = localParts(`${t}T04:00:00.000Z`).weekday;
  return addDays(t, ((6 - wd + 7) % 7) || 7);
}

const EMPTY = (): Form => ({
  title: '',
  description: '',
  category: null,
  placeName: '',
  lat: '',
  lng: '',
  date: nextSaturday(),
  startTime: '09:00',
  endTime: '11:00',
  capacity: '10',
  signupClose: '0',
  cancelClose: '120',
  who: 'all',
  minAge: '',
  geofence: 'none',
  repeat: 'once',
  weeks: '8',
});

function fromActivity(a: ActivityDetail): Form {
  const start = Date.parse(a.startAt);
  return {
    title: a.title,
    description: a.description,
    category: a.category,
    placeName: a.place.name,
    lat: String(a.place.latitude),
    lng: String(a.place.longitude),
    date: a.date,
    startTime: a.startTime,
    endTime: a.endTime,
    capacity: String(a.capacity),
    signupClose: String(Math.round((start - Date.parse(a.signupDeadline)) / 60_000)),
    cancelClose: String(Math.round((start - Date.parse(a.cancelDeadline)) / 60_000)),
    who: a.membersOnly ? 'members' : 'all',
    minAge: a.minAge ? String(a.minAge) : '',
    geofence: a.geofenceRadiusM ? String(a.geofenceRadiusM) : 'none',
    repeat: 'once',
    weeks: '8',
  };
}

type Errors = Partial<Record<keyof Form | 'place', string>>;

function validate(f: Form, creating: boolean): Errors {
  const e: Errors = {};
  const title = f.title.trim();
  if (title.length < 2 || title.length > 30) e.title = m.titleField.invalid;
  if (!f.category) e.category = m.category.invalid;
  if (f.placeName.trim().length < 2) e.placeName = m.place.invalid;
  if (!Number.isFinite(Number.parseFloat(f.lat)) || !Number.isFinite(Number.parseFloat(f.lng))) e.place = m.place.coordsInvalid;
  if (!DATE.test(f.date.trim())) e.date = m.date.invalid;
  if (!TIME.test(f.startTime.trim())) e.startTime = m.start.invalid;
  if (!TIME.test(f.endTime.trim())) e.endTime = m.end.invalid;
  else if (TIME.test(f.startTime.trim()) && f.endTime.trim() <= f.startTime.trim()) e.endTime = m.end.before;
  const cap = Number(f.capacity);
  if (!/^\d+$/.test(f.capacity.trim()) || cap < 1 || cap > 200) e.capacity = m.capacity.invalid;
  if (f.minAge.trim() && (!/^\d+$/.test(f.minAge.trim()) || Number(f.minAge) < 14 || Number(f.minAge) > 100)) e.minAge = m.minAge.invalid;
  if (creating && f.repeat === 'weekly' && (!/^\d+$/.test(f.weeks.trim()) || Number(f.weeks) < 2 || Number(f.weeks) > 26)) e.weeks = m.weeks.invalid;
  return e;
}

interface Place {
  name: string;
  latitude: number;
  longitude: number;
}

/** Categories and places the leader can choose: the policy (admin), else what help and the street's activities use. */
function useChoices(enabled: boolean) {
  const [categories, setCategories] = useState<ServiceCategory[]>([]);
  const [places, setPlaces] = useState<Place[]>([]);
  useEffect(() => {
    if (!enabled) return;
    void (async () => {
      const seen = new Map<string, Place>();
      const cats = new Map<string, ServiceCategory>();
      try {
        const acts = await call('activities', 'list', { from: addDays(today(), -60), limit: 100, includeCancelled: true });
        for (const a of acts.items) {
          seen.set(a.place.name, { ...a.place });
          cats.set(a.category, { id: a.category, name: a.categoryName, earnsCredits: false });
        }
      } catch {
        // places stay empty: the name and the map remain
      }
      try {
        const policy = await call('timebank', 'policy', {});
        setCategories(policy.categories);
      } catch {
        // timebank.policy is for the admin; leaders get the credit-earning categories from help.categories.
        try {
          const help = await call('help', 'categories', {});
          for (const c of help.categories) cats.set(c.id, c);
        } catch {
          // keep what the activities showed
        }
        setCategories([...cats.values()]);
      }
      setPlaces([...seen.values()]);
    })();
  }, [enabled]);
  return { categories, places };
}

export default function ActivityForm() {
  const id = useParam('id');
  const teamParam = useParam('teamId');
  const { me } = useSession('registered');
  const ready = !!me?.registered;
  const led = useLedTeams();
  const detail = useQuery('activities', 'detail', { activityId: id }, ready && !!id);
  const choices = useChoices(ready);
  const create = useMutation('activities', 'create');
  const update = useMutation('activities', 'update');
  const cancel = useMutation('activities', 'cancel');
  const [teamId, setTeamId] = useState<string | null>(teamParam || null);
  const [form, setForm] = useState<Form>(EMPTY);
  const [original, setOriginal] = useState<Form | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [tried, setTried] = useState(false);
  const [scope, setScope] = useState<'one' | 'following'>('one');
  const [done, setDone] = useState<{ text: string; firstId?: string } | null>(null);
  const [nothing, setNothing] = useState(false);
  const [cancelOpen, setCancelOpen] = useState(false);
  const [cancelStep, setCancelStep] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [cancelScope, setCancelScope] = useState<'one' | 'following'>('one');
  const [cancelled, setCancelled] = useState<string | null>(null);
  const [showCoords, setShowCoords] = useState(false);

  const editing = !!id;
  const a = detail.data;
  useEffect(() => {
    if (a && !original) {
      const f = fromActivity(a);
      setForm(f);
      setOriginal(f);
      setTeamId(a.teamId);
    }
  }, [a, original]);
  useEffect(() => {
    if (!editing && !teamId && led.teams[0]) setTeamId(led.teams[0].id);
  }, [editing, teamId, led.teams]);

  const team = led.teams.find((t) => t.id === teamId) ?? null;
  const set = <K extends keyof Form>(key: K, value: Form[K]) => {
    const next = { ...form, [key]: value };
    setForm(next);
    setNothing(false);
    if (tried) setErrors(validate(next, !editing));
  };

  const usePlace = (p: Place) => {
    const next = { ...form, placeName: p.name, lat: String(p.latitude), lng: String(p.longitude) };
    setForm(next);
    if (tried) setErrors(validate(next, !editing));
  };

  const pickOnMap = async () => {
    try {
      const lat = Number.parseFloat(form.lat);
      const lng = Number.parseFloat(form.lng);
      const res = await Taro.chooseLocation(Number.isFinite(lat) && Number.isFinite(lng) ? { latitude: lat, longitude: lng } : {});
      usePlace({ name: res.name || res.address || form.placeName, latitude: res.latitude, longitude: res.longitude });
    } catch {
      // the leader closed the map: nothing changes
    }
  };

  const fields = () => ({
    title: form.title.trim(),
    description: form.description.trim(),
    category: form.category ?? '',
    place: { name: form.placeName.trim(), latitude: Number.parseFloat(form.lat), longitude: Number.parseFloat(form.lng) },
    date: form.date.trim(),
    startTime: form.startTime.trim(),
    endTime: form.endTime.trim(),
    capacity: Number(form.capacity),
    signupCloseMinutes: Number(form.signupClose),
    cancelCloseMinutes: Number(form.cancelClose),
    membersOnly: form.who === 'members',
    minAge: form.minAge.trim() ? Number(form.minAge) : null,
    geofenceRadiusM: form.geofence === 'none' ? null : Number(form.geofence),
  });

  const submit = async () => {
    setTried(true);
    setDone(null);
    const e = validate(form, !editing);
    setErrors(e);
    if (Object.keys(e).length) return;
    const f = fields();
    if (!editing) {
      if (!teamId) return;
      const res = await create.run({ teamId, ...f, ...(form.repeat === 'weekly' ? { repeatWeeks: Number(form.weeks) } : {}) });
      if (res) setDone({ text: m.created(res.activities.length), firstId: res.activities[0]?.id });
      return;
    }
    if (!a || !original) return;
    // Only what changed; moving the date is for one occurrence only.
    const before = fromActivity(a);
    const o = {
      title: before.title.trim(),
      description: before.description.trim(),
      category: before.category,
      place: `${before.placeName}|${before.lat}|${before.lng}`,
    };
    const changes: Input<'activities', 'update'>['changes'] = {};
    if (f.title !== o.title) changes.title = f.title;
    if (f.description !== o.description) changes.description = f.description;
    if (f.category !== o.category) changes.category = f.category;
    if (`${form.placeName.trim()}|${form.lat}|${form.lng}` !== o.place) changes.place = f.place;
    if (f.date !== before.date && (scope === 'one' || !a.seriesId)) changes.date = f.date;
    if (f.startTime !== before.startTime) changes.startTime = f.startTime;
    if (f.endTime !== before.endTime) changes.endTime = f.endTime;
    if (String(f.capacity) !== before.capacity) changes.capacity = f.capacity;
    if (String(f.signupCloseMinutes) !== before.signupClose) changes.signupCloseMinutes = f.signupCloseMinutes;
    if (String(f.cancelCloseMinutes) !== before.cancelClose) changes.cancelCloseMinutes = f.cancelCloseMinutes;
    if (form.who !== before.who) changes.membersOnly = f.membersOnly;
    if (form.minAge.trim() !== before.minAge) changes.minAge = f.minAge;
    if (form.geofence !== before.geofence) changes.geofenceRadiusM = f.geofenceRadiusM;
    if (Object.keys(changes).length === 0) {
      setNothing(true);
      return;
    }
    const res = await update.run({ activityId: a.id, ...(a.seriesId ? { scope } : {}), changes });
    if (res) {
      setDone({ text: m.saved(res.notified), firstId: a.id });
      setOriginal(null);
      await detail.reload();
    }
  };

  const toCancelStep = () => {
    if (reason.trim().length < 2) {
      setReasonError(m.reason.invalid);
      return;
    }
    setReasonError(null);
    setCancelStep(true);
  };

  const doCancel = async () => {
    if (!a) return;
    const res = await cancel.run({ activityId: a.id, reason: reason.trim(), ...(a.seriesId ? { scope: cancelScope } : {}) });
    setCancelStep(false);
    if (res) {
      setCancelled(m.cancelled(res.activities.length, res.notified));
      setCancelOpen(false);
      await detail.reload();
    }
  };

  if (editing && !a) {
    return (
      <Screen>
        {detail.error ? <Notice kind='error'>{m.loadFailed + detail.error}</Notice> : <Text className='loading'>{commonMessages.loading}</Text>}
      </Screen>
    );
  }
  if (a && !a.canManage) {
    return (
      <Screen>
        <Notice kind='warning'>{m.noTeam}</Notice>
      </Screen>
    );
  }

  const mutation = editing ? update : create;
  const shown: Errors = { ...(mutation.fieldErrors as Errors), ...errors };
  const hasErrors = Object.keys(errors).length > 0;
  const categories = choices.categories.length ? choices.categories : a ? [{ id: a.category, name: a.categoryName, earnsCredits: false }] : [];
  const isCancelled = a?.status === 'cancelled';

  return (
    <Screen>
      <Text className='greeting'>{editing ? m.editHeading : m.createHeading}</Text>
      {cancelled ? <Notice kind='success'>{cancelled}</Notice> : null}
      {editing && a ? (
        <View className='form-subject'>
          <Text className='section__title'>{a.title}</Text>
          <Text className='text'>{a.timeText}</Text>
          <Text className='muted'>{m.team(a.teamName)}</Text>
        </View>
      ) : null}
      {!editing ? (
        team && led.teams.length < 2 ? (
          <Text className='text'>{m.team(team.name)}</Text>
        ) : (
          <TeamPicker label={m.chooseTeam} teams={led.teams} value={teamId} onChange={setTeamId} />
        )
      ) : null}

      {done ? (
        <View className='section'>
          <Notice kind='success'>{done.text}</Notice>
          {done.firstId ? (
            <Button className='btn-block' type='primary' size='large' block onClick={() => replace(ROUTES.activity, { id: done.firstId })}>
              {m.toDetail}
            </Button>
          ) : null}
          <Button className='btn-block' size='large' block onClick={() => replace(ROUTES.schedule, { teamId: teamId ?? '' })}>
            {m.toSchedule}
          </Button>
          {!editing ? (
            <Button
              className='btn-block'
              size='large'
              block
              onClick={() => {
                setDone(null);
                setForm(EMPTY());
                setTried(false);
                setErrors({});
              }}
            >
              {m.another}
            </Button>
          ) : null}
        </View>
      ) : null}

      {!done && !isCancelled ? (
        <View className='section activity-form'>
          {editing && a?.seriesId ? (
            <Choices
              label={m.scope.label}
              options={[
                { value: 'one', label: m.scope.one },
                { value: 'following', label: m.scope.following },
              ]}
              value={scope}
              onChange={(v) => setScope(v as 'one' | 'following')}
            />
          ) : null}
          <Field label={m.titleField.label} placeholder={m.titleField.placeholder} value={form.title} maxlength={30} error={shown.title} onChange={(v) => set('title', v)} />
          <TextArea label={m.description.label} placeholder={m.description.placeholder} value={form.description} maxlength={500} error={shown.description} onChange={(v) => set('description', v)} />
          <Choices
            label={m.category.label}
            options={categories.map((c) => ({ value: c.id, label: c.earnsCredits ? `${c.name}${m.category.credits}` : c.name }))}
            value={form.category}
            error={shown.category}
            onChange={(v) => set('category', v)}
          />

          <View className='field'>
            <Text className='field__label'>{m.place.label}</Text>
            {choices.places.length ? <Text className='field__hint'>{m.place.known}</Text> : null}
            {choices.places.length ? (
              <Choices
                options={choices.places.map((p) => ({ value: p.name, label: p.name }))}
                value={choices.places.some((p) => p.name === form.placeName && String(p.latitude) === form.lat) ? form.placeName : null}
                onChange={(v) => {
                  const p = choices.places.find((x) => x.name === v);
                  if (p) usePlace(p);
                }}
              />
            ) : null}
            {isWeapp ? (
              <Button className='btn-block' size='large' block onClick={() => void pickOnMap()}>
                {m.place.pick}
              </Button>
            ) : null}
          </View>
          <Field label={m.place.name} placeholder={m.place.namePlaceholder} value={form.placeName} maxlength={60} error={shown.placeName} onChange={(v) => set('placeName', v)} />
          {form.lat && form.lng && !showCoords ? <Text className='muted field__after'>{m.place.located(form.lat, form.lng)}</Text> : null}
          {showCoords ? (
            <>
              <Text className='field__hint'>{m.place.coords}</Text>
              <View className='coords'>
                <Field label={m.place.lat} type='digit' value={form.lat} maxlength={12} onChange={(v) => set('lat', v)} />
                <Field label={m.place.lng} type='digit' value={form.lng} maxlength={12} onChange={(v) => set('lng', v)} />
              </View>
            </>
          ) : null}
          {shown.place ? <Notice kind='error'>{shown.place}</Notice> : null}
          <Button className='btn-block form-coords-toggle' size='large' block onClick={() => setShowCoords(!showCoords)}>
            {showCoords ? m.place.hideCoords : m.place.editCoords}
          </Button>
          <View className='section' />

          {!editing || scope === 'one' || !a?.seriesId ? (
            <>
              <Field label={m.date.label} hint={m.date.hint} placeholder={m.date.placeholder} value={form.date} maxlength={10} error={shown.date} onChange={(v) => set('date', v)} />
              {isRealDate(form.date.trim()) ? <Text className='muted field__after form-weekday'>{m.date.is(dayLabel(form.date.trim()))}</Text> : null}
            </>
          ) : (
            <Text className='muted field'>{m.scope.dateOnlyOne}</Text>
          )}
          <View className='coords'>
            <Field label={m.start.label} placeholder={m.start.placeholder} value={form.startTime} maxlength={5} error={shown.startTime} onChange={(v) => set('startTime', v)} />
            <Field label={m.end.label} placeholder={m.end.placeholder} value={form.endTime} maxlength={5} error={shown.endTime} onChange={(v) => set('endTime', v)} />
          </View>
          <Field label={m.capacity.label} type='number' placeholder={m.capacity.placeholder} value={form.capacity} maxlength={3} error={shown.capacity} onChange={(v) => set('capacity', v)} />
          <Choices
            label={m.signupClose.label}
            options={Object.entries(m.signupClose.options).map(([value, label]) => ({ value, label }))}
            value={form.signupClose}
            onChange={(v) => set('signupClose', v)}
          />
          <Choices
            label={m.cancelClose.label}
            options={Object.entries(m.cancelClose.options).map(([value, label]) => ({ value, label }))}
            value={form.cancelClose}
            onChange={(v) => set('cancelClose', v)}
          />
          <Choices
            label={m.who.label}
            options={[
              { value: 'all', label: m.who.all },
              { value: 'members', label: m.who.members },
            ]}
            value={form.who}
            onChange={(v) => set('who', v as Form['who'])}
          />
          <Field label={m.minAge.label} type='number' placeholder={m.minAge.placeholder} value={form.minAge} maxlength={3} error={shown.minAge} onChange={(v) => set('minAge', v)} />
          <Choices
            label={m.geofence.label}
            options={[...m.geofence.options]}
            value={form.geofence}
            onChange={(v) => set('geofence', v)}
          />
          {!editing ? (
            <>
              <Choices
                label={m.repeat.label}
                options={[
                  { value: 'once', label: m.repeat.once },
                  { value: 'weekly', label: m.repeat.weekly },
                ]}
                value={form.repeat}
                onChange={(v) => set('repeat', v as Form['repeat'])}
              />
              {form.repeat === 'weekly' ? (
                <Field label={m.weeks.label} type='number' hint={m.weeks.hint} placeholder={m.weeks.placeholder} value={form.weeks} maxlength={2} error={shown.weeks} onChange={(v) => set('weeks', v)} />
              ) : null}
            </>
          ) : null}

          {tried && hasErrors ? <Notice kind='warning'>{m.fixAbove}</Notice> : null}
          {nothing ? <Notice kind='info'>{m.nothing}</Notice> : null}
          {mutation.error ? (
            <Notice kind='error'>
              {m.failed + mutation.error}
              {mutation.retryable ? <Text className='text'>{m.retryHint}</Text> : null}
            </Notice>
          ) : null}
          <Button className='btn-block' type='primary' size='large' block disabled={mutation.busy || (!editing && !teamId)} onClick={() => void submit()}>
            {mutation.busy ? m.saving : editing ? m.save : m.create}
          </Button>
        </View>
      ) : null}

      {editing && a && !isCancelled && a.phase === 'upcoming' && !done ? (
        <View className='section card'>
          <Text className='section__title'>{m.cancelTitle}</Text>
          <Text className='text'>{m.cancelIntro}</Text>
          {cancel.error ? <Notice kind='error'>{m.cancelFailed + cancel.error}</Notice> : null}
          {!cancelOpen ? (
            <Button className='btn-block' size='large' block onClick={() => setCancelOpen(true)}>
              {m.cancelNext}
            </Button>
          ) : cancelStep ? (
            <ConfirmStep confirmLabel={m.doCancel} busyLabel={m.cancelling} busy={cancel.busy} danger onConfirm={() => void doCancel()} onBack={() => setCancelStep(false)}>
              <Text className='confirm__big'>{m.cancelWhat(a.title, a.timeText, a.signedCount + a.waitlistCount)}</Text>
              {a.seriesId ? <Text className='text'>{cancelScope === 'one' ? m.cancelScope.one : m.cancelScope.following}</Text> : null}
              <Text className='text'>{reason.trim()}</Text>
            </ConfirmStep>
          ) : (
            <View>
              {a.seriesId ? (
                <Choices
                  options={[
                    { value: 'one', label: m.cancelScope.one },
                    { value: 'following', label: m.cancelScope.following },
                  ]}
                  value={cancelScope}
                  onChange={(v) => setCancelScope(v as 'one' | 'following')}
                />
              ) : null}
              <TextArea label={m.reason.label} placeholder={m.reason.placeholder} value={reason} maxlength={200} error={reasonError} onChange={setReason} />
              <Button className='btn-block' type='danger' size='large' block onClick={toCancelStep}>
                {m.cancelNext}
              </Button>
              <Button className='btn-block' size='large' block onClick={() => setCancelOpen(false)}>
                {commonMessages.confirm.back}
              </Button>
            </View>
          )}
        </View>
      ) : null}

      <Button className='btn-block' size='large' block onClick={() => back(ROUTES.leader)}>
        {m.back}
      </Button>
    </Screen>
  );
}
