/**
 * Big call buttons, one per person or service: "打电话：居委社工 小郑" with the number written under
 * it, so it can also be dialled by hand. Taro.makePhoneCall opens the phone's dialler (nothing is
 * called without the person pressing call there).
 */
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { helpMessages as m } from '@/messages/help';
import { Button } from '@/ui/nutui';
import { Notice } from '@/components/Notice';
import '@/styles/help.scss';
import './index.scss';

export interface CallTarget {
  key: string;
  /** Who: "居委社工 小郑", "女儿 沈小妹", "急救". */
  who: string;
  phone: string;
  urgent?: boolean;
}

export function CallButtons({ targets }: { targets: CallTarget[] }) {
  const [failed, setFailed] = useState<string | null>(null);
  const dial = async (phone: string) => {
    setFailed(null);
    try {
      await Taro.makePhoneCall({ phoneNumber: phone });
    } catch {
      setFailed(phone);
    }
  };
  return (
    <View className='calls'>
      {targets.map((t) => (
        <Button key={t.key} className='btn-block call-btn' type={t.urgent ? 'primary' : 'default'} size='large' block onClick={() => void dial(t.phone)}>
          <View className='call-btn__label'>
            <Text>{m.call.button(t.who)}</Text>
            <Text className='call-btn__phone'>{t.phone}</Text>
          </View>
        </Button>
      ))}
      {failed ? <Notice kind='warning'>{m.call.failed + failed}</Notice> : null}
    </View>
  );
}
