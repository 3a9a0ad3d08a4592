/**
 * 谁看过我的信息 (`?seniorId=`): every opening of the senior's address, phone, emergency contacts or
 * health notes, newest first: when, who, in which capacity, where and what (seniors.accessLog). For
 * her, a confirmed proxy, her 居委 and admins; the screens that open those fields say it is logged,
 * and this is where she and her family read it.
 */
import { Text, View } from '@tarojs/components';
import type { SeniorAccessView } from '@core/api';
import { PagedLog } from '@/components/PagedLog';
import { Screen } from '@/components/Screen';
import { Tag, type TagKind } from '@/components/Tag';
import { usePaged } from '@/hooks/usePaged';
import { dateTime } from '@/services/dates';
import { ActingBanner } from '../components/ActingBanner';
import { useActing } from '../components/useActing';
import { messages as m } from './messages';
import './index.scss';

/** Family and her partner are people she knows; staff and helpers read for their work. */
const AS_KIND: Record<SeniorAccessView['as'], TagKind> = {
  proxy: 'info',
  partner: 'info',
  socialWorker: 'neutral',
  admin: 'neutral',
  duty: 'neutral',
  helper: 'neutral',
  alertRecipient: 'neutral',
};

export default function SeniorAccessLog() {
  const { acting, self, seniorSide, seniorId, ready } = useActing();
  const list = usePaged('seniors', 'accessLog', { ...(seniorId ? { seniorId } : {}), limit: 20 }, ready);
  const name = list.last?.seniorName ?? '';

  return (
    <Screen forceElder={self}>
      <ActingBanner acting={acting} />
      <Text className='greeting'>{self || !name ? m.heading.self : m.heading.other(name)}</Text>
      <Text className='text field'>{self ? m.intro.self : m.intro.other}</Text>
      <PagedLog
        list={list}
        loadFailed={m.loadFailed}
        none={m.none}
        lineClass='access-line'
        line={(l) => (
          <>
            <View className='line__top'>
              <Text className='line__title'>{l.actorName}</Text>
              <Tag kind={AS_KIND[l.as]}>{m.as[l.as]}</Tag>
            </View>
            <Text className='text'>
              {m.saw(
                m.reason[l.reason],
                l.fields.map((f) => m.field[f]),
              )}
            </Text>
            <Text className='line__sub'>{dateTime(l.at)}</Text>
          </>
        )}
      />
      {/* For her and her family: staff reading it are whom they would tell. */}
      {seniorSide && list.items.length ? <Text className='text field'>{m.doubt}</Text> : null}
    </Screen>
  );
}
