/**
 * A row of big segment buttons (a tab list). The chosen one has a tick, bold text and a thick
 * border, so colour is never the only signal; in elder mode they wrap into full-width rows.
 */
import { Text, View } from '@tarojs/components';
import { commonMessages } from '@/messages/common';
import './index.scss';

interface TabOption<V extends string> {
  value: V;
  label: string;
}

interface Props<V extends string> {
  options: ReadonlyArray<TabOption<V>>;
  value: V;
  onChange: (value: V) => void;
}

export function Tabs<V extends string>({ options, value, onChange }: Props<V>) {
  return (
    <View className='tabs' ariaRole='tablist'>
      {options.map((o) => {
        const on = o.value === value;
        return (
          <View
            key={o.value}
            className={`tabs__tab tappable${on ? ' tabs__tab--on' : ''}`}
            ariaRole='tab'
            ariaLabel={on ? `${o.label}${commonMessages.selected}` : o.label}
            onClick={() => onChange(o.value)}
          >
            {on ? <Text className='tabs__mark'>✓</Text> : null}
            <Text>{o.label}</Text>
          </View>
        );
      })}
    </View>
  );
}
