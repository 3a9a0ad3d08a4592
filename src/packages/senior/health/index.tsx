/**
 * 身体情况记录 (`?seniorId=`): the senior answers for herself whether her 老伙伴 may write down how she
 * is at each contact, or a confirmed family proxy records her answer (the 居委 social worker does it
 * on the senior's record). What it means is said first; withdrawing deletes the notes already
 * recorded, after a second step.
 */
import { HealthConsentCard } from '@/components/HealthConsentCard';
import { ConsentPage } from '../components/ConsentPage';
import { messages } from './messages';

export default function SeniorHealth() {
  return (
    <ConsentPage
      messages={messages}
      card={(home, self, reload) => (
        <HealthConsentCard seniorId={home.senior.id} consent={home.healthConsent} voice={self ? 'self' : 'recorder'} titled={false} onChanged={reload} />
      )}
    />
  );
}
