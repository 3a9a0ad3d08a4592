/**
 * A consent the senior gives or withdraws (activity photos, her health notes): what she answered and
 * who recorded it, one button to give it, and withdrawal behind a second step that says what it
 * deletes. The card shows only what the server answered (the counts it reports), never a guess; when
 * the server says part is still to do, it offers the same withdrawal again.
 */
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { RecordedConsentView } from '@core/api';
import { ConfirmStep } from '@/components/ConfirmStep';
import { FailureNotice } from '@/components/FailureNotice';
import { Notice } from '@/components/Notice';
import { dateTime } from '@/services/dates';
import { Button } from '@/ui/nutui';
import './index.scss';

const via: Record<string, string> = { senior: '本人', proxy: '家属', socialWorker: '社工' };

const m = {
  withdrawConfirm: '确认撤回',
  // Nothing was typed to go back and edit: the way back keeps the consent.
  withdrawBack: '不撤回了',
  grantedDone: '已登记同意。',
  failed: '没有登记上：',
  retryHint: '网络恢复后再点一次即可，不会重复登记。',
  /** Short: a long label wraps out of the button in elder mode; the notice above says what is left. */
  withdrawAgain: '再点一次撤回',
};

/** The card's words, in the senior's own voice or in the voice of whoever records her answer. */
export interface ConsentVoice {
  granted: (at: string, by: string) => string;
  withdrawn: (at: string) => string;
  never: string;
  /** What the consent allows, said under the state (optional). */
  what?: string;
  grant: string;
  withdraw: string;
  withdrawWhat: string;
}

/** What a withdrawal did, in words; `unfinished`: part is left and the same withdrawal goes on with it. */
export interface WithdrawOutcome {
  text: string;
  unfinished: boolean;
}

interface Props {
  title: string;
  titled: boolean;
  /** The page's class for this card (tests and styles find it by it). */
  className: string;
  consent: RecordedConsentView | null;
  voice: ConsentVoice;
  /** The mutation's state (useMutation) and its call: true to give, false to withdraw. */
  saving: { busy: boolean; error: string | null; retryable: boolean };
  save: (granted: boolean) => Promise<WithdrawOutcome | 'granted' | null>;
  onChanged: () => Promise<void>;
}

export function ConsentCard({ title, titled, className, consent, voice: v, saving, save, onChanged }: Props) {
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<{ text: string; complete: boolean } | null>(null);
  const [unfinished, setUnfinished] = useState(false);
  const run = async (granted: boolean) => {
    setDone(null);
    const outcome = await save(granted);
    setConfirming(false);
    if (!outcome) return;
    const next = outcome === 'granted' ? { text: m.grantedDone, complete: true } : { text: outcome.text, complete: !outcome.unfinished };
    setUnfinished(!next.complete);
    setDone(next);
    await onChanged();
  };
  return (
    <View className={`section card ${className}`}>
      {titled ? <Text className='section__title'>{title}</Text> : null}
      <Text className={`text ${className}__state`}>
        {!consent ? v.never : consent.granted ? v.granted(dateTime(consent.at), via[consent.via] ?? '') : v.withdrawn(dateTime(consent.at))}
      </Text>
      {v.what ? <Text className={`text consent-card__what ${className}__what`}>{v.what}</Text> : null}
      {done ? <Notice kind={done.complete ? 'success' : 'warning'}>{done.text}</Notice> : null}
      <FailureNotice of={saving} failed={m.failed} retryHint={m.retryHint} />
      {unfinished ? (
        <Button className='btn-block' type='danger' size='large' block disabled={saving.busy} onClick={() => void run(false)}>
          {m.withdrawAgain}
        </Button>
      ) : consent?.granted ? (
        confirming ? (
          <ConfirmStep
            confirmLabel={m.withdrawConfirm}
            backLabel={m.withdrawBack}
            danger
            busy={saving.busy}
            onConfirm={() => void run(false)}
            onBack={() => setConfirming(false)}
          >
            <Text className='text'>{v.withdrawWhat}</Text>
          </ConfirmStep>
        ) : (
          <Button className='btn-block' size='large' block onClick={() => setConfirming(true)}>
            {v.withdraw}
          </Button>
        )
      ) : (
        <Button className='btn-block' size='large' block disabled={saving.busy} onClick={() => void run(true)}>
          {v.grant}
        </Button>
      )}
    </View>
  );
}
