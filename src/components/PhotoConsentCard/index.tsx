/**
 * Whether a senior agrees to appear in activity photos (seniors.setPhotoConsent): the senior answers
 * for themselves, or a family proxy or the 居委 social worker records the senior's answer, each in
 * their own words. Withdrawing deletes every photo that shows the senior, so it takes a second step
 * that says so; the card shows the count the server reports, never a guess.
 */
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { SeniorView } from '@core/api';
import { ConfirmStep } from '@/components/ConfirmStep';
import { Notice } from '@/components/Notice';
import { useMutation } from '@/hooks/useMutation';
import { dateTime } from '@/services/format';
import { Button } from '@/ui/nutui';

const via: Record<string, string> = { senior: '本人', proxy: '家属', socialWorker: '社工' };

/** The same card in the senior's own words and in the words of whoever records her answer. */
const VOICES = {
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

const m = {
  title: '活动照片',
  withdrawConfirm: '确认撤回',
  grantedDone: '已登记同意。',
  failed: '没有登记上：',
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
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const run = async (granted: boolean) => {
    setDone(null);
    const res = await save.run({ seniorId, granted });
    setConfirming(false);
    if (!res) return;
    setDone(granted ? m.grantedDone : v.withdrawnDone(res.photosDeleted));
    await onChanged();
  };
  return (
    <View className='section card photo-consent'>
      {titled ? <Text className='section__title'>{m.title}</Text> : null}
      <Text className='text photo-consent__state'>
        {!consent ? v.never : consent.granted ? v.granted(dateTime(consent.at), via[consent.via] ?? '') : v.withdrawn(dateTime(consent.at))}
      </Text>
      {done ? <Notice kind='success'>{done}</Notice> : null}
      {save.error ? <Notice kind='error'>{m.failed + save.error}</Notice> : null}
      {consent?.granted ? (
        confirming ? (
          <ConfirmStep confirmLabel={m.withdrawConfirm} danger busy={save.busy} onConfirm={() => void run(false)} onBack={() => setConfirming(false)}>
            <Text className='text'>{v.withdrawWhat}</Text>
          </ConfirmStep>
        ) : (
          <Button className='btn-block' size='large' block onClick={() => setConfirming(true)}>
            {v.withdraw}
          </Button>
        )
      ) : (
        <Button className='btn-block' size='large' block disabled={save.busy} onClick={() => void run(true)}>
          {v.grant}
        </Button>
      )}
    </View>
  );
}
