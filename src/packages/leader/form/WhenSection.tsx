import { Text, View } from '@tarojs/components';
import { ACTIVITY_LIMITS } from '@core/domain/activity-limits';
import { Choices } from '@/components/Choices';
import { Field } from '@/components/Field';
import { dayLabel, today } from '@/services/dates';
import { isRealDate } from '@/services/rules';
import type { Errors, Form } from './form';
import { messages as m } from './messages';
import { PickField } from '../components/PickField';

interface Props {
  /** The text field to focus: the first with an error after a failed submit. */
  focusKey: keyof Errors | null;
  form: Form;
  errors: Errors;
  /** False when editing "this one and the following" of a series: the date moves one occurrence only. */
  dateEditable: boolean;
  set: <K extends keyof Form>(key: K, value: Form[K]) => void;
}

/** When and how many: date (with its weekday), times, places, and when sign-up and cancelling close. */
export function WhenSection({ form, errors, dateEditable, set, focusKey }: Props) {
  return (
    <>
      {dateEditable ? (
        <PickField
          id='field-date'
          label={m.date.label}
          hint={m.date.hint}
          mode='date'
          value={form.date}
          shown={isRealDate(form.date) ? dayLabel(form.date) : form.date}
          start={today()}
          error={errors.date}
          onChange={(v) => set('date', v)}
        />
      ) : (
        <Text className='muted field'>{m.scope.dateOnlyOne}</Text>
      )}
      <View className='coords'>
        <PickField
          id='field-startTime'
          label={m.start.label}
          mode='time'
          value={form.startTime}
          error={errors.startTime}
          onChange={(v) => set('startTime', v)}
        />
        <PickField id='field-endTime' label={m.end.label} mode='time' value={form.endTime} error={errors.endTime} onChange={(v) => set('endTime', v)} />
      </View>
      <Field
        id='field-capacity'
        focus={focusKey === 'capacity'}
        label={m.capacity.label}
        type='number'
        placeholder={m.capacity.placeholder}
        value={form.capacity}
        maxlength={String(ACTIVITY_LIMITS.capacityMax).length}
        error={errors.capacity}
        onChange={(v) => set('capacity', v)}
      />
      <View id='field-signupClose'>
        <Choices
          label={m.signupClose.label}
          options={Object.entries(m.signupClose.options).map(([value, label]) => ({ value, label }))}
          value={form.signupClose}
          error={errors.signupClose}
          onChange={(v) => set('signupClose', v)}
        />
      </View>
      <View id='field-cancelClose'>
        <Choices
          label={m.cancelClose.label}
          options={Object.entries(m.cancelClose.options).map(([value, label]) => ({ value, label }))}
          value={form.cancelClose}
          error={errors.cancelClose}
          onChange={(v) => set('cancelClose', v)}
        />
      </View>
    </>
  );
}
