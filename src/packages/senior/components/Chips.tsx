/**
 * Pick one of many short options (days, times, hours) as big chips that wrap: the chosen one has a
 * tick, bold text and a thick border, so colour is never the only signal. No pop-up picker.
 */
import { Text, View } from '@tarojs/components';
import { FieldError } from '@/components/FieldError';
import { messages as m } from './messages';
import './senior.scss';

export interface ChipOption {
  value: string;
  label: string;
  /** A second, smaller line (e.g. the date under 明天). */
  sub?: string;
}

interface Props {
  label: string;
  options: ChipOption[];
  value: string | null;
  onChange: (value: string) => void;
  error?: string | null;
  hint?: string;
  /** Chips per row in normal mode (elder mode shows fewer). */
  wide?: boolean;
}

export function Chips({ label, options, value, onChange, error, hint, wide }: Props) {
  return (
    <View className={`field${error ? ' field--invalid' : ''}`}>
      <Text className='field__label'>{label}</Text>
      {hint ? <Text className='field__hint'>{hint}</Text> : null}
      <View className={`chips${wide ? ' chips--wide' : ''}`} ariaRole='radiogroup' ariaLabel={label}>
        {options.map((o) => {
          const on = o.value === value;
          return (
            <View
              key={o.value}
              className={`chip${on ? ' chip--on' : ''}`}
              ariaRole='radio'
              ariaLabel={on ? `${o.label}${m.checked}` : o.label}
              onClick={() => onChange(o.value)}
            >
              <Text className='chip__label'>
                {on ? '✓ ' : ''}
                {o.label}
              </Text>
              {o.sub ? <Text className='chip__sub'>{o.sub}</Text> : null}
            </View>
          );
        })}
      </View>
      <FieldError message={error} />
    </View>
  );
}
