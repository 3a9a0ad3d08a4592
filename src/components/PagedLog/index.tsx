/**
 * A paged log read newest first (a senior's 办理记录, who looked at her details, who looked at mine):
 * the load error, the empty line, the lines in one card, and 加载更多. Each page says what a line
 * holds; the skeleton and its states live here once.
 */
import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { LoadMore } from '@/components/LoadMore';
import { Notice } from '@/components/Notice';

interface PagedList<T> {
  items: T[];
  next: string | null;
  loading: boolean;
  loaded: boolean;
  error: string | null;
  more: () => Promise<void>;
}

interface Props<T extends { id: string }> {
  list: PagedList<T>;
  /** Put before the error: 没有加载出来： */
  loadFailed: string;
  /** Said when the log is empty. */
  none: string;
  /** The line's own class (history-line, access-line), for the page's styles and tests. */
  lineClass: string;
  line: (item: T) => ReactNode;
}

export function PagedLog<T extends { id: string }>({ list, loadFailed, none, lineClass, line }: Props<T>) {
  return (
    <>
      {list.error ? <Notice kind='error'>{loadFailed + list.error}</Notice> : null}
      {list.loaded && list.items.length === 0 ? <Text className='text'>{none}</Text> : null}
      {list.items.length ? (
        <View className='card'>
          {list.items.map((item) => (
            <View key={item.id} className={`line ${lineClass}`}>
              {line(item)}
            </View>
          ))}
        </View>
      ) : null}
      <LoadMore next={list.next} loading={list.loading} onMore={() => void list.more()} quietEnd={list.items.length === 0} />
    </>
  );
}
