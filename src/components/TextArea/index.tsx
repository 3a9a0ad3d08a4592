/** A labelled multi-line text input with its hint and error, like Field. */
import { Text, Textarea, View } from '@tarojs/components';
import { FieldError } from '@/components/FieldError';

interface Props {
  label: string;
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  hint?: string;
  error?: string | null;
  maxlength?: number;
}

export function TextArea({ label, value, onChange, placeholder, hint, error, maxlength }: Props) {
  return (
    <View className={`field${error ? ' field--invalid' : ''}`}>
      <Text className='field__label'>{label}</Text>
      {hint ? <Text className='field__hint'>{hint}</Text> : null}
      <Textarea
        className='field__input field__textarea'
        placeholderClass='field__placeholder'
        value={value}
        maxlength={maxlength}
        placeholder={placeholder}
        ariaLabel={label}
        autoHeight
        onInput={(e) => onChange(e.detail.value)}
      />
      <FieldError message={error} />
    </View>
  );
}
