/**
 * One activity in a list: title, when, where, team, places, and the caller's own state in words,
 * with its poster (or its team's logo) beside them when there is one, so a card is known at a
 * glance. The whole card is one tap target leading to the detail page.
 */
import { useState } from 'react';
import { Image, Text, View } from '@tarojs/components';
import type { ActivityView } from '@core/api';
import { commonMessages } from '@/messages/common';
import { absoluteUrl } from '@/services/download';
import { ROUTES, go } from '@/services/routes';
import { Tag, type TagKind } from '@/components/Tag';
import { placesText } from './places';

export { mayJoinWaitlist, placesText } from './places';

const m = commonMessages.activity;

/** The caller's own state, or null. */
export function myState(a: ActivityView): { kind: TagKind; text: string } | null {
  const my = a.my;
  // A cancelled activity says so on its own; "已报名" beside it would mislead.
  if (!my || my.state === 'cancelled' || a.status === 'cancelled') return null;
  if (my.attendance === 'absent') return { kind: 'error', text: m.my.absent };
  if (my.attendance === 'out') return { kind: 'success', text: m.my.out };
  if (my.attendance === 'in') return { kind: 'success', text: m.my.in };
  if (my.state === 'waitlisted') return { kind: 'warning', text: m.my.waitlisted(my.waitlistPosition) };
  return { kind: 'success', text: m.my.signed };
}

interface Props {
  activity: ActivityView;
  /** Show the date too (lists not grouped by day). */
  withDate?: boolean;
  onOpen?: (a: ActivityView) => void;
  /** One more line, e.g. the hours served. */
  note?: string;
}

export function ActivityCard({ activity: a, withDate = true, onOpen, note }: Props) {
  const mine = myState(a);
  const places = placesText(a);
  // The link lives 10 minutes: a list left open longer shows the card without its picture until
  // the list is loaded again with a fresh link.
  const [failedUrl, setFailedUrl] = useState<string | null>(null);
  const thumb = a.thumbUrl && a.thumbUrl !== failedUrl ? absoluteUrl(a.thumbUrl) : null;
  return (
    <View
      className={`activity tappable${a.status === 'cancelled' ? ' activity--cancelled' : ''}${thumb ? ' activity--with-thumb' : ''}`}
      hoverClass='activity--pressed'
      ariaRole='link'
      onClick={() => (onOpen ? onOpen(a) : go(ROUTES.activity, { id: a.id }))}
    >
      {thumb ? <Image className='activity__thumb' src={thumb} mode='aspectFill' lazyLoad onError={() => setFailedUrl(a.thumbUrl ?? null)} /> : null}
      <View className='activity__lines'>
        <Text className='activity__title'>{a.title}</Text>
        <Text className='activity__time'>{withDate ? a.timeText : `${a.startTime}–${a.endTime}`}</Text>
        <Text className='activity__place'>{a.place.name}</Text>
        <Text className='activity__team'>{a.teamName}</Text>
        {note ? <Text className='activity__note'>{note}</Text> : null}
        {a.status === 'cancelled' && a.cancelReason ? <Text className='activity__note'>{m.cancelReason(a.cancelReason)}</Text> : null}
      </View>
      <View className='activity__tags'>
        {mine ? <Tag kind={mine.kind}>{mine.text}</Tag> : null}
        <Tag kind={places.kind}>{places.text}</Tag>
        <Tag>{m.signedOf(a.signedCount, a.capacity)}</Tag>
        {a.waitlistCount > 0 ? <Tag>{m.waitlist(a.waitlistCount)}</Tag> : null}
        {a.membersOnly ? <Tag>{m.membersOnly}</Tag> : null}
        {a.minAge ? <Tag>{m.minAge(a.minAge)}</Tag> : null}
      </View>
      <Text className='activity__go'>{m.open} ›</Text>
    </View>
  );
}
