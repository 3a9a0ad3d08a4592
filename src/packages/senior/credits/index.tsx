/**
 * A senior's credits (`?seniorId=`), for whoever acts for her: her family proxy or the 居委 desk lands
 * here from the balance tile of her home (she herself goes to 我的时间). Her 可用时间币 with what is
 * set aside for help requests beside it, and her statement lines, in the words of 我的时间; the
 * acting banner on top, elder-mode sizes throughout (she may be reading along). No 转赠 or 亲属关联:
 * those are hers alone. timebank.balance / statement with `seniorId` decide who may read it.
 */
import { Text, View } from '@tarojs/components';
import { AvailableCredits } from '@/components/AvailableCredits';
import { LoadMore } from '@/components/LoadMore';
import { StatementLines } from '@/components/StatementLines';
import { Notice } from '@/components/Notice';
import { Screen } from '@/components/Screen';
import { usePaged } from '@/hooks/usePaged';
import { useQuery } from '@/hooks/useQuery';
import { useShowAgain } from '@/hooks/useShowAgain';
import { commonMessages } from '@/messages/common';
import { ActingBanner } from '../components/ActingBanner';
import { useActing } from '../components/useActing';
import { messages as m } from './messages';

export default function SeniorCredits() {
  const { acting, self, seniorId, ready, home } = useActing();
  // Without ?seniorId (a shared or typed link), a proxy's senior is the one seniors.home resolved:
  // timebank.* without one would read the proxy's own account under the senior's name.
  const senior = seniorId || (acting && !self ? acting.seniorId : '');
  const known = !!seniorId || !!acting;
  const whose = senior ? { seniorId: senior } : {};
  const balance = useQuery('timebank', 'balance', whose, ready && known);
  const statement = usePaged('timebank', 'statement', { ...whose, limit: 20 }, ready && known);
  useShowAgain(() => {
    if (!ready || !known) return;
    void balance.reload();
    void statement.reload();
  });

  const b = balance.data;
  const name = acting?.seniorName ?? home.data?.senior.name ?? '';

  return (
    <Screen forceElder>
      <ActingBanner acting={acting} />
      {name ? <Text className='greeting'>{m.heading(name)}</Text> : null}
      {home.error && !known ? <Notice kind='error'>{m.loadFailed + home.error}</Notice> : null}
      {balance.error ? <Notice kind='error'>{m.loadFailed + balance.error}</Notice> : null}
      {!b && !balance.error && !home.error ? <Text className='loading'>{commonMessages.loading}</Text> : null}

      {b ? <AvailableCredits balance={b} label={self || !name ? m.available : m.availableOf(name)} held={m.held} /> : null}

      <View className='section'>
        <Text className='section__title'>{m.statementTitle}</Text>
        {statement.error && !balance.error ? <Notice kind='error'>{m.loadFailed + statement.error}</Notice> : null}
        {statement.loaded && statement.items.length === 0 && !statement.error ? <Text className='muted'>{m.noLines}</Text> : null}
        <StatementLines lines={statement.items} />
        <LoadMore next={statement.next} loading={statement.loading} onMore={() => void statement.more()} quietEnd={statement.items.length === 0} />
      </View>
    </Screen>
  );
}
