/**
 * The consent taken in person: by the senior or a guardian, and its three required parts; below them,
 * apart and never ticked in advance, the optional consent for the 老伙伴 to record her health.
 */
import { Text, View } from '@tarojs/components';
import { Choices } from '@/components/Choices';
import { Field } from '@/components/Field';
import { FieldError } from '@/components/FieldError';
import { Checkbox } from '@/ui/nutui';
import type { Form } from './form';
import { messages as m } from './messages';

interface Props {
  form: Form;
  err: (key: string) => string | undefined;
  set: <K extends keyof Form>(key: K, value: Form[K]) => void;
}

export function ConsentSection({ form, err, set }: Props) {
  return (
    <View className='section'>
      <Text className='section__title'>{m.consent.title}</Text>
      <Choices
        label={m.consent.by.label}
        options={[
          { value: 'senior', label: m.consent.by.senior },
          { value: 'guardian', label: m.consent.by.guardian },
        ]}
        value={form.by}
        error={err('consent.by')}
        onChange={(v) => set('by', v)}
      />
      {form.by === 'guardian' ? (
        <Field
          label={m.consent.guardianName.label}
          placeholder={m.consent.guardianName.placeholder}
          value={form.guardianName}
          maxlength={20}
          error={err('consent.guardianName')}
          onChange={(v) => set('guardianName', v)}
        />
      ) : null}
      <View className='consent'>
        <Checkbox checked={form.informed} label={m.consent.informed} onChange={(v) => set('informed', v)} />
      </View>
      <View className='consent'>
        <Checkbox checked={form.sensitive} label={m.consent.sensitive} onChange={(v) => set('sensitive', v)} />
      </View>
      <View className='consent'>
        <Checkbox checked={form.sharing} label={m.consent.sharing} onChange={(v) => set('sharing', v)} />
      </View>
      <FieldError message={err('consent') ?? err('consent.informed') ?? err('consent.sensitive') ?? err('consent.sharing')} />
      <View className='consent-optional'>
        <Text className='field__label'>{m.consent.health.title}</Text>
        <Text className='field__hint'>{m.consent.health.hint}</Text>
        <View className='consent'>
          <Checkbox checked={form.health} label={m.consent.health.label} onChange={(v) => set('health', v)} />
        </View>
        <FieldError message={err('consent.health')} />
      </View>
    </View>
  );
}
