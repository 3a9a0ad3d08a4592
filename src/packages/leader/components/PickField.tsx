/** A labelled date or time picker (Taro `Picker`): the value shown in words, never typed. */
import { Picker, Text, View } from '@tarojs/components';
import { FieldError } from '@/components/FieldError';
import './PickField.scss';

interface Props {
  label: string;
  mode: 'date' | 'time';
  /** YYYY-MM-DD or HH:mm. */
  value: string;
  /** What the value reads as ("12月5日 周六"); the raw value when absent. */
  shown?: string;
  start?: string;
  end?: string;
  hint?: string;
  error?: string | null;
  /** Marks the field for scrolling to it when it has an error. */
  id?: string;
  onChange: (value: string) => void;
}

export function PickField({ label, mode, value, shown, start, end, hint, error, id, onChange }: Props) {
  return (
    <View id={id} className={`field pick${error ? ' field--invalid' : ''}`}>
      <Text className='field__label'>{label}</Text>
      {hint ? <Text className='field__hint'>{hint}</Text> : null}
      <Picker mode={mode} value={value} start={start} end={end} onChange={(e) => onChange(String(e.detail.value))}>
        <View className='field__input pick__value' ariaRole='button' ariaLabel={`${label}：${shown ?? value}`}>
          <Text>{shown ?? value}</Text>
          <Text className='pick__arrow'>▾</Text>
        </View>
      </Picker>
      <FieldError message={error} />
    </View>
  );
}
