/**
 * 用绑定码登录: a senior whom the 居委 registered at the desk (no WeChat behind her record) binds the
 * WeChat of her own phone with the six-digit code her social worker issued (`account.bindSenior`).
 * The page names her only after the server bound her, so whoever holds the phone can check it is
 * the right person before going on. Always in elder mode: it is a senior's page, opened before any
 * setting of hers exists.
 */
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { MeResult } from '@core/api';
import { Field } from '@/components/Field';
import { FailureNotice } from '@/components/FailureNotice';
import { Notice } from '@/components/Notice';
import { Screen } from '@/components/Screen';
import { useMutation } from '@/hooks/useMutation';
import { useSession } from '@/hooks/useSession';
import { ROUTES, back, restart } from '@/services/routes';
import { setMe } from '@/state/store';
import { Button } from '@/ui/nutui';
import { messages as m } from './messages';
import './index.scss';

const SIX_DIGITS = /^\d{6}$/;

export default function BindSenior() {
  useSession('guest');
  const bind = useMutation('account', 'bindSenior');
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [bound, setBound] = useState<MeResult | null>(null);

  const submit = async () => {
    const typed = code.trim();
    if (!SIX_DIGITS.test(typed)) {
      setError(m.code.invalid);
      return;
    }
    setError(null);
    const me = await bind.run({ code: typed });
    if (me) {
      setMe(me);
      setBound(me);
    }
  };

  if (bound?.profile) {
    return (
      <Screen forceElder>
        <Notice kind='success'>{m.done(bound.profile.name)}</Notice>
        <Text className='text'>{m.notYou}</Text>
        <Button className='btn-block' type='primary' size='large' block onClick={() => restart(ROUTES.home)}>
          {m.goHome}
        </Button>
      </Screen>
    );
  }

  return (
    <Screen forceElder>
      <Text className='greeting'>{m.heading}</Text>
      <Text className='text'>{m.intro}</Text>
      <View className='bind__steps'>
        {m.steps.map((s, i) => (
          <Text key={s} className='bind__step'>
            {`${i + 1}. ${s}`}
          </Text>
        ))}
      </View>
      <Field
        label={m.code.label}
        name='bindCode'
        type='number'
        placeholder={m.code.placeholder}
        value={code}
        maxlength={6}
        error={error ?? bind.fieldErrors.code}
        onChange={(v) => {
          setCode(v);
          if (error) setError(null);
        }}
      />
      <FailureNotice of={bind} failed={m.failed} />
      <Button className='btn-block' type='primary' size='large' block disabled={bind.busy} onClick={() => void submit()}>
        {bind.busy ? m.submitting : m.submit}
      </Button>
      <Notice kind='info'>{m.familyNote}</Notice>
      <Button className='btn-block' size='large' block onClick={() => back(ROUTES.register)}>
        {m.back}
      </Button>
    </Screen>
  );
}
