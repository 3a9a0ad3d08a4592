/** One fact: a label and its value. */
import { Text, View } from '@tarojs/components';

export function Kv({ k, v }: { k: string; v: string }) {
  return (
    <View className='kv'>
      <Text className='kv__k'>{k}</Text>
      <Text className='kv__v'>{v}</Text>
    </View>
  );
}
