/** 待出具的证明: requests the caller may issue (their team's, their 居委's, or all for an admin), oldest first. */
import { dateRange } from '@/services/dates';
import { Text, View } from '@tarojs/components';
import { LoadMore } from '@/components/LoadMore';
import { Notice } from '@/components/Notice';
import { Screen } from '@/components/Screen';
import { usePaged } from '@/hooks/usePaged';
import { useSession } from '@/hooks/useSession';
import { useShowAgain } from '@/hooks/useShowAgain';
import { ROUTES, go } from '@/services/routes';
import { messages } from '../messages';

const m = messages.queue;

export default function CertificateQueue() {
  const { me } = useSession('registered');
  const list = usePaged('certificates', 'queue', { limit: 20 }, !!me?.registered);
  useShowAgain(() => void list.reload());
  return (
    <Screen>
      <Text className='greeting'>{m.heading}</Text>
      {list.error ? <Notice kind='error'>{list.error}</Notice> : null}
      {list.loaded && !list.items.length ? <Text className='text'>{m.none}</Text> : null}
      {list.items.map((c) => (
        <View key={c.id} className='card' hoverClass='card--pressed' onClick={() => go(ROUTES.certificate, { id: c.id })}>
          <Text className='section__title'>{`${c.applicantName} · ${c.state === 'requested' ? m.requested : m.accepted}`}</Text>
          <Text className='text'>{`${c.issuerName} · ${dateRange(c.from, c.to)} · ${c.hoursText}`}</Text>
        </View>
      ))}
      <LoadMore next={list.next} loading={list.loading} onMore={() => void list.more()} quietEnd />
    </Screen>
  );
}
