/**
 * 打电话 for one senior: the number is fetched through `partners.reveal` (each opening is logged as
 * access, like 查看电话) on the tap, never before, and handed to the phone's dialer. The number is
 * then shown too: where no dialler opens (H5, WeChat on a computer) the tap did something visible,
 * and it can be dialled by hand.
 */
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { Notice } from '@/components/Notice';
import { call, errorMessage } from '@/services/api';
import { Button } from '@/ui/nutui';
import { partnerMessages as pm } from './messages';

export function CallButton({ seniorId, primary }: { seniorId: string; primary?: boolean }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [shownPhone, setShownPhone] = useState<string | null>(null);
  const dial = async () => {
    setBusy(true);
    setError(null);
    try {
      const res = await call('partners', 'reveal', { seniorId, field: 'phone' });
      if (!res.phone) setError(pm.noPhone);
      else {
        setShownPhone(res.phone);
        await Taro.makePhoneCall({ phoneNumber: res.phone }).catch(() => undefined);
      }
    } catch (e) {
      setError(pm.callFailed + errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className='pt-call'>
      <Button className='btn-block pt-call__button' type={primary ? 'primary' : 'default'} size='large' block disabled={busy} onClick={() => void dial()}>
        {busy ? pm.calling : `☎ ${pm.call}`}
      </Button>
      {shownPhone ? <Text className='text pt-call__phone'>{pm.callNumber(shownPhone)}</Text> : null}
      <Text className='muted pt-call__note'>{pm.callLogged}</Text>
      {error ? <Notice kind='warning'>{error}</Notice> : null}
    </View>
  );
}
