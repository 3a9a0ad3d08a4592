/**
 * One help request in a list: what, when, how long, and its progress (the server's stateText, already
 * in the reader's words: the senior side reads 答应来帮忙 where volunteers read 接单) beside a state chip
 * with an icon. `page` says whose list it is: the senior side's (her words on the chip and the funding
 * tag), a volunteer's (also the 居委, the masked name and the walking distance) or the staff's (whose
 * request it is). Never an address or a phone: the views carry none. The whole card is one tap target.
 */
import { Text, View } from '@tarojs/components';
import type { HelpRequestView } from '@core/api';
import type { HelpState } from '@/services/rules';
import { helpMessages as m } from '@/messages/help';
import { hours } from '@/services/format';
import { Tag, type TagKind } from '@/components/Tag';
import '@/styles/help.scss';
import './index.scss';

const KIND: Record<HelpState, TagKind> = {
  awaiting_grant: 'warning',
  open: 'info',
  assigned: 'info',
  reported: 'warning',
  disputed: 'error',
  completed: 'success',
  cancelled: 'neutral',
  declined: 'error',
  expired: 'neutral',
  voided: 'neutral',
};

export const helpStateKind = (s: HelpState): TagKind => KIND[s];

/** Whose list the card is in: the senior side's (the senior, her family proxy), a volunteer's, the staff's. */
export type HelpCardPage = 'senior' | 'volunteer' | 'staff';

interface Props {
  request: HelpRequestView;
  onOpen: (r: HelpRequestView) => void;
  page: HelpCardPage;
}

export function HelpCard({ request: r, onOpen, page }: Props) {
  const seniorSide = page === 'senior';
  const forVolunteer = page === 'volunteer';
  const showSenior = page === 'staff';
  return (
    <View className='activity help-card tappable' hoverClass='activity--pressed' ariaRole='link' onClick={() => onOpen(r)}>
      <Text className='activity__title'>{r.categoryName}</Text>
      {showSenior ? <Text className='help-card__line help-card__who'>{m.seniorLine(r.seniorName, r.committeeName)}</Text> : null}
      <Text className='activity__time'>{r.timeText}</Text>
      <Text className='help-card__line'>{m.minutes(hours(r.minutes.minutes))}</Text>
      {forVolunteer ? (
        <Text className='help-card__line'>
          {r.committeeName} · {r.seniorName}
        </Text>
      ) : null}
      {forVolunteer && r.distance ? <Text className='help-card__line help-card__distance'>{r.distance.text}</Text> : null}
      {r.note ? <Text className='activity__place'>{r.note}</Text> : null}
      <Text className='help-card__state'>{r.stateText}</Text>
      {r.clash ? <Text className='help-card__line help-card__clash'>{r.clash}</Text> : null}
      {!r.clash && r.overlap ? <Text className='help-card__line help-card__clash'>{r.overlap}</Text> : null}
      <View className='activity__tags'>
        <Tag kind={KIND[r.state]}>{seniorSide ? m.seniorStates[r.state] : m.states[r.state]}</Tag>
        {r.queued ? <Tag kind='warning'>{m.queued}</Tag> : null}
        {!forVolunteer && r.funding === 'pool' ? <Tag>{seniorSide ? m.seniorFunding.pool : m.funding.pool}</Tag> : null}
      </View>
      <Text className='activity__go'>{m.open} ›</Text>
    </View>
  );
}
