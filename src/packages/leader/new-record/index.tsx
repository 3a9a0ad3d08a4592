/**
 * 登记服务记录: a team's leader (or an admin) records a member's service by hand (records.create),
 * for service outside an activity, or to correct a record taken back on 本队服务记录 (which opens
 * this page with the old record's details; the domain's corrections are new records, never edits).
 * The record waits for approval like any other; the page says so, and when it needs two approvers.
 */
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { RecordView } from '@core/api';
import { Choices } from '@/components/Choices';
import { Field, HOURS_INPUT } from '@/components/Field';
import { LoadMore } from '@/components/LoadMore';
import { FailureNotice } from '@/components/FailureNotice';
import { Notice } from '@/components/Notice';
import { Screen } from '@/components/Screen';
import { TextArea } from '@/components/TextArea';
import { useMutation } from '@/hooks/useMutation';
import { usePaged } from '@/hooks/usePaged';
import { useQuery } from '@/hooks/useQuery';
import { dayLabel, today } from '@/services/dates';
import { hours, readHours } from '@/services/format';
import { ROUTES, go, useParam } from '@/services/routes';
import { Button } from '@/ui/nutui';
import { addDays } from '@core/domain/schedule';
import { PickField } from '../components/PickField';
import { TeamPicker } from '../components/TeamPicker';
import { useChosenTeam } from '../components/useChosenTeam';
import { LISTED_WITHOUT_SEARCH, membersShown, nobodyNamed } from './members';
import { messages as m } from './messages';

interface Form {
  volunteerId: string | null;
  category: string | null;
  date: string;
  place: string;
  content: string;
  hours: string;
  served: string;
}

type Problems = Partial<Record<keyof Form, string>>;

export default function NewRecord() {
  const { led, teamId, setTeamId } = useChosenTeam();
  // Opened from a record taken back: its details, to correct.
  const correcting = useParam('content');
  const initial = (): Form => ({
    volunteerId: null,
    category: null,
    date: today(),
    place: '',
    content: '',
    hours: '',
    served: '',
  });
  const link = {
    volunteerId: useParam('volunteerId'),
    category: useParam('category'),
    date: useParam('date'),
    place: useParam('place'),
  };
  // The link's details, like ?teamId=, are there from the first render: they start the form.
  const [form, setForm] = useState<Form>(() => {
    const blank = initial();
    return {
      ...blank,
      volunteerId: link.volunteerId || null,
      category: link.category || null,
      date: link.date || blank.date,
      place: link.place,
      content: correcting,
    };
  });
  const members = usePaged('teams', 'members', { teamId: teamId ?? '', state: 'member', limit: 100 }, !!teamId);
  const filters = useQuery('activities', 'filters', {}, true);
  const create = useMutation('records', 'create');
  const [problems, setProblems] = useState<Problems>({});
  const [query, setQuery] = useState('');
  const [saved, setSaved] = useState<RecordView | null>(null);
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }));

  const submit = async () => {
    const read = readHours(form.hours, 24 * 60);
    const found: Problems = {};
    if (!form.volunteerId) found.volunteerId = m.volunteer.required;
    if (!form.category) found.category = m.category.required;
    if (form.place.trim().length < 2) found.place = m.place.required;
    if (form.content.trim().length < 2) found.content = m.content.required;
    if ('problem' in read) found.hours = m.hours[read.problem];
    setProblems(found);
    if (Object.keys(found).length || 'problem' in read || !teamId) return;
    const res = await create.run({
      volunteerId: form.volunteerId!,
      teamId,
      category: form.category!,
      date: form.date,
      place: form.place.trim(),
      content: form.content.trim(),
      minutes: read.minutes,
      ...(form.served.trim() ? { served: form.served.trim() } : {}),
    });
    if (res) setSaved(res);
  };

  if (saved) {
    return (
      <Screen>
        <Text className='greeting'>{m.heading}</Text>
        <Notice kind='success'>{m.done(saved.volunteerName, hours(saved.minutes.minutes))}</Notice>
        {saved.secondApproval ? <Notice kind='info'>{m.twoApprovers(saved.secondApproval.reasons.join('；'))}</Notice> : null}
        <Button className='btn-block' type='primary' size='large' block onClick={() => go(ROUTES.approvals, { teamId: saved.teamId })}>
          {m.toApprovals}
        </Button>
        <Button
          className='btn-block'
          size='large'
          block
          onClick={() => {
            setSaved(null);
            setForm(initial());
            setProblems({});
          }}
        >
          {m.another}
        </Button>
      </Screen>
    );
  }

  const people = members.items;
  const shownPeople = membersShown(people, query, form.volunteerId);
  const categories = filters.data?.categories ?? [];
  const fieldError = (key: keyof Form, path: string = key) => problems[key] ?? create.fieldErrors[path] ?? null;
  return (
    <Screen>
      <Text className='greeting'>{m.heading}</Text>
      <Text className='text'>{correcting ? m.correcting(correcting) : m.intro}</Text>
      <TeamPicker
        label={m.chooseTeam}
        teams={led.teams}
        value={teamId}
        onChange={(t) => {
          setTeamId(t);
          set('volunteerId', null);
          setQuery('');
        }}
      />
      {members.error ? <Notice kind='error'>{m.volunteer.failed + members.error}</Notice> : null}
      {members.loaded && people.length === 0 ? <Notice kind='info'>{m.volunteer.none}</Notice> : null}
      {people.length > LISTED_WITHOUT_SEARCH ? (
        <Field label={m.volunteer.search} placeholder={m.volunteer.searchPlaceholder} value={query} maxlength={20} onChange={setQuery} />
      ) : null}
      {nobodyNamed(people, query) ? <Notice kind='info'>{m.volunteer.notFound(query.trim())}</Notice> : null}
      {shownPeople.length ? (
        <Choices
          label={m.volunteer.label}
          options={shownPeople.map((p) => ({ value: p.userId, label: p.name }))}
          value={form.volunteerId}
          error={fieldError('volunteerId')}
          onChange={(v) => set('volunteerId', v)}
        />
      ) : null}
      {members.next ? <Text className='muted'>{m.volunteer.more(people.length)}</Text> : null}
      <LoadMore next={members.next} loading={members.loading} onMore={() => void members.more()} quietEnd />
      <Choices
        label={m.category.label}
        options={categories.map((c) => ({ value: c.id, label: `${c.name}${c.earnsCredits ? m.category.credits : m.category.noCredits}` }))}
        value={form.category}
        error={fieldError('category')}
        onChange={(v) => set('category', v)}
      />
      <PickField
        label={m.date.label}
        mode='date'
        value={form.date}
        shown={dayLabel(form.date)}
        start={addDays(today(), -366)}
        end={today()}
        error={create.fieldErrors.date ?? null}
        onChange={(v) => set('date', v)}
      />
      <Field
        label={m.place.label}
        placeholder={m.place.placeholder}
        value={form.place}
        error={fieldError('place')}
        maxlength={60}
        onChange={(v) => set('place', v)}
      />
      <TextArea
        label={m.content.label}
        placeholder={m.content.placeholder}
        value={form.content}
        maxlength={200}
        error={fieldError('content')}
        onChange={(v) => set('content', v)}
      />
      <Field
        label={m.hours.label}
        placeholder={m.hours.placeholder}
        hint={m.hours.hint}
        type={HOURS_INPUT}
        value={form.hours}
        error={fieldError('hours', 'minutes')}
        onChange={(v) => set('hours', v)}
      />
      <Field label={m.served.label} placeholder={m.served.placeholder} value={form.served} maxlength={60} onChange={(v) => set('served', v)} />
      <FailureNotice of={create} failed={m.failed} />
      <View className='section'>
        <Button className='btn-block' type='primary' size='large' block disabled={create.busy || !teamId} onClick={() => void submit()}>
          {create.busy ? m.busy : m.submit}
        </Button>
      </View>
    </Screen>
  );
}
