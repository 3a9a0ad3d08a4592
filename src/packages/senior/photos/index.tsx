/**
 * 活动照片 (`?seniorId=`): the senior answers for herself whether she may appear in activity photos,
 * or a confirmed family proxy records her answer (the 居委 social worker does it on the senior's
 * record). What it means is said first; withdrawing deletes the photos, after a second step.
 */
import { Text } from '@tarojs/components';
import { Notice } from '@/components/Notice';
import { PhotoConsentCard } from '@/components/PhotoConsentCard';
import { Screen } from '@/components/Screen';
import { ActingBanner } from '../components/ActingBanner';
import { useActing } from '../components/useActing';
import { messages as m } from './messages';

export default function SeniorPhotos() {
  const { acting, self, home } = useActing();
  const data = home.data;
  return (
    <Screen forceElder={self}>
      <ActingBanner acting={acting} />
      <Text className='greeting'>{m.heading}</Text>
      <Text className='text field'>{self ? m.introSelf : m.introOther}</Text>
      {home.error ? <Notice kind='error'>{m.loadFailed + home.error}</Notice> : null}
      {data ? (
        <PhotoConsentCard seniorId={data.senior.id} consent={data.photoConsent} voice={self ? 'self' : 'recorder'} titled={false} onChanged={home.reload} />
      ) : null}
    </Screen>
  );
}
