import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { Choices } from '@/components/Choices';
import { Field } from '@/components/Field';
import { Notice } from '@/components/Notice';
import { Button } from '@/ui/nutui';
import type { Errors, Form, Place } from './form';
import { messages as m } from './messages';

const isWeapp = process.env.TARO_ENV === 'weapp';

interface Props {
  /** The text field to focus: the first with an error after a failed submit. */
  focusKey: keyof Errors | null;
  form: Form;
  errors: Errors;
  /** Places the street's activities already use, then the street's own (its map), to pick with one tap. */
  places: Place[];
  set: <K extends keyof Form>(key: K, value: Form[K]) => void;
  choosePlace: (p: Place) => void;
}

/** Where: a known place, the map (weapp), the place's name, and its coordinates on demand. */
export function PlaceSection({ form, errors, places, set, choosePlace, focusKey }: Props) {
  const [showCoords, setShowCoords] = useState(false);

  const pickOnMap = async () => {
    try {
      const lat = Number.parseFloat(form.lat);
      const lng = Number.parseFloat(form.lng);
      const res = await Taro.chooseLocation(Number.isFinite(lat) && Number.isFinite(lng) ? { latitude: lat, longitude: lng } : {});
      choosePlace({ name: res.name || res.address || form.placeName, latitude: res.latitude, longitude: res.longitude });
    } catch {
      // the leader closed the map: nothing changes
    }
  };

  return (
    <>
      <View className='field'>
        <Text className='field__label'>{m.place.label}</Text>
        {places.length ? <Text className='field__hint'>{m.place.known}</Text> : null}
        {places.length ? (
          <Choices
            options={places.map((p) => ({ value: p.name, label: p.name }))}
            value={places.some((p) => p.name === form.placeName && String(p.latitude) === form.lat) ? form.placeName : null}
            onChange={(v) => {
              const p = places.find((x) => x.name === v);
              if (p) choosePlace(p);
            }}
          />
        ) : null}
        {isWeapp ? (
          <Button className='btn-block' size='large' block onClick={() => void pickOnMap()}>
            {m.place.pick}
          </Button>
        ) : null}
      </View>
      <Field
        id='field-placeName'
        focus={focusKey === 'placeName'}
        label={m.place.name}
        placeholder={m.place.namePlaceholder}
        value={form.placeName}
        maxlength={60}
        error={errors.placeName}
        onChange={(v) => set('placeName', v)}
      />
      {form.lat && form.lng && !showCoords ? <Text className='muted field__after'>{m.place.located(form.placeName.trim())}</Text> : null}
      {showCoords ? (
        <>
          <Text className='field__hint'>{m.place.coords}</Text>
          <View className='coords'>
            <Field label={m.place.lat} type='digit' value={form.lat} maxlength={12} onChange={(v) => set('lat', v)} />
            <Field label={m.place.lng} type='digit' value={form.lng} maxlength={12} onChange={(v) => set('lng', v)} />
          </View>
        </>
      ) : null}
      {errors.place ? <Notice kind='error'>{errors.place}</Notice> : null}
      <Button className='btn-block form-coords-toggle' size='large' block onClick={() => setShowCoords(!showCoords)}>
        {showCoords ? m.place.hideCoords : m.place.editCoords}
      </Button>
    </>
  );
}
