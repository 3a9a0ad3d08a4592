/**
 * What a senior agreed to at the 居委 desk, as she (or someone acting for her) reads it again: who
 * agreed and when, the policy version, what it covers (her address and contacts always; health notes
 * and photos as she answers them now), and how to change or withdraw it: the 居委 social worker, or
 * her own pages for the two separate answers. Only what the server sent (account.me for her,
 * seniors.home for whoever acts for her).
 */
import { Text, View } from '@tarojs/components';
import type { DeskConsentView, RecordedConsentView } from '@core/api';
import type { DeskConsentVoice } from '@/messages/privacy';
import { deskConsentWords as w } from '@/messages/privacy';
import { dateWithYear, policyVersionWords } from '@/services/dates';
import { ROUTES, go, type Params } from '@/services/routes';
import { Button } from '@/ui/nutui';

function answer(c: RecordedConsentView | null, granted: (day: string) => string, withdrawn: (day: string) => string, never: string): string {
  if (!c) return never;
  return c.granted ? granted(dateWithYear(c.at)) : withdrawn(dateWithYear(c.at));
}

interface Props {
  consent: DeskConsentView;
  voice: DeskConsentVoice;
  /** Carried to the health and photo pages (`seniorId` when reading for her). */
  params: Params;
}

export function DeskConsent({ consent: c, voice: v, params }: Props) {
  const covers = [
    { key: 'collected', text: v.collected },
    { key: 'shared', text: v.shared },
    { key: 'contacts', text: v.contacts },
    { key: 'health', text: answer(c.health, v.healthGranted, v.healthWithdrawn, v.healthNever) },
    { key: 'photos', text: answer(c.photos, v.photosGranted, v.photosWithdrawn, v.photosNever) },
  ];
  return (
    <>
      <View className='section card desk-consent'>
        <Text className='section__title'>{v.title}</Text>
        <Text className='text desk-consent__agreed'>{v.agreed(dateWithYear(c.at), c.committeeName, c.guardianName)}</Text>
        <Text className='text desk-consent__version'>{v.version(policyVersionWords(c.version))}</Text>
        <Text className='text desk-consent__recorder'>{v.recordedBy(c.recordedByName)}</Text>
        <Text className='text desk-consent__covers-title'>{v.coversTitle}</Text>
        {covers.map((item) => (
          <Text key={item.key} className={`policy__p desk-consent__item desk-consent__item--${item.key}`}>
            {`· ${item.text}`}
          </Text>
        ))}
      </View>
      <View className='section card desk-change'>
        <Text className='section__title'>{v.changeTitle}</Text>
        <Text className='text desk-change__change'>{v.change(c.committeeName)}</Text>
        <Text className='text desk-change__withdraw'>{v.withdraw(c.committeeName)}</Text>
        {v.callHint ? <Text className='text desk-change__call'>{v.callHint}</Text> : null}
        <Text className='text desk-change__own'>{v.ownAnswers}</Text>
        <Button className='btn-block desk-change__health' size='large' block onClick={() => go(ROUTES.seniorHealth, params)}>
          {w.changeHealth}
        </Button>
        <Button className='btn-block desk-change__photos' size='large' block onClick={() => go(ROUTES.seniorPhotos, params)}>
          {w.changePhotos}
        </Button>
      </View>
    </>
  );
}
