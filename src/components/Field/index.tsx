/**
 * A labelled text input with its hint and its error, all in the page flow. `id` names the wrapper
 * (a form scrolls to it); `focus` puts the caret in the input (the first field with an error).
 */
import { Input, Text, View } from '@tarojs/components';
import type { InputProps } from '@tarojs/components';
import { FieldError } from '@/components/FieldError';

/**
 * For an amount of hours the page checks itself: the 小程序's digit keyboard (no "-" to type), but text
 * on H5, whose number input drops a typed "-" and letters without a word (−1 became 1); the page's
 * check then says what is wrong instead.
 */
export const HOURS_INPUT: InputProps['type'] = process.env.TARO_ENV === 'h5' ? 'text' : 'digit';

interface Props {
  label: string;
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  hint?: string;
  error?: string | null;
  type?: InputProps['type'];
  maxlength?: number;
  name?: string;
  id?: string;
  focus?: boolean;
}

export function Field({ label, value, onChange, placeholder, hint, error, type = 'text', maxlength, name, id, focus }: Props) {
  return (
    <View id={id} className={`field${error ? ' field--invalid' : ''}`}>
      <Text className='field__label'>{label}</Text>
      {hint ? <Text className='field__hint'>{hint}</Text> : null}
      <Input
        className='field__input'
        placeholderClass='field__placeholder'
        name={name}
        type={type}
        value={value}
        maxlength={maxlength}
        focus={focus}
        placeholder={placeholder}
        ariaLabel={label}
        onInput={(e) => onChange(e.detail.value)}
      />
      <FieldError message={error} />
    </View>
  );
}
