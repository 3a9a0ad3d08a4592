/**
 * 注销账号: says what is deleted and what is kept (anonymously), what happens to credits left, and
 * what must be settled first (from `account.closeCheck`, in the server's plain words); then a
 * confirmation step in place. After closing, "完成" leaves the signed-in state behind.
 */
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { AccountResults } from '@core/api';
import { ConfirmStep } from '@/components/ConfirmStep';
import { Notice } from '@/components/Notice';
import { FailureNotice } from '@/components/FailureNotice';
import { Screen } from '@/components/Screen';
import { useMutation } from '@/hooks/useMutation';
import { useQuery } from '@/hooks/useQuery';
import { useSession } from '@/hooks/useSession';
import { commonMessages } from '@/messages/common';
import { clearToken, usesDevLogin } from '@/services/api';
import { hours } from '@/services/format';
import { ROUTES, back, go, restart } from '@/services/routes';
import { resetSession } from '@/state/store';
import { Button, Checkbox } from '@/ui/nutui';
import { messages as m } from './messages';
import './index.scss';

type Step = 'read' | 'confirm' | 'done';

export default function CloseAccount() {
  const { me } = useSession('registered');
  const [step, setStep] = useState<Step>('read');
  const check = useQuery('account', 'closeCheck', {}, !!me?.registered && step === 'read');
  const close = useMutation('account', 'close');
  const [understood, setUnderstood] = useState(false);
  const [done, setDone] = useState<AccountResults['close'] | null>(null);

  const available = check.data?.available.minutes ?? 0;

  const submit = async () => {
    const result = await close.run({ confirm: true, ...(available > 0 ? { leftover: 'donate' as const } : {}) });
    if (!result) return;
    setDone(result);
    setStep('done');
  };

  const finish = () => {
    // The account is gone: forget the session (on H5 the dev login token too) and start over.
    if (usesDevLogin) clearToken();
    resetSession();
    restart(usesDevLogin ? ROUTES.login : ROUTES.register);
  };

  if (step === 'done' && done) {
    return (
      <Screen>
        <Notice kind='success'>
          {m.done}
          {done.donated ? <Text className='text'>{m.donated(hours(done.donated.minutes))}</Text> : null}
        </Notice>
        <Button className='btn-block' type='primary' size='large' block onClick={finish}>
          {m.finish}
        </Button>
      </Screen>
    );
  }

  return (
    <Screen>
      <Text className='greeting'>{m.heading}</Text>
      <Text className='text'>{m.intro}</Text>

      <View className='section close__list'>
        <Text className='section__title'>{m.deletedTitle}</Text>
        {m.deleted.map((line) => (
          <Text key={line} className='close__item close__item--deleted'>
            {line}
          </Text>
        ))}
      </View>
      <View className='section close__list'>
        <Text className='section__title'>{m.keptTitle}</Text>
        {m.kept.map((line) => (
          <Text key={line} className='close__item'>
            {line}
          </Text>
        ))}
      </View>

      {check.error ? <Notice kind='error'>{m.loadFailed + check.error}</Notice> : null}
      {!check.data && !check.error ? <Text className='loading'>{commonMessages.loading}</Text> : null}

      {check.data && step === 'read' ? (
        <>
          {available > 0 ? (
            <Notice
              kind='warning'
              action={
                <Button size='large' block onClick={() => go(ROUTES.gift)}>
                  {m.goGift}
                </Button>
              }
            >
              {m.leftover(hours(available))}
              <Text className='text'>{m.leftoverGift}</Text>
            </Notice>
          ) : (
            <View className='section'>
              <Text className='text'>{m.noLeftover}</Text>
            </View>
          )}

          {check.data.blockers.length ? (
            // Nothing went wrong: there is something to do first, so a warning, not an error.
            <Notice kind='warning'>
              {m.blockedTitle}
              {check.data.blockers.map((b) => (
                <Text key={b.kind + b.text} className='text close__blocker'>
                  {b.text}
                </Text>
              ))}
            </Notice>
          ) : (
            <View className='section'>
              <Checkbox className='close__understood' checked={understood} label={m.understood} onChange={setUnderstood} />
              <Button className='btn-block' type='danger' size='large' block disabled={!understood} onClick={() => setStep('confirm')}>
                {m.next}
              </Button>
            </View>
          )}
          <Button className='btn-block' size='large' block onClick={() => back(ROUTES.profile)}>
            {m.back}
          </Button>
        </>
      ) : null}

      {step === 'confirm' ? (
        <ConfirmStep
          danger
          confirmLabel={m.doClose}
          busyLabel={m.working}
          busy={close.busy}
          onConfirm={() => void submit()}
          onBack={() => {
            close.clearError();
            setStep('read');
          }}
        >
          <Text className='confirm__big'>{m.confirmBig}</Text>
          {available > 0 ? <Text className='text'>{m.confirmLeftover(hours(available))}</Text> : null}
          <Text className='text'>{m.confirmIrreversible}</Text>
          <FailureNotice of={close} failed={m.failed} retryHint={m.retryHint} />
        </ConfirmStep>
      ) : null}
    </Screen>
  );
}
