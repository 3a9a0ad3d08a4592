/**
 * 消息: my messages, newest first, unread ones marked with the word 未读 and a thick edge (not only
 * colour). Opening a message (the page it names, as its WeChat message would) marks it read; one
 * button marks everything read. Under the list, 通知设置: which WeChat notifications are on, and quiet hours.
 */
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { MessageView } from '@core/api';
import { LoadMore } from '@/components/LoadMore';
import { FailureNotice } from '@/components/FailureNotice';
import { Notice } from '@/components/Notice';
import { Screen } from '@/components/Screen';
import { Tabs } from '@/components/Tabs';
import { Tag } from '@/components/Tag';
import { useMutation } from '@/hooks/useMutation';
import { usePaged } from '@/hooks/usePaged';
import { useSession } from '@/hooks/useSession';
import { dateTime } from '@/services/dates';
import { ROUTES, openPage } from '@/services/routes';
import { Button } from '@/ui/nutui';
import { NotifySettings } from './NotifySettings';
import { messages as m } from './messages';
import './index.scss';

type Filter = 'all' | 'unread';

/** Whether a message opens a page of its own (some open only the inbox itself). */
const opens = (msg: MessageView) => !!msg.page && msg.page.split('?')[0] !== ROUTES.inbox;

export default function Inbox() {
  const { me } = useSession('registered');
  const [filter, setFilter] = useState<Filter>('all');
  const list = usePaged('inbox', 'list', { limit: 20, ...(filter === 'unread' ? { unreadOnly: true } : {}) }, !!me?.registered);
  const mark = useMutation('inbox', 'markRead');
  const [unread, setUnread] = useState<number | null>(null);
  const shownUnread = unread ?? list.last?.unread ?? 0;

  const markOne = async (msg: MessageView) => {
    if (msg.read) return true;
    const res = await mark.run({ ids: [msg.id] });
    if (!res) return false;
    list.patch(
      (x) => x.id === msg.id,
      (x) => ({ ...x, read: true }),
    );
    setUnread(res.unread);
    return true;
  };

  const open = async (msg: MessageView) => {
    await markOne(msg);
    if (opens(msg)) openPage(msg.page);
  };

  const markAll = async () => {
    const res = await mark.run({ all: true });
    if (!res) return;
    setUnread(res.unread);
    if (filter === 'unread') await list.reload();
    else
      list.patch(
        () => true,
        (x) => ({ ...x, read: true }),
      );
  };

  return (
    <Screen>
      <Text className='greeting'>{m.heading}</Text>
      <Text className='text inbox__count'>{m.unread(shownUnread)}</Text>
      <Tabs
        options={[
          { value: 'all', label: m.filters.all },
          { value: 'unread', label: m.filters.unread },
        ]}
        value={filter}
        onChange={(f) => {
          setUnread(null);
          setFilter(f);
        }}
      />
      <FailureNotice of={mark} failed={m.failed} />
      {list.error ? <Notice kind='error'>{m.loadFailed + list.error}</Notice> : null}
      {shownUnread > 0 ? (
        <Button className='btn-block' size='large' block disabled={mark.busy} onClick={() => void markAll()}>
          {mark.busy ? m.marking : m.markAll}
        </Button>
      ) : null}
      <View className='section'>
        {list.loaded && list.items.length === 0 ? <Text className='muted'>{filter === 'unread' ? m.noneUnread : m.none}</Text> : null}
        {list.items.map((msg) => (
          <View key={msg.id} className={`card message${msg.read ? '' : ' message--unread'}`}>
            <View className='line__top'>
              <Text className='message__title'>{msg.title}</Text>
              <Tag kind={msg.read ? 'neutral' : 'info'} icon={msg.read ? '' : '●'}>
                {msg.read ? m.readTag : m.unreadTag}
              </Tag>
            </View>
            <Text className='text'>{msg.body}</Text>
            <Text className='line__sub'>{dateTime(msg.createdAt)}</Text>
            <View className='btn-pair'>
              {opens(msg) ? (
                <Button type='primary' size='large' onClick={() => void open(msg)}>
                  {msg.activityId ? m.openActivity : m.open}
                </Button>
              ) : null}
              {!msg.read ? (
                <Button size='large' disabled={mark.busy} onClick={() => void markOne(msg)}>
                  {m.markRead}
                </Button>
              ) : null}
            </View>
          </View>
        ))}
        <LoadMore next={list.next} loading={list.loading} onMore={() => void list.more()} quietEnd={list.items.length === 0} />
      </View>
      <NotifySettings />
    </Screen>
  );
}
