import { Text } from '@tarojs/components';
import { Notice } from '@/components/Notice';
import { messages as m } from './messages';

/** A step's failure, with the hint to try again when it may help. */
export function StepError({ of: x }: { of: { error: string | null; retryable: boolean } }) {
  return x.error ? (
    <Notice kind='error'>
      {m.failed + x.error}
      {x.retryable ? <Text className='text'>{m.retryHint}</Text> : null}
    </Notice>
  ) : null;
}
