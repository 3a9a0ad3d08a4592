/** Pick one of a few options, shown as big rows (a radio list; no pop-up picker). */
import { Text, View } from '@tarojs/components';
import { commonMessages } from '@/messages/common';
import { FieldError } from '@/components/FieldError';

const checkedWord = commonMessages.checked;

interface ChoiceOption {
  value: string;
  label: string;
}

interface Props {
  label?: string;
  options: ChoiceOption[];
  value: string | null;
  onChange: (value: string) => void;
  error?: string | null;
}

export function Choices({ label, options, value, onChange, error }: Props) {
  return (
    <View className={`field${error ? ' field--invalid' : ''}`}>
      {label ? <Text className='field__label'>{label}</Text> : null}
      <View className='choices' ariaRole='radiogroup'>
        {options.map((o) => {
          const on = o.value === value;
          return (
            <View
              key={o.value}
              className={`choice${on ? ' choice--on' : ''}`}
              ariaRole='radio'
              ariaLabel={on ? `${o.label}${checkedWord}` : o.label}
              onClick={() => onChange(o.value)}
            >
              <Text className='choice__mark'>{on ? '✓' : ''}</Text>
              <Text>{o.label}</Text>
            </View>
          );
        })}
      </View>
      <FieldError message={error} />
    </View>
  );
}
