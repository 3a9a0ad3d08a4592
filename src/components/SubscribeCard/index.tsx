/**
 * 开启警报通知: the staff's card on their home pages (social worker, admin). Tapping asks WeChat
 * for the 警报通知 subscription (each acceptance allows one more message), even after an earlier
 * refusal, because the person asks for it here.
 */
import { Text, View } from '@tarojs/components';
import { subscribeMessages as m } from '@/messages/subscribe';
import { askSubscriptions, useSubscriptions } from '@/services/subscribe';
import { Button } from '@/ui/nutui';

export function SubscribeCard() {
  const subs = useSubscriptions();
  const alert = subs?.items.find((i) => i.template === 'alert');
  const on = !!alert && (alert.left === null || alert.left > 0);
  return (
    <View className='section card subscribe-card'>
      <Text className='section__title'>{m.staffCard.title}</Text>
      <Text className='text'>{m.staffCard.desc}</Text>
      {alert && on ? <Text className='muted'>{alert.left === null ? m.staffCard.always : m.staffCard.on(alert.left)}</Text> : null}
      <Button
        className='btn-block'
        type={on ? 'default' : 'primary'}
        size='large'
        block
        onClick={() => void askSubscriptions(['alert'], '开启警报通知', { force: true })}
      >
        {on ? m.settings.more : m.staffCard.button}
      </Button>
    </View>
  );
}
