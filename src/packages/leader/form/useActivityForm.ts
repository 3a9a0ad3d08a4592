import { useState } from 'react';
import { EMPTY, validate, type Errors, type Form, type Place } from './form';

/**
 * The form's values and their errors: errors show after the first try and then follow every change.
 * `nothing` is set when saving found no change, and cleared by the next edit.
 */
export function useActivityForm(creating: boolean) {
  const [form, setForm] = useState<Form>(EMPTY);
  const [errors, setErrors] = useState<Errors>({});
  const [tried, setTried] = useState(false);
  const [nothing, setNothing] = useState(false);

  const change = (next: Form) => {
    setForm(next);
    if (tried) setErrors(validate(next, creating));
  };
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
    return Object.keys(e).length === 0;
  };
  const reset = () => {
    setForm(EMPTY());
    setTried(false);
    setErrors({});
  };
  return { form, setForm, errors, tried, nothing, setNothing, set, choosePlace, check, reset };
}
