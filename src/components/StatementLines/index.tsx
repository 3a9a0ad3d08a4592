/**
 * Lines of a time-credit statement (我的时间, a senior's credits, the pool): title and amount, whom and
 * why, when and what is left to use. `plain`: a senior's pages, where the ledger's words (预留, 兑换,
 * 公益池) read in plain words.
 */
import { Text, View } from '@tarojs/components';
import type { StatementLine } from '@core/api';
import { lineAfter, lineAmount, plainLine } from '@/messages/timebank';
import { dateTime } from '@/services/dates';

export function StatementLines({ lines, plain }: { lines: StatementLine[]; plain?: boolean }) {
  if (!lines.length) return null;
  const shown = plain ? lines.map(plainLine) : lines;
  return (
    <View className='card'>
      {shown.map((l) => (
        <View key={l.id} className='line statement-line'>
          <View className='line__top'>
            <Text className='line__title'>{l.title}</Text>
            <Text className='line__amount'>{lineAmount(l)}</Text>
          </View>
          <Text className='line__sub'>{[l.counterparty, l.memo].filter(Boolean).join(' · ')}</Text>
          <Text className='line__sub'>
            {dateTime(l.at)} · {lineAfter(l)}
          </Text>
        </View>
      ))}
    </View>
  );
}
