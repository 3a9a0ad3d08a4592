/** The message under a form field that is wrong: icon + text, in the flow. */
import { Text, View } from '@tarojs/components';

export function FieldError({ message }: { message?: string | null }) {
  if (!message) return null;
  return (
    <View className='field__error' ariaRole='alert'>
      <Text className='field__error-icon'>✕</Text>
      <Text>{message}</Text>
    </View>
  );
}
