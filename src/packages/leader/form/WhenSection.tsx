import { Text, View } from '@tarojs/components';
import { Choices } from '@/components/Choices';
import { Field } from '@/components/Field';
import { dayLabel } from '@/services/dates';
import { isRealDate } from '@/services/rules';
import type { Errors, Form } from './form';
import { messages as m } from './messages';

interface Props {
  form: Form;
  errors: Errors;
  /** False when editing "this one and the following" of a series: the date moves one occurrence only. */
  dateEditable: boolean;
  set: <K extends keyof Form>(key: K, value: Form[K]) => void;
}

/** When and how many: date (with its weekday), times, places, and when sign-up and cancelling close. */
export function WhenSection({ form, errors, dateEditable, set }: Props) {
  return (
    <>
      {dateEditable ? (
        <>
          <Field
            label={m.date.label}
            hint={m.date.hint}
            placeholder={m.date.placeholder}
            value={form.date}
            maxlength={10}
            error={errors.date}
            onChange={(v) => set('date', v)}
          />
          {isRealDate(form.date.trim()) ? <Text className='muted field__after form-weekday'>{m.date.is(dayLabel(form.date.trim()))}</Text> : null}
        </>
      ) : (
        <Text className='muted field'>{m.scope.dateOnlyOne}</Text>
      )}
      <View className='coords'>
        <Field
          label={m.start.label}
          placeholder={m.start.placeholder}
          value={form.startTime}
          maxlength={5}
          error={errors.startTime}
          onChange={(v) => set('startTime', v)}
        />
        <Field
          label={m.end.label}
          placeholder={m.end.placeholder}
          value={form.endTime}
          maxlength={5}
          error={errors.endTime}
          onChange={(v) => set('endTime', v)}
        />
      </View>
      <Field
        label={m.capacity.label}
        type='number'
        placeholder={m.capacity.placeholder}
        value={form.capacity}
        maxlength={3}
        error={errors.capacity}
        onChange={(v) => set('capacity', v)}
      />
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
    </>
  );
}
