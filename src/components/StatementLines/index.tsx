/**
 * Lines of a time-credit statement (我的时间, a senior's credits, the pool): title and amount, whom
 * and why, when and what is left to use. A hold (预留) reads 留出, not a minus, and says it is not
 * spent; it and its payment or release each say they are the same minutes (`holdNotes`), so a senior
 * reading 预留 then 付出 does not count them twice. `plain`: a senior's pages, where the ledger's
 * words (预留, 兑换, 公益池) read in plain words, notes included.
 */
import { Text, View } from '@tarojs/components';
import type { StatementLine } from '@core/api';
import { holdNotes, lineAfter, lineAmount, plainLine, plainWords } from '@/messages/timebank';
import { dateTime } from '@/services/dates';
import './index.scss';

export function StatementLines({ lines, plain }: { lines: StatementLine[]; plain?: boolean }) {
  if (!lines.length) return null;
  const notes = holdNotes(lines);
  const shown = plain ? lines.map(plainLine) : lines;
  const note = (id: string) => (plain ? plainWords(notes.get(id)!) : notes.get(id));
  return (
    <View className='card'>
      {shown.map((l) => (
        <View key={l.id} className='line statement-line'>
          <View className='line__top'>
            <Text className='line__title'>{l.title}</Text>
            <Text className='line__amount'>{lineAmount(l)}</Text>
          </View>
          <Text className='line__sub'>{[l.counterparty, l.memo].filter(Boolean).join(' · ')}</Text>
          {notes.has(l.id) ? <Text className='line__sub statement-line__hold'>{note(l.id)}</Text> : null}
          <Text className='line__sub'>
            {dateTime(l.at)} · {lineAfter(l)}
          </Text>
        </View>
      ))}
    </View>
  );
}
