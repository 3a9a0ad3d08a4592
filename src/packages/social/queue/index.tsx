/**
 * 待办: the 居委's help requests waiting for the social worker: pool grants to decide, disputes to
 * settle, services unconfirmed for 72 hours or never reported. Each opens the request's progress page
 * in desk mode (`?seniorId=`), where the decision or settlement is made in place.
 */
import { Text, View } from '@tarojs/components';
import type { HelpRequestView } from '@core/api';
import { HelpCard } from '@/components/HelpCard';
import { Notice } from '@/components/Notice';
import { Screen } from '@/components/Screen';
import { useQuery } from '@/hooks/useQuery';
import { useSession } from '@/hooks/useSession';
import { useShowAgain } from '@/hooks/useShowAgain';
import { commonMessages } from '@/messages/common';
import { ROUTES, go } from '@/services/routes';
import { messages as m } from './messages';
import './index.scss';

export default function SocialQueue() {
  const { me } = useSession('registered');
  const queue = useQuery('help', 'queue', {}, !!me?.registered);
  useShowAgain(() => void queue.reload());
  const q = queue.data;
  const open = (r: HelpRequestView) => go(ROUTES.seniorRequest, { id: r.id, seniorId: r.seniorId });

  const section = (title: string, items: HelpRequestView[], key: string) => (
    <View key={key} className={`section queue-${key}`}>
      <Text className='section__title'>{m.sectionTitle(title, items.length)}</Text>
      {items.length === 0 ? <Text className='text'>{m.none}</Text> : null}
      {items.map((r) => (
        <HelpCard key={r.id} request={r} page='staff' onOpen={open} />
      ))}
    </View>
  );

  return (
    <Screen>
      <Text className='greeting'>{m.heading}</Text>
      <Text className='muted'>{m.hint}</Text>
      {queue.error ? <Notice kind='error'>{m.loadFailed + queue.error}</Notice> : null}
      {!q && !queue.error ? <Text className='loading'>{commonMessages.loading}</Text> : null}
      {q ? [section(m.grants, q.grants, 'grants'), section(m.disputes, q.disputes, 'disputes'), section(m.overdue, q.overdue, 'overdue')] : null}
    </Screen>
  );
}
