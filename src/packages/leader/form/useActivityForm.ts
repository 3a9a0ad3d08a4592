import Taro from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { EMPTY, validate, type Errors, type Form, type Place } from './form';

/** The fields in page order, for scrolling to the first error. */
const FIELD_ORDER: Array<keyof Errors> = [
  'title',
  'description',
  'category',
  'placeName',
  'place',
  'date',
  'startTime',
  'endTime',
  'capacity',
  'signupClose',
  'cancelClose',
  'minAge',
  'weeks',
];

/**
 * The form's values and their errors: errors show after the first try and then follow every change.
 * `nothing` is set when saving found no change, and cleared by the next edit. `edited`: the leader
 * changed something since the form was filled (`setForm`) or emptied (`reset`).
 */
export function useActivityForm(creating: boolean) {
  const [form, setForm] = useState<Form>(EMPTY);
  const [errors, setErrors] = useState<Errors>({});
  const [tried, setTried] = useState(false);
  const [nothing, setNothing] = useState(false);
  const [edited, setEdited] = useState(false);
  // The text field to put the caret in after a failed submit; cleared by the next edit so that a
  // second failed submit focuses again.
  const [focusKey, setFocusKey] = useState<keyof Errors | null>(null);

  const fill = useCallback((next: Form) => {
    setForm(next);
    setEdited(false);
  }, []);
  const change = (next: Form, byLeader = true) => {
    setForm(next);
    if (byLeader) setEdited(true);
    setFocusKey(null);
    if (tried) setErrors(validate(next, creating));
  };
  /** A value the page chooses for the leader (the team's usual category): not an edit of theirs. */
  const preset = <K extends keyof Form>(key: K, value: Form[K]) => change({ ...form, [key]: value }, false);
  const set = <K extends keyof Form>(key: K, value: Form[K]) => {
    change({ ...form, [key]: value });
    setNothing(false);
  };
  const choosePlace = (p: Place) => change({ ...form, placeName: p.name, lat: String(p.latitude), lng: String(p.longitude) });
  /** Validates for a submit: true when the form may be sent. */
  const check = () => {
    setTried(true);
    const e = validate(form, creating);
    setErrors(e);
    const first = FIELD_ORDER.find((k) => e[k]);
    // Bring the first field with an error into view (each field's wrapper has the id field-<key>)
    // and, when it is typed into, focus it.
    if (first) {
      setFocusKey(first === 'place' ? 'placeName' : first);
      setTimeout(() => void Taro.pageScrollTo({ selector: `#field-${first === 'place' ? 'placeName' : first}`, duration: 200 }).catch(() => undefined), 50);
    }
    return Object.keys(e).length === 0;
  };
  const reset = () => {
    fill(EMPTY());
    setTried(false);
    setErrors({});
  };
  return { form, setForm: fill, preset, edited, errors, tried, nothing, setNothing, set, choosePlace, check, reset, focusKey };
}
