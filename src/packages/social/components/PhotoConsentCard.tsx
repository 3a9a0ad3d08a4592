/**
 * Whether a senior agrees to appear in activity photos, as the 居委 social worker records the
 * senior's answer (seniors.setPhotoConsent). Withdrawing deletes every photo that shows them, so it
 * takes a second step that says so; the card shows the count the server reports, never a guess.
 */
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { SeniorView } from '@core/api';
import { ConfirmStep } from '@/components/ConfirmStep';
import { Notice } from '@/components/Notice';
import { useMutation } from '@/hooks/useMutation';
import { dateTime } from '@/services/format';
import { Button } from '@/ui/nutui';

const m = {
  title: '活动照片',
  granted: (at: string, via: string) => `老人同意出现在活动照片里（${via}登记，${at}）。这样的照片只给工作人员看。`,
  withdrawn: (at: string) => `老人不同意出现在活动照片里（${at} 登记）。`,
  never: '还没有问过老人是否同意出现在活动照片里：没问过就当作不同意，照片里有这位老人的不能上传。',
  via: { senior: '本人', proxy: '家属', socialWorker: '社工' } as Record<string, string>,
  grant: '老人同意了，登记同意',
  withdraw: '老人不同意了，撤回同意',
  withdrawConfirm: '确认撤回',
  withdrawWhat: '撤回后，所有有这位老人的活动照片都会删除，不能恢复。',
  grantedDone: '已登记同意。',
  withdrawnDone: (n: number) => (n ? `已撤回同意，删除了 ${n} 张有这位老人的照片。` : '已撤回同意。没有要删除的照片。'),
  failed: '没有登记上：',
};

export function PhotoConsentCard({ seniorId, consent, onChanged }: { seniorId: string; consent: SeniorView['photoConsent']; onChanged: () => Promise<void> }) {
  const save = useMutation('seniors', 'setPhotoConsent');
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const run = async (granted: boolean) => {
    setDone(null);
    const res = await save.run({ seniorId, granted });
    setConfirming(false);
    if (!res) return;
    setDone(granted ? m.grantedDone : m.withdrawnDone(res.photosDeleted));
    await onChanged();
  };
  return (
    <View className='section card photo-consent'>
      <Text className='section__title'>{m.title}</Text>
      <Text className='text photo-consent__state'>
        {!consent ? m.never : consent.granted ? m.granted(dateTime(consent.at), m.via[consent.via] ?? '') : m.withdrawn(dateTime(consent.at))}
      </Text>
      {done ? <Notice kind='success'>{done}</Notice> : null}
      {save.error ? <Notice kind='error'>{m.failed + save.error}</Notice> : null}
      {consent?.granted ? (
        confirming ? (
          <ConfirmStep confirmLabel={m.withdrawConfirm} danger busy={save.busy} onConfirm={() => void run(false)} onBack={() => setConfirming(false)}>
            <Text className='text'>{m.withdrawWhat}</Text>
          </ConfirmStep>
        ) : (
          <Button className='btn-block' size='large' block onClick={() => setConfirming(true)}>
            {m.withdraw}
          </Button>
        )
      ) : (
        <Button className='btn-block' size='large' block disabled={save.busy} onClick={() => void run(true)}>
          {m.grant}
        </Button>
      )}
    </View>
  );
}
