/**
 * Big choice rows for the 老伙伴 pages, each with a symbol and words (never colour alone).
 * One value (`value`/`onChange`) or several (`values`/`onToggle`, chips such as needs).
 */
import { Text, View } from '@tarojs/components';
import { FieldError } from '@/components/FieldError';
import { partnerMessages as pm } from './messages';

export interface BigOption<V extends string> {
  value: V;
  label: string;
  /** A symbol shown before the words (e.g. ✓ ! ? ‼). */
  icon?: string;
  hint?: string;
  tone?: 'ok' | 'warn' | 'bad' | 'plain';
}

interface Props<V extends string> {
  label?: string;
  options: ReadonlyArray<BigOption<V>>;
  /** Single choice. */
  value?: V | null;
  onChange?: (value: V) => void;
  /** Several choices. */
  values?: ReadonlyArray<V>;
  onToggle?: (value: V) => void;
  error?: string | null;
  /** Two per row (short labels). */
  grid?: boolean;
}

export function BigChoices<V extends string>({ label, options, value, onChange, values, onToggle, error, grid }: Props<V>) {
  const multi = !!onToggle;
  return (
    <View className={`field${error ? ' field--invalid' : ''}`}>
      {label ? <Text className='field__label'>{label}</Text> : null}
      <View className={`choices${grid ? ' pt-grid' : ''}`} ariaRole={multi ? 'group' : 'radiogroup'}>
        {options.map((o) => {
          const on = multi ? !!values?.includes(o.value) : o.value === value;
          return (
            <View
              key={o.value}
              className={`choice pt-choice pt-choice--${o.tone ?? 'plain'}${on ? ' choice--on' : ''}`}
              ariaRole={multi ? 'checkbox' : 'radio'}
              ariaLabel={on ? `${o.label}${pm.checked}` : o.label}
              onClick={() => (multi ? onToggle?.(o.value) : onChange?.(o.value))}
            >
              <Text className='choice__mark'>{on ? '✓' : ''}</Text>
              {o.icon ? <Text className='pt-choice__icon'>{o.icon}</Text> : null}
              <View className='pt-choice__body'>
                <Text className='pt-choice__label'>{o.label}</Text>
                {o.hint ? <Text className='pt-choice__hint'>{o.hint}</Text> : null}
              </View>
            </View>
          );
        })}
      </View>
      <FieldError message={error} />
    </View>
  );
}
