/**
 * 开启警报通知: the staff's card on their home pages (social worker, admin), a family proxy's
 * (替家中老人办理, the senior's home they act on) and a 老伙伴's (我结对的老人), whom the alarm chain
 * tells first. Tapping asks WeChat
 * for the 警报通知 subscription (each acceptance allows one more message), even after an earlier
 * refusal, because the person asks for it here.
 */
import { Text, View } from '@tarojs/components';
import { subscribeMessages as m } from '@/messages/subscribe';
import { askSubscriptions, useSubscriptions } from '@/services/subscribe';
import { Button } from '@/ui/nutui';

/** `onlyWhenOff`: a page about something else shows the card only while the subscription is off. */
export function SubscribeCard({ audience = 'staff', onlyWhenOff = false }: { audience?: 'staff' | 'family' | 'partner'; onlyWhenOff?: boolean }) {
  const words = audience === 'family' ? m.familyCard : audience === 'partner' ? m.partnerCard : m.staffCard;
  const subs = useSubscriptions();
  const alert = subs?.items.find((i) => i.template === 'alert');
  const on = !!alert && (alert.left === null || alert.left > 0);
  if (onlyWhenOff && (on || !subs)) return null;
  return (
    <View className='section card subscribe-card'>
      <Text className='section__title'>{words.title}</Text>
      <Text className='text'>{words.desc}</Text>
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
