/** A request's or an alert's timeline: when, who (and how they acted), what; oldest first. */
import { Text, View } from '@tarojs/components';
import { helpMessages as m } from '@/messages/help';
import { dateTime } from '@/services/dates';
import '@/styles/help.scss';
import './index.scss';

interface StepLine {
  at: string;
  who: string;
  text: string;
}

export function HelpSteps({ steps, title }: { steps: StepLine[]; title?: string }) {
  if (!steps.length) return null;
  return (
    <View className='section'>
      <Text className='section__title'>{title ?? m.stepsTitle}</Text>
      <View className='card help-steps'>
        {steps.map((s, i) => (
          <View key={`${s.at}-${i}`} className='line help-step'>
            <Text className='line__sub'>{dateTime(s.at)}</Text>
            {s.who ? <Text className='help-step__who'>{s.who}</Text> : null}
            <Text className='text'>{s.text}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}
