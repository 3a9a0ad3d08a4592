/**
 * Whether a senior agrees, separately, that her 老伙伴 writes down how she is (身体情况) at each contact
 * (seniors.setHealthConsent; health data is sensitive under PIPL). The senior answers for herself, or
 * a family proxy or the 居委 social worker records her answer, each in their own words, as on
 * PhotoConsentCard. Withdrawing deletes the health notes already recorded, so it takes a second step
 * that says so; the card then shows the counts the server reports, never a guess. When the server ran
 * out of time (healthNotesLeft > 0) the card says how many are left and offers the same withdrawal again.
 */
import type { SeniorView } from '@core/api';
import { ConsentCard, type ConsentVoice } from '@/components/ConsentCard';
import { useMutation } from '@/hooks/useMutation';

/** The same card in the senior's own words and in the words of whoever records her answer. */
const VOICES: Record<'self' | 'recorder', ConsentVoice> = {
  self: {
    granted: (at: string, by: string) => `您同意老伙伴记录您的身体情况（${by}登记，${at}）。`,
    withdrawn: (at: string) => `您不同意老伙伴记录您的身体情况（${at} 登记）。`,
    never: '还没有登记您是否同意老伙伴记录您的身体情况：没登记就当作不同意，老伙伴不会记。',
    what: '同意后，老伙伴每次联系您时才可以记下您的身体情况。只有您的老伙伴和居委社工能打开看，每次打开都会被记录。',
    grant: '我同意记录身体情况',
    withdraw: '我不同意了，撤回同意',
    withdrawWhat: '撤回后，已经记下的您的身体情况会全部删除，不能恢复。老伙伴以后也不会再记。',
  },
  recorder: {
    granted: (at: string, by: string) => `老人同意老伙伴记录身体情况（${by}登记，${at}）。`,
    withdrawn: (at: string) => `老人不同意老伙伴记录身体情况（${at} 登记）。`,
    never: '还没有问过老人是否同意老伙伴记录身体情况：没问过就当作不同意，老伙伴联系时不能记。',
    what: '老人同意后，老伙伴每次联系老人时才可以记下老人的身体情况。只有老人的老伙伴和居委社工能打开看，每次打开都会被记录。',
    grant: '老人同意了，登记同意',
    withdraw: '老人不同意了，撤回同意',
    withdrawWhat: '撤回后，已经记下的这位老人的身体情况会全部删除，不能恢复。老伙伴以后也不能再记。',
  },
};

const m = {
  title: '身体情况记录',
  withdrawnDone: (n: number) => (n ? `已撤回同意，删除了 ${n} 条身体情况记录。` : '已撤回同意。没有要删除的身体情况记录。'),
  withdrawnLeft: (n: number, left: number) =>
    `已撤回同意，这次删除了 ${n} 条身体情况记录。还有 ${left} 条没有删完，系统会在几分钟内自动删完，也可以再点一次撤回。`,
};

interface Props {
  seniorId: string;
  consent: SeniorView['healthConsent'];
  onChanged: () => Promise<void>;
  /** `self`: the senior answers; `recorder` (default): a proxy or social worker records her answer. */
  voice?: keyof typeof VOICES;
  /** Off on a page whose heading already says 身体情况记录. */
  titled?: boolean;
}

export function HealthConsentCard({ seniorId, consent, onChanged, voice = 'recorder', titled = true }: Props) {
  const save = useMutation('seniors', 'setHealthConsent');
  return (
    <ConsentCard
      title={m.title}
      titled={titled}
      className='health-consent'
      consent={consent}
      voice={VOICES[voice]}
      saving={save}
      onChanged={onChanged}
      save={async (granted) => {
        const res = await save.run({ seniorId, granted });
        if (!res) return null;
        if (res.granted) return 'granted';
        const left = res.healthNotesLeft;
        return { text: left > 0 ? m.withdrawnLeft(res.healthNotesDeleted, left) : m.withdrawnDone(res.healthNotesDeleted), unfinished: left > 0 };
      }}
    />
  );
}
