import { Choices } from '@/components/Choices';
import { Field } from '@/components/Field';
import type { Errors, Form } from './form';
import { messages as m } from './messages';

interface Props {
  form: Form;
  errors: Errors;
  creating: boolean;
  set: <K extends keyof Form>(key: K, value: Form[K]) => void;
}

/** Who may sign up, the check-in distance, and (when creating) a weekly series. */
export function WhoSection({ form, errors, creating, set }: Props) {
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
            <Field
              label={m.weeks.label}
              type='number'
              hint={m.weeks.hint}
              placeholder={m.weeks.placeholder}
              value={form.weeks}
              maxlength={2}
              error={errors.weeks}
              onChange={(v) => set('weeks', v)}
            />
          ) : null}
        </>
      ) : null}
    </>
  );
}
