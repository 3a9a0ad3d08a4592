/**
 * The elder-mode switch (长辈模式). The whole card is one big tap target (a switch role); the
 * state is spelled out in words (已开启 / 已关闭, 开 / 关), not only shown by colour.
 * Saved on this device at once, and on the person's profile when they are registered.
 */
import { Text, View } from '@tarojs/components';
import { useMutation } from '@/hooks/useMutation';
import { commonMessages } from '@/messages/common';
import { elderOf, getState, isSenior, setLocalElder, setMe, useElderMode } from '@/state/store';
import { FailureNotice } from '@/components/FailureNotice';
import './index.scss';

const m = commonMessages.elder;

export function ElderToggle() {
  const elder = useElderMode();
  const save = useMutation('account', 'updateProfile');

  const toggle = async () => {
    if (save.busy) return;
    const before = getState();
    const on = !elderOf(before);
    setLocalElder(on ? 'on' : 'off');
    if (!before.me?.registered) return;
    const me = await save.run({ elderMode: on });
    if (me) setMe(me);
    else if (!isSenior(before.me)) setLocalElder(elderOf(before) ? 'on' : 'off');
  };

  return (
    <View className='elder-toggle'>
      <View
        className='elder-toggle__row'
        hoverClass='elder-toggle__row--pressed'
        ariaRole='switch'
        ariaLabel={`${m.title}，${elder ? m.on : m.off}`}
        onClick={() => void toggle()}
      >
        <View className='elder-toggle__text'>
          <Text className='elder-toggle__title'>{m.title}</Text>
          <Text className='elder-toggle__state'>{elder ? m.on : m.off}</Text>
          <Text className='elder-toggle__hint'>{m.hint}</Text>
        </View>
        <View className={`toggle${elder ? ' toggle--on' : ''}`}>
          <Text className='toggle__label'>{elder ? m.switchOn : m.switchOff}</Text>
          <View className='toggle__knob' />
        </View>
      </View>
      <FailureNotice of={save} failed={m.saveFailed} />
    </View>
  );
}
