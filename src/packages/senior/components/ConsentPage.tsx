/**
 * A page where the senior answers for herself about one consent (activity photos, her health notes),
 * or a confirmed family proxy records her answer: who is acting, what the consent means, then its
 * card. The 居委 social worker records the same consents on the senior's record.
 */
import { Text } from '@tarojs/components';
import type { ReactNode } from 'react';
import type { SeniorHome } from '@core/api';
import { Notice } from '@/components/Notice';
import { Screen } from '@/components/Screen';
import { ActingBanner } from './ActingBanner';
import { useActing } from './useActing';

interface Props {
  messages: { heading: string; introSelf: string; introOther: string; loadFailed: string };
  /** The consent's card for the senior's home, in her own voice when `self`. */
  card: (home: SeniorHome, self: boolean, reload: () => Promise<void>) => ReactNode;
}

export function ConsentPage({ messages: m, card }: Props) {
  const { acting, self, home } = useActing();
  return (
    <Screen forceElder={self}>
      <ActingBanner acting={acting} />
      <Text className='greeting'>{m.heading}</Text>
      <Text className='text field'>{self ? m.introSelf : m.introOther}</Text>
      {home.error ? <Notice kind='error'>{m.loadFailed + home.error}</Notice> : null}
      {home.data ? card(home.data, self, home.reload) : null}
    </Screen>
  );
}
