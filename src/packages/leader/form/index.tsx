/**
 * 安排 / 修改 / 取消活动. `?teamId=` creates (one-off or a weekly series in one step); `?id=` edits
 * one activity (for a series: this one, or this one and the following) and offers cancelling it
 * with a reason, confirmed in a second step on the page.
 *
 * The values and their checks are in form.ts and useActivityForm.ts; the form's parts are
 * PlaceSection, WhenSection and WhoSection; cancelling is CancelSection.
 */
import { Text, View } from '@tarojs/components';
import { useEffect, useRef, useState } from 'react';
import { ACTIVITY_LIMITS } from '@core/domain/activity-limits';
import { Choices } from '@/components/Choices';
import { Field } from '@/components/Field';
import { Notice } from '@/components/Notice';
import { FailureNotice } from '@/components/FailureNotice';
import { Screen } from '@/components/Screen';
import { TextArea } from '@/components/TextArea';
import { useLeaveGuard } from '@/hooks/useLeaveGuard';
import { useMutation } from '@/hooks/useMutation';
import { useQuery } from '@/hooks/useQuery';
import { useSession } from '@/hooks/useSession';
import { commonMessages } from '@/messages/common';
import { ROUTES, back, replace, useParam } from '@/services/routes';
import { Button } from '@/ui/nutui';
import { TeamPicker } from '../components/TeamPicker';
import { useLedTeams } from '../components/useLedTeams';
import { CancelSection } from './CancelSection';
import { changesFrom, fromActivity, toFields, type Errors, type Form } from './form';
import { messages as m } from './messages';
import { PlaceSection } from './PlaceSection';
import { useActivityForm } from './useActivityForm';
import { useChoices } from './useChoices';
import { WhenSection } from './WhenSection';
import { WhoSection } from './WhoSection';
import './index.scss';

export default function ActivityForm() {
  const id = useParam('id');
  const teamParam = useParam('teamId');
  const { me } = useSession('registered');
  const ready = !!me?.registered;
  const led = useLedTeams();
  const detail = useQuery('activities', 'detail', { activityId: id }, ready && !!id);
  const create = useMutation('activities', 'create');
  const update = useMutation('activities', 'update');
  const editing = !!id;
  const { form, setForm, preset, edited, errors, tried, nothing, setNothing, set, choosePlace, check, reset, focusKey } = useActivityForm(!editing);
  const [teamId, setTeamId] = useState<string | null>(teamParam || null);
  const choices = useChoices(ready, editing ? null : teamId);
  const [original, setOriginal] = useState<Form | null>(null);
  const [scope, setScope] = useState<'one' | 'following'>('one');
  const [done, setDone] = useState<{ text: string; firstId?: string } | null>(null);
  const [cancelled, setCancelled] = useState<string | null>(null);
  useLeaveGuard(edited && !done && !cancelled, m.leaveUnsaved);

  const a = detail.data;
  useEffect(() => {
    if (a && !original) {
      const f = fromActivity(a);
      setForm(f);
      setOriginal(f);
      setTeamId(a.teamId);
    }
  }, [a, original, setForm]);
  useEffect(() => {
    if (!editing && !teamId && led.teams[0]) setTeamId(led.teams[0].id);
  }, [editing, teamId, led.teams]);

  // A new activity starts with the team's usual category (its activities' most used), or with none
  // for the leader to choose; never the street's first category. What the page chose (not the
  // leader) follows a change of team.
  const chosenByPage = useRef<string | null>(null);
  useEffect(() => {
    if (editing || choices.usual === undefined) return;
    if (form.category !== null && form.category !== chosenByPage.current) return;
    chosenByPage.current = choices.usual;
    if (form.category !== choices.usual) preset('category', choices.usual);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the team's usual category arrives or the form is reset
  }, [editing, choices.usual, form.category]);

  const team = led.teams.find((t) => t.id === teamId) ?? null;

  const submit = async () => {
    setDone(null);
    if (!check()) return;
    if (!editing) {
      if (!teamId) return;
      const res = await create.run({ teamId, ...toFields(form), ...(form.repeat === 'weekly' ? { repeatWeeks: Number(form.weeks) } : {}) });
      if (res) setDone({ text: m.created(res.activities.length), firstId: res.activities[0]?.id });
      return;
    }
    if (!a || !original) return;
    const changes = changesFrom(a, form, scope);
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

  if (editing && !a) {
    return (
      <Screen>{detail.error ? <Notice kind='error'>{m.loadFailed + detail.error}</Notice> : <Text className='loading'>{commonMessages.loading}</Text>}</Screen>
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
                reset();
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
          <Field
            id='field-title'
            focus={focusKey === 'title'}
            label={m.titleField.label}
            placeholder={m.titleField.placeholder}
            value={form.title}
            maxlength={ACTIVITY_LIMITS.titleMax}
            error={shown.title}
            onChange={(v) => set('title', v)}
          />
          <TextArea
            label={m.description.label}
            placeholder={m.description.placeholder}
            value={form.description}
            maxlength={500}
            error={shown.description}
            onChange={(v) => set('description', v)}
          />
          <View id='field-category' />
          <Choices
            label={m.category.label}
            options={categories.map((c) => ({ value: c.id, label: `${c.name}${c.earnsCredits ? m.category.credits : m.category.noCredits}` }))}
            value={form.category}
            error={shown.category}
            onChange={(v) => set('category', v)}
          />
          {!editing && choices.usual === null && !form.category ? <Text className='muted'>{m.category.none}</Text> : null}
          <View id='field-placeName' />
          <PlaceSection form={form} errors={shown} places={choices.places} set={set} choosePlace={choosePlace} focusKey={focusKey} />
          <View className='section' />
          <WhenSection form={form} errors={shown} dateEditable={!editing || scope === 'one' || !a?.seriesId} set={set} focusKey={focusKey} />
          <WhoSection form={form} errors={shown} creating={!editing} teamId={teamId} set={set} focusKey={focusKey} />

          {tried && hasErrors ? <Notice kind='warning'>{m.fixAbove}</Notice> : null}
          {nothing ? <Notice kind='info'>{m.nothing}</Notice> : null}
          <FailureNotice of={mutation} failed={m.failed} retryHint={m.retryHint} />
          <Button className='btn-block' type='primary' size='large' block disabled={mutation.busy || (!editing && !teamId)} onClick={() => void submit()}>
            {mutation.busy ? m.saving : editing ? m.save : m.create}
          </Button>
        </View>
      ) : null}

      {editing && a && !isCancelled && a.phase === 'upcoming' && !done ? (
        <CancelSection
          activity={a}
          onCancelled={async (text) => {
            setCancelled(text);
            await detail.reload();
          }}
        />
      ) : null}

      <Button className='btn-block' size='large' block onClick={() => back(ROUTES.leader)}>
        {m.back}
      </Button>
    </Screen>
  );
}
