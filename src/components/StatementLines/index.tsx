/**
 * Lines of a time-credit statement (我的时间, a senior's credits, the pool): title and amount, whom
 * and why, when and what is left to use. A hold (预留) reads 留出, not a minus, and says it is not
 * spent; it and its payment or release each say they are the same minutes (`holdNotes`), so a senior
 * reading 预留 then 付出 does not count them twice. Titles, counterparties and memos come from the
 * server in the reader's words (a senior and her proxy read 先留出：用时间换帮助, staff 预留：兑换服务).
 */
import { Text, View } from '@tarojs/components';
import type { StatementLine } from '@core/api';
import { holdNotes, lineAfter, lineAmount } from '@/messages/timebank';
import { dateTime } from '@/services/dates';
import './index.scss';

export function StatementLines({ lines }: { lines: StatementLine[] }) {
  if (!lines.length) return null;
  const notes = holdNotes(lines);
  return (
    <View className='card'>
      {lines.map((l) => (
        <View key={l.id} className='line statement-line'>
          <View className='line__top'>
            <Text className='line__title'>{l.title}</Text>
            <Text className='line__amount'>{lineAmount(l)}</Text>
          </View>
          <Text className='line__sub'>{[l.counterparty, l.memo].filter(Boolean).join(' · ')}</Text>
          {notes.has(l.id) ? <Text className='line__sub statement-line__hold'>{notes.get(l.id)}</Text> : null}
          <Text className='line__sub'>
            {dateTime(l.at)} · {lineAfter(l)}
          </Text>
        </View>
      ))}
    </View>
  );
}
