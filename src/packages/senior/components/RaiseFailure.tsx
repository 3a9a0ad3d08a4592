/**
 * 一键求助 did not get its answer: refused (没有发出去：the reason), or not known (不知道求助有没有发出去),
 * never said to have failed when it may have gone out, with what to do now (the page's own words:
 * where its phone numbers are).
 */
import { Text } from '@tarojs/components';
import { Notice } from '@/components/Notice';
import { messages as m } from './messages';

export function RaiseFailure({ of: x, retry }: { of: { error: string | null; retryable: boolean }; retry: string }) {
  if (!x.error) return null;
  return (
    <Notice kind={x.retryable ? 'warning' : 'error'}>
      {x.retryable ? m.raise.unsettled : m.raise.failed + x.error}
      <Text className='text'>{retry}</Text>
    </Notice>
  );
}
