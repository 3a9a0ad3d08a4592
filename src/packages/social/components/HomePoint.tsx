/**
 * Where a senior lives, for walking distances only: one of the street's estates (`partners.estates`;
 * the senior's 居委 first, the others on request), a point picked on the map (weapp only:
 * `Taro.chooseLocation`), "unchanged" (corrections) or "no point". Big rows, no pop-up; the server
 * keeps only the estate's point or the pick, rounded to about 100 m. Used by 登记老人 and 更正地址和位置.
 */
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { EstateView } from '@core/api';
import { Choices } from '@/components/Choices';
import { Notice } from '@/components/Notice';
import { Button } from '@/ui/nutui';
import { socialMessages } from './messages';

const m = socialMessages.point;
const isWeapp = process.env.TARO_ENV === 'weapp';

/** 'keep', 'none', 'map' or `estate:<id>`. */
export type PointChoice = string;

export interface MapPick {
  latitude: number;
  longitude: number;
  name: string;
}

const ESTATE = 'estate:';
export const estateChoice = (estateId: string): PointChoice => `${ESTATE}${estateId}`;
/** The estate id of a choice, or null when it is not an estate. */
export const estateOfChoice = (choice: PointChoice | null): string | null => (choice?.startsWith(ESTATE) ? choice.slice(ESTATE.length) : null);

/** The words for an estate, as the rows show it: 新圆湾二村（新圆湾居委）. */
export function estateLabel(estates: readonly EstateView[], estateId: string): string {
  const e = estates.find((x) => x.id === estateId);
  return e ? m.estate(e.name, e.committeeName) : '';
}

/** What a call should send for a choice: an estate, a map point, none (null) or nothing (unchanged). */
export function pointInput(
  choice: PointChoice | null,
  picked: MapPick | null,
): { estateId: string } | { location: { latitude: number; longitude: number } | null } | Record<string, never> {
  const estateId = estateOfChoice(choice);
  if (estateId) return { estateId };
  if (choice === 'map' && picked) return { location: { latitude: picked.latitude, longitude: picked.longitude } };
  if (choice === 'none') return { location: null };
  return {};
}

interface Props {
  label: string;
  hint: string;
  estates: readonly EstateView[];
  estatesError?: string | null;
  /** The senior's 居委 (or, before one is chosen, those the staff member serves): their estates first. */
  committeeIds: readonly string[];
  value: PointChoice | null;
  onChange: (value: PointChoice) => void;
  picked: MapPick | null;
  /** A point was picked on the map: the parent keeps it and makes 'map' the choice (one state update). */
  onPicked: (pick: MapPick) => void;
  /** Offer "unchanged" first (corrections). */
  keep?: boolean;
  /** Offer "no point" last. */
  none?: boolean;
  error?: string | null;
}

export function HomePoint({ label, hint, estates, estatesError, committeeIds, value, onChange, picked, onPicked, keep, none, error }: Props) {
  const [all, setAll] = useState(false);
  const chosen = estateOfChoice(value);
  // The senior's 居委 first (every estate when none is known); the others on request, and one
  // already chosen stays in view.
  const near = (committeeId: string) => committeeIds.length === 0 || committeeIds.includes(committeeId);
  const own = estates.filter((e) => near(e.committeeId));
  const others = estates.filter((e) => !near(e.committeeId) && (all || e.id === chosen));
  const listed = [
    ...(keep ? [{ value: 'keep', label: m.keep }] : []),
    ...[...own, ...others].map((e) => ({ value: estateChoice(e.id), label: m.estate(e.name, e.committeeName) })),
  ];
  // After the whole list (and the way to the rest of it): a map pick, or no point at all.
  const rest = [...(picked ? [{ value: 'map', label: m.map }] : []), ...(none ? [{ value: 'none', label: m.none }] : [])];

  const pickOnMap = async () => {
    try {
      const res = await Taro.chooseLocation(picked ? { latitude: picked.latitude, longitude: picked.longitude } : {});
      onPicked({ latitude: res.latitude, longitude: res.longitude, name: res.name || res.address || '' });
    } catch {
      // closed the map: nothing changes
    }
  };

  return (
    <View className='home-point'>
      {estatesError ? <Notice kind='error'>{m.loadFailed + estatesError}</Notice> : null}
      <Text className='field__label'>{label}</Text>
      <Text className='field__hint'>{hint}</Text>
      <Choices options={listed} value={value} onChange={onChange} />
      {!all && estates.length > own.length + others.length ? (
        <View className='home-point__more'>
          <Button className='btn-block' size='large' block onClick={() => setAll(true)}>
            {m.all}
          </Button>
        </View>
      ) : null}
      <Choices options={rest} value={value} error={error} onChange={onChange} />
      {isWeapp ? (
        <View className='home-point__more'>
          {picked ? <Text className='text'>{picked.name ? m.picked(picked.name) : m.pickedNoName}</Text> : null}
          <Button className='btn-block' size='large' block onClick={() => void pickOnMap()}>
            {m.pick}
          </Button>
        </View>
      ) : null}
    </View>
  );
}
