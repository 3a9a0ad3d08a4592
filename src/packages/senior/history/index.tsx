/** 办理记录 (`?seniorId=`): the senior's history, newest first: when, who, as whom (本人 / 家属代理 / 社工代办 …), what. */
import { Text, View } from '@tarojs/components';
import type { SeniorActView } from '@core/api';
import { PagedLog } from '@/components/PagedLog';
import { Screen } from '@/components/Screen';
import { Tag, type TagKind } from '@/components/Tag';
import { usePaged } from '@/hooks/usePaged';
import { dateTime } from '@/services/dates';
import { ActingBanner } from '../components/ActingBanner';
import { useActing } from '../components/useActing';
import { messages as m } from './messages';
import './index.scss';

const VIA_KIND: Record<SeniorActView['via'], TagKind> = {
  self: 'success',
  proxy: 'info',
  socialWorker: 'info',
  admin: 'info',
  volunteer: 'neutral',
  partner: 'neutral',
  system: 'neutral',
};

export default function SeniorHistory() {
  const { acting, self, seniorId, ready } = useActing();
  const list = usePaged('seniors', 'history', { ...(seniorId ? { seniorId } : {}), limit: 20 }, ready);

  return (
    <Screen forceElder={self}>
      <ActingBanner acting={acting} />
      <Text className='greeting'>{m.heading}</Text>
      <Text className='text field'>{m.intro}</Text>
      <PagedLog
        list={list}
        loadFailed={m.loadFailed}
        none={m.none}
        lineClass='history-line'
        line={(l) => (
          <>
            <View className='line__top'>
              <Text className='line__title'>{l.actorName}</Text>
              <Tag kind={VIA_KIND[l.via]}>{l.viaText}</Tag>
            </View>
            <Text className='text'>{l.text}</Text>
            <Text className='line__sub'>{dateTime(l.at)}</Text>
          </>
        )}
      />
    </Screen>
  );
}
