/** Big rows to the volunteer's own pages: 我的时间, 我的活动, 消息 (with the unread count in words). */
import { Text, View } from '@tarojs/components';
import { commonMessages } from '@/messages/common';
import { ROUTES, go, type Route } from '@/services/routes';
import { LinkCard } from '@/components/LinkCard';
import './index.scss';

const m = commonMessages.links;

interface Props {
  /** Unread messages, when known. */
  unread?: number | null;
  /** Volunteers and leaders also have 我的活动 (and hours under 我的时间). */
  volunteer: boolean;
}

export function QuickLinks({ unread, volunteer }: Props) {
  const rows: Array<{ key: string; route: Route; title: string; desc: string }> = [
    { key: 'time', route: ROUTES.myTime, title: m.myTime.title, desc: volunteer ? m.myTime.desc : m.myTime.descCredits },
    ...(volunteer ? [{ key: 'activities', route: ROUTES.myActivities, title: m.myActivities.title, desc: m.myActivities.desc }] : []),
    { key: 'inbox', route: ROUTES.inbox, title: m.inbox.title, desc: unread ? m.unread(unread) : volunteer ? m.inbox.desc : m.inbox.descNoActivities },
  ];
  return (
    <View className='role-cards'>
      {rows.map((r) => (
        <LinkCard
          key={r.key}
          className={`quick-link quick-link--${r.key}`}
          title={r.title}
          desc={r.desc}
          descClassName={r.key === 'inbox' && unread ? 'quick-link__unread' : undefined}
          onClick={() => go(r.route)}
          extra={r.key === 'inbox' && unread ? <Text className='badge'>{unread > 99 ? '99+' : String(unread)}</Text> : null}
        />
      ))}
    </View>
  );
}
