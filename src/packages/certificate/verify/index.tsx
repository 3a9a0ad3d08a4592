/**
 * 核验证明: anyone (a school, an employer, without registering) types or scans the code printed on a
 * proof and sees 真实有效, 已作废 (with the date) or 查无此证, with only the number, issuer, period,
 * hours and the masked name. Opened with ?code= from a proof's QR, or ?scene= from its mini-program code.
 */
import { dateRange, dateTime } from '@/services/dates';
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { VerifyAnswer } from '@core/api';
import { Field } from '@/components/Field';
import { Kv } from '@/components/Kv';
import { Notice } from '@/components/Notice';
import { Screen } from '@/components/Screen';
import { call, errorMessage } from '@/services/api';
import { useParam } from '@/services/routes';
import { Button } from '@/ui/nutui';
import { messages } from '../messages';
import { loadProfileQuietly } from './profile';
import './index.scss';

const m = messages.verify;

/** Any WeChat user may check a proof, registered or not (verify is open to EVERYONE); no registration is asked for. */
export default function VerifyCertificate() {
  // ?code= from the URL QR and the H5 link; ?scene= from the mini-program code (wxacode.getUnlimited).
  const fromCode = useParam('code');
  const fromScene = useParam('scene');
  const given = fromCode || fromScene;
  const [code, setCode] = useState(given);
  const [answer, setAnswer] = useState<VerifyAnswer | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const check = async (value: string) => {
    if (!value.trim()) return;
    setBusy(true);
    setError(null);
    try {
      setAnswer(await call('certificates', 'verify', { code: value.trim() }));
    } catch (e) {
      setAnswer(null);
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  // A cold open (from the QR) has no profile yet: load it, so elder mode follows the saved setting.
  useEffect(() => {
    void loadProfileQuietly();
  }, []);
  // Opened from a proof's QR: fill in its code and check it at once.
  useEffect(() => {
    if (!given) return;
    setCode(given);
    void check(given);
  }, [given]);

  return (
    <Screen>
      <Text className='greeting'>{m.heading}</Text>
      <Field label={m.code} placeholder={m.placeholder} value={code} maxlength={40} onChange={setCode} />
      <Button className='btn-block' type='primary' size='large' block disabled={busy} onClick={() => void check(code)}>
        {busy ? m.checking : m.check}
      </Button>
      {error ? <Notice kind='error'>{m.failed + error}</Notice> : null}
      {answer ? (
        <View className={`section verify verify--${answer.result}`}>
          <Text className='verify__result'>{m[answer.result]}</Text>
          {answer.result === 'unknown' ? (
            <Text className='text'>{m.unknownHint}</Text>
          ) : (
            <>
              {answer.result === 'void' && answer.voidedAt ? <Text className='text verify__void'>{m.voidedAt(dateTime(answer.voidedAt))}</Text> : null}
              <Kv k={m.number} v={answer.number} />
              <Kv k={m.issuer} v={answer.issuerName} />
              <Kv k={m.period} v={dateRange(answer.from, answer.to)} />
              <Kv k={m.hours} v={answer.hoursText} />
              <Kv k={m.name} v={answer.maskedName} />
            </>
          )}
        </View>
      ) : null}
    </Screen>
  );
}
