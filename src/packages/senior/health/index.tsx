/**
 * 身体情况记录 (`?seniorId=`): the senior answers for herself whether her 老伙伴 may write down how she
 * is at each contact, or a confirmed family proxy records her answer (the 居委 social worker does it
 * on the senior's record). What it means is said first; withdrawing deletes the notes already
 * recorded, after a second step.
 */
import { Text } from '@tarojs/components';
import { HealthConsentCard } from '@/components/HealthConsentCard';
import { Notice } from '@/components/Notice';
import { Screen } from '@/components/Screen';
import { ActingBanner } from '../components/ActingBanner';
import { useActing } from '../components/useActing';
import { messages as m } from './messages';

export default function SeniorHealth() {
  const { acting, self, home } = useActing();
  const data = home.data;
  return (
    <Screen forceElder={self}>
      <ActingBanner acting={acting} />
      <Text className='greeting'>{m.heading}</Text>
      <Text className='text field'>{self ? m.introSelf : m.introOther}</Text>
      {home.error ? <Notice kind='error'>{m.loadFailed + home.error}</Notice> : null}
      {data ? (
        <HealthConsentCard seniorId={data.senior.id} consent={data.healthConsent} voice={self ? 'self' : 'recorder'} titled={false} onChanged={home.reload} />
      ) : null}
    </Screen>
  );
}
