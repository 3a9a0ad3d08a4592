/**
 * 已发通知: every WeChat subscription message (the outbox), newest first: to whom, which kind, the
 * fields as rendered for the template, and its state (已送达微信 / 没开微信提醒 / 等待发送 / 重试中 /
 * 发送失败 / 未发送 with the reason). On the local runtime nothing reaches WeChat, so the page is
 * titled 开发者 · 已发通知: it shows what would have been sent. Staff only (admin, duty, social worker:
 * the server limits a social worker to the 居委 they serve).
 */
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { OutboxView } from '@core/api';
import type { DeliveryState } from '@/services/rules';
import { Kv } from '@/components/Kv';
import { LoadMore } from '@/components/LoadMore';
import { NotForYou } from '@/components/NotForYou';
import { Notice } from '@/components/Notice';
import { Screen } from '@/components/Screen';
import { Tabs } from '@/components/Tabs';
import { Tag } from '@/components/Tag';
import { deliveryKind, type ShownDelivery } from '@/components/Tag/delivery';
import { usePaged } from '@/hooks/usePaged';
import { useSession } from '@/hooks/useSession';
import { commonMessages } from '@/messages/common';
import { dateTime } from '@/services/dates';
import { ROUTES, back } from '@/services/routes';
import { Button } from '@/ui/nutui';
import { messages as m } from './messages';
import './index.scss';

type Filter = DeliveryState | 'all';
const FILTERS: Filter[] = ['all', 'sent', 'unsubscribed', 'pending', 'failed', 'skipped'];

/** A pending message tried before is retrying (重试中): shown as such, coloured by the one delivery rule. */
const shownState = (o: OutboxView): ShownDelivery => (o.state === 'pending' && o.attempts > 0 ? 'retrying' : o.state);

function Row({ o, local }: { o: OutboxView; local: boolean }) {
  return (
    <View className={`card outbox-row outbox-row--${o.state}`}>
      <View className='line__top'>
        <Text className='outbox__to'>{m.to(o.userName)}</Text>
        <Tag kind={deliveryKind(shownState(o), local ? 'local' : 'wechat')}>{o.stateText}</Tag>
      </View>
      <Text className='muted'>{m.kind(o.templateTitle, o.kind)}</Text>
      <View className='outbox__fields' ariaLabel={m.fields}>
        {o.fields.map((f) => (
          <Kv key={f.key} k={f.key} v={f.value} />
        ))}
      </View>
      {o.reason ? <Text className='text outbox__reason'>{m.reason(o.reason)}</Text> : null}
      <Text className='line__sub'>{m.createdAt(dateTime(o.createdAt))}</Text>
      {o.sentAt ? <Text className='line__sub'>{(local ? m.sentAtLocal : m.sentAt)(dateTime(o.sentAt))}</Text> : null}
      {o.nextAttemptAt ? <Text className='line__sub'>{m.nextAt(dateTime(o.nextAttemptAt))}</Text> : null}
      {o.attempts > 1 ? <Text className='line__sub'>{m.attempts(o.attempts)}</Text> : null}
    </View>
  );
}

export default function OutboxPage() {
  const { me } = useSession('registered');
  const staff = !!me?.roles.some((r) => r === 'admin' || r === 'duty' || r === 'socialWorker');
  const [filter, setFilter] = useState<Filter>('all');
  const list = usePaged('inbox', 'outbox', { limit: 20, ...(filter === 'all' ? {} : { state: filter }) }, staff);
  const local = list.last?.runtime === 'local';

  useEffect(() => {
    if (local) void Taro.setNavigationBarTitle({ title: m.titleLocal }).catch(() => undefined);
  }, [local]);

  if (!me?.profile) {
    return (
      <Screen>
        <Text className='loading'>{commonMessages.loading}</Text>
      </Screen>
    );
  }

  if (!staff) return <NotForYou text={m.notStaff} />;

  return (
    <Screen className='outbox-page'>
      <Text className='greeting'>{local ? m.titleLocal : m.title}</Text>
      <Text className='muted'>{local ? m.introLocal : m.intro}</Text>
      <Tabs
        options={FILTERS.map((f) => ({ value: f, label: (local ? { ...m.filters, ...m.filtersLocal } : m.filters)[f] }))}
        value={filter}
        onChange={setFilter}
      />
      {list.error ? <Notice kind='error'>{m.loadFailed + list.error}</Notice> : null}
      <View className='section'>
        {list.loaded && !list.loading && list.items.length === 0 ? <Text className='muted'>{list.next ? m.noneOnPage : m.none}</Text> : null}
        {list.items.map((o) => (
          <Row key={o.id} o={o} local={local} />
        ))}
        <LoadMore next={list.next} loading={list.loading} onMore={() => void list.more()} quietEnd={list.items.length === 0} />
      </View>
      <Button className='btn-block' size='large' block onClick={() => back(ROUTES.admin)}>
        {m.back}
      </Button>
    </Screen>
  );
}
