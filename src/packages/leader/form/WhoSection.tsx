import { Text, View } from '@tarojs/components';
import { ACTIVITY_LIMITS } from '@core/domain/activity-limits';
import { Choices } from '@/components/Choices';
import { Field } from '@/components/Field';
import type { Errors, Form } from './form';
import { messages as m } from './messages';
import { SeriesPreview } from './SeriesPreview';

/** Series lengths offered (no typing): a month, two, a quarter, half a year, within the contract's limit. */
const WEEK_OPTIONS = [4, 8, 13, 26].filter((n) => n >= ACTIVITY_LIMITS.seriesWeeksMin && n <= ACTIVITY_LIMITS.seriesWeeksMax);

interface Props {
  /** The text field to focus: the first with an error after a failed submit. */
  focusKey: keyof Errors | null;
  form: Form;
  errors: Errors;
  creating: boolean;
  /** The team the activity is for (the duplicate-series check asks about it). */
  teamId: string | null;
  set: <K extends keyof Form>(key: K, value: Form[K]) => void;
}

/** Who may sign up, the check-in distance, and (when creating) a weekly series. */
export function WhoSection({ form, errors, creating, teamId, set, focusKey }: Props) {
  return (
    <>
      <Choices
        label={m.who.label}
        options={[
          { value: 'all', label: m.who.all },
          { value: 'members', label: m.who.members },
        ]}
        value={form.who}
        onChange={(v) => set('who', v as Form['who'])}
      />
      <Field
        id='field-minAge'
        focus={focusKey === 'minAge'}
        label={m.minAge.label}
        type='number'
        placeholder={m.minAge.placeholder}
        value={form.minAge}
        maxlength={3}
        error={errors.minAge}
        onChange={(v) => set('minAge', v)}
      />
      <Choices label={m.geofence.label} options={[...m.geofence.options]} value={form.geofence} onChange={(v) => set('geofence', v)} />
      {creating ? (
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
            <>
              <View id='field-weeks' />
              <Choices
                label={m.weeks.label}
                options={WEEK_OPTIONS.map((n) => ({ value: String(n), label: m.weeks.option(n) }))}
                value={form.weeks}
                error={errors.weeks}
                onChange={(v) => set('weeks', v)}
              />
              <Text className='muted field__after'>{m.weeks.hint(ACTIVITY_LIMITS.seriesWeeksMax)}</Text>
              <SeriesPreview form={form} teamId={teamId} />
            </>
          ) : null}
        </>
      ) : null}
    </>
  );
}
