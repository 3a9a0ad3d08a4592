/**
 * Whether a senior agrees to appear in activity photos (seniors.setPhotoConsent): the senior answers
 * for themselves, or a family proxy or the 居委 social worker records the senior's answer, each in
 * their own words. Withdrawing deletes every photo that shows the senior, so it takes a second step
 * that says so; the card shows the count the server reports, never a guess.
 */
import type { SeniorView } from '@core/api';
import { ConsentCard, type ConsentVoice } from '@/components/ConsentCard';
import { useMutation } from '@/hooks/useMutation';

/** The same card in the senior's own words and in the words of whoever records her answer. */
const VOICES: Record<'self' | 'recorder', ConsentVoice & { withdrawnDone: (n: number) => string }> = {
  self: {
    granted: (at: string, by: string) => `您同意出现在活动照片里（${by}登记，${at}）。有您的照片只给工作人员看。`,
    withdrawn: (at: string) => `您不同意出现在活动照片里（${at} 登记）。`,
    never: '还没有登记您是否同意出现在活动照片里：没登记就当作不同意，有您的照片不能上传。',
    grant: '我同意出现在活动照片里',
    withdraw: '我不同意了，撤回同意',
    withdrawWhat: '撤回后，所有有您的活动照片都会删除，不能恢复。',
    withdrawnDone: (n: number) => (n ? `已撤回同意，删除了 ${n} 张有您的照片。` : '已撤回同意。没有要删除的照片。'),
  },
  recorder: {
    granted: (at: string, by: string) => `老人同意出现在活动照片里（${by}登记，${at}）。这样的照片只给工作人员看。`,
    withdrawn: (at: string) => `老人不同意出现在活动照片里（${at} 登记）。`,
    never: '还没有问过老人是否同意出现在活动照片里：没问过就当作不同意，照片里有这位老人的不能上传。',
    grant: '老人同意了，登记同意',
    withdraw: '老人不同意了，撤回同意',
    withdrawWhat: '撤回后，所有有这位老人的活动照片都会删除，不能恢复。',
    withdrawnDone: (n: number) => (n ? `已撤回同意，删除了 ${n} 张有这位老人的照片。` : '已撤回同意。没有要删除的照片。'),
  },
};

interface Props {
  seniorId: string;
  consent: SeniorView['photoConsent'];
  onChanged: () => Promise<void>;
  /** `self`: the senior answers; `recorder` (default): a proxy or social worker records her answer. */
  voice?: keyof typeof VOICES;
  /** Off on a page whose heading already says 活动照片. */
  titled?: boolean;
}

export function PhotoConsentCard({ seniorId, consent, onChanged, voice = 'recorder', titled = true }: Props) {
  const v = VOICES[voice];
  const save = useMutation('seniors', 'setPhotoConsent');
  return (
    <ConsentCard
      title='活动照片'
      titled={titled}
      className='photo-consent'
      consent={consent}
      voice={v}
      saving={save}
      onChanged={onChanged}
      save={async (granted) => {
        const res = await save.run({ seniorId, granted });
        if (!res) return null;
        return res.granted ? 'granted' : { text: v.withdrawnDone(res.photosDeleted), unfinished: false };
      }}
    />
  );
}
