/**
 * 活动照片 (`?seniorId=`): the senior answers for herself whether she may appear in activity photos,
 * or a confirmed family proxy records her answer (the 居委 social worker does it on the senior's
 * record). What it means is said first; withdrawing deletes the photos, after a second step.
 */
import { PhotoConsentCard } from '@/components/PhotoConsentCard';
import { ConsentPage } from '../components/ConsentPage';
import { messages } from './messages';

export default function SeniorPhotos() {
  return (
    <ConsentPage
      messages={messages}
      card={(home, self, reload) => (
        <PhotoConsentCard seniorId={home.senior.id} consent={home.photoConsent} voice={self ? 'self' : 'recorder'} titled={false} onChanged={reload} />
      )}
    />
  );
}
