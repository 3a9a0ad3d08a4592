/**
 * A labelled text input with its hint and its error, all in the page flow. `id` names the wrapper
 * (a form scrolls to it); `focus` puts the caret in the input (the first field with an error).
 */
import { Input, Text, View } from '@tarojs/components';
import type { InputProps } from '@tarojs/components';
import { FieldError } from '@/components/FieldError';

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
