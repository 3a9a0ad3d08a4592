/** A progress bar with its value written beside it (the bar alone would be colour only). */
import { Text, View } from '@tarojs/components';
import { commonMessages } from '@/messages/common';
import './index.scss';

export function Progress({ value, label }: { value: number; label?: string }) {
  const pct = Math.max(0, Math.min(100, Math.round(value * 100)));
  return (
    <View className='progress' ariaRole='progressbar' ariaLabel={label ?? commonMessages.progress(pct)}>
      <View className='progress__track'>
        <View className='progress__fill' style={{ width: `${pct}%` }} />
      </View>
      <Text className='progress__pct'>{commonMessages.progress(pct)}</Text>
    </View>
  );
}
