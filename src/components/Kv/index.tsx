/** One label and its value on a line (a detail page's facts); in elder mode the label sits above. */
import { Text, View } from '@tarojs/components';

export function Kv({ k, v }: { k: string; v: string }) {
  return (
    <View className='kv'>
      <Text className='kv__k'>{k}</Text>
      <Text className='kv__v'>{v}</Text>
    </View>
  );
}
