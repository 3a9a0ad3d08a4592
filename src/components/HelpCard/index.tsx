/**
 * One help request in a list: what, when, how long, and its progress in plain words (the server's
 * stateText) beside a state chip with an icon. For volunteers also the 居委, the masked name and the
 * walking distance. Never an address or a phone: the views carry none. The whole card is one tap target.
 */
import { Text, View } from '@tarojs/components';
import type { HelpRequestView } from '@core/api';
import type { HelpState } from '@/services/rules';
import { helpMessages as m, plainProgress } from '@/messages/help';
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

interface Props {
  request: HelpRequestView;
  onOpen: (r: HelpRequestView) => void;
  /** Volunteers' lists: 居委, the masked name, distance. */
  forVolunteer?: boolean;
  /** Staff lists: whose request it is. */
  showSenior?: boolean;
}

export function HelpCard({ request: r, onOpen, forVolunteer, showSenior }: Props) {
  // The senior's own lists (her home, her requests): her words, not the volunteers'.
  const seniorSide = !forVolunteer && !showSenior;
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
      <Text className='help-card__state'>{seniorSide ? plainProgress(r.stateText) : r.stateText}</Text>
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
