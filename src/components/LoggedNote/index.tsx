/**
 * The notice on every page that opens a senior's address, phone or health details: the opening is
 * logged, and the page says so before showing them (privacy, docs/privacy.md).
 */
import { Text, View } from '@tarojs/components';
import './index.scss';

export function LoggedNote({ text }: { text: string }) {
  return (
    <View className='logged-note'>
      <Text className='logged-note__icon'>i</Text>
      <Text>{text}</Text>
    </View>
  );
}
