/**
 * One big tappable row that opens another page: a title, a line under it and "打开 ›" at the end
 * (role cards, quick links, the 老伙伴 and senior link lists). `className` adds the row's own classes.
 */
import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { commonMessages } from '@/messages/common';

interface Props {
  className: string;
  title: string;
  desc: string;
  descClassName?: string;
  onClick: () => void;
  /** Shown before the arrow (e.g. an unread badge). */
  extra?: ReactNode;
  /** The word before the arrow; 打开 unless said. */
  go?: string;
}

export function LinkCard({ className, title, desc, descClassName, onClick, extra, go }: Props) {
  return (
    <View className={`role-card ${className}`} hoverClass='role-card--pressed' onClick={onClick}>
      <View className='role-card__body'>
        <Text className='role-card__title'>{title}</Text>
        <Text className={`role-card__desc${descClassName ? ` ${descClassName}` : ''}`}>{desc}</Text>
      </View>
      {extra}
      <Text className='role-card__go'>{go ?? commonMessages.links.open} ›</Text>
    </View>
  );
}
