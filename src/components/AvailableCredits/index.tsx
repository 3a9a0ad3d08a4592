/**
 * The leading credit figure of 我的时间 and of a senior's credits: what can be used, what is held for
 * help requests beside it, and the account total while anything is held; what follows it on the page
 * (the cap, the owner's buttons) comes as children.
 */
import type { PropsWithChildren } from 'react';
import { Text, View } from '@tarojs/components';
import type { BalanceView } from '@core/api';
import { creditWords } from '@/messages/timebank';
import { hours } from '@/services/format';

interface Props {
  balance: BalanceView;
  label: string;
  /** The held note in the page's words (the senior home's, src/messages/timebank.ts). */
  held: (hours: string) => string;
}

export function AvailableCredits({ balance, label, held, children }: PropsWithChildren<Props>) {
  const pending = balance.pending.minutes;
  return (
    <View className='section'>
      <View className='figures'>
        <View className='figure figure--available'>
          <Text className='figure__label'>{label}</Text>
          <Text className='figure__value'>{hours(balance.available.minutes)}</Text>
          {pending > 0 ? <Text className='figure__note figure__held'>{held(hours(pending))}</Text> : null}
        </View>
      </View>
      {pending > 0 ? <Text className='muted figure__total'>{creditWords.total(hours(balance.balance.minutes))}</Text> : null}
      {pending > 0 ? <Text className='muted figure__explained'>{creditWords.heldExplained}</Text> : null}
      <Text className='muted'>{creditWords.creditsNote}</Text>
      {children}
    </View>
  );
}
