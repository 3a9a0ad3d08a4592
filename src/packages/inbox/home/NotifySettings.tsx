/**
 * 通知设置 on 我的消息: per kind of WeChat notification, whether it is on in plain words (还可收到
 * 3 条 / 未开启 / 您选择了不接收) and a button to turn it on, which asks WeChat even after an
 * earlier refusal (the person asks here); and the night-time quiet hours, on or off. Only the kinds
 * that can reach this person are listed (a senior who does not volunteer gets no 活动提醒).
 */
import { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { Notice } from '@/components/Notice';
import { subscribeMessages } from '@/messages/subscribe';
import { errorMessage } from '@/services/api';
import { notificationsFor } from '@/services/audience';
import { askSubscriptions, loadSubscriptions, saveQuietHours, subscriptionText, useSubscriptions } from '@/services/subscribe';
import { useAppState } from '@/state/store';
import { Button } from '@/ui/nutui';

const m = subscribeMessages.settings;

export function NotifySettings() {
  const subs = useSubscriptions();
  const roles = useAppState().me?.roles ?? [];
  const [error, setError] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useDidShow(() => {
    loadSubscriptions({ force: true }).then(
      () => setError(null),
      (e: unknown) => setError(errorMessage(e)),
    );
  });

  const toggleQuiet = async () => {
    if (!subs) return;
    setSaving(true);
    setSaveError(null);
    try {
      await saveQuietHours(!subs.quiet);
    } catch (e) {
      setSaveError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <View className='section card notify-settings'>
      <Text className='section__title'>{m.title}</Text>
      <Text className='muted'>{m.intro}</Text>
      {error ? <Notice kind='error'>{m.loadFailed + error}</Notice> : null}
      {notificationsFor(subs?.items ?? [], roles).map((v) => {
        const canAsk = v.templateId !== '' || subs?.runtime === 'local';
        const on = v.left === null || v.left > 0;
        return (
          <View key={v.template} className={`notify-row notify-row--${v.template}`}>
            <View className='notify-row__body'>
              <Text className='notify-row__title'>{v.title}</Text>
              <Text className='notify-row__state'>{canAsk ? subscriptionText(v) : m.notReady}</Text>
            </View>
            {canAsk && v.left !== null ? (
              <Button size='large' type={on ? 'default' : 'primary'} onClick={() => void askSubscriptions([v.template], '通知设置', { force: true })}>
                {on ? m.more : m.turnOn}
              </Button>
            ) : null}
          </View>
        );
      })}
      {subs ? (
        <View className='notify-row notify-row--quiet'>
          <View className='notify-row__body'>
            <Text className='notify-row__title'>{m.quietTitle}</Text>
            <Text className='notify-row__state'>{subs.quiet ? m.quietOn(subs.quiet.from, subs.quiet.to) : m.quietOff}</Text>
          </View>
          <Button size='large' disabled={saving} onClick={() => void toggleQuiet()}>
            {subs.quiet ? m.quietTurnOff : m.quietTurnOn}
          </Button>
        </View>
      ) : null}
      {saveError ? <Notice kind='error'>{m.saveFailed + saveError}</Notice> : null}
    </View>
  );
}
