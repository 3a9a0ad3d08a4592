/**
 * The root of every page: applies the theme (`app-root`, plus `elder` in elder mode) as CSS
 * variables, and the system font scale (elder mode's type is already at WeChat's 关怀模式 size). Pages put all their content inside it.
 */
import { View } from '@tarojs/components';
import type { PropsWithChildren } from 'react';
import { elderFontScale, systemFontScale } from '@/services/fontScale';
import { useElderMode } from '@/state/store';

interface Props {
  /** Always elder mode (the senior's pages). */
  forceElder?: boolean;
  className?: string;
}

export function Screen({ forceElder, className, children }: PropsWithChildren<Props>) {
  const elder = useElderMode() || !!forceElder;
  const classes = ['app-root', elder ? 'elder' : '', className ?? ''].filter(Boolean).join(' ');
  return (
    <View className={classes} style={`--font-scale: ${elder ? elderFontScale() : systemFontScale()}`}>
      {children}
    </View>
  );
}
