import { useState } from 'react';
import type { MapPick, PointChoice } from '../components/HomePoint';
import { EMPTY, validate, type Contact, type Errors, type Form } from './form';

/** The form's values and their errors: errors show after the first try and then follow every change. */
export function useSeniorForm() {
  const [form, setForm] = useState<Form>(EMPTY);
  const [errors, setErrors] = useState<Errors>({});
  const [tried, setTried] = useState(false);

  const change = (next: Form) => {
    setForm(next);
    if (tried) setErrors(validate(next));
  };
  const set = <K extends keyof Form>(key: K, value: Form[K]) => change({ ...form, [key]: value });
  const setContact = (i: number, key: keyof Contact, value: string) =>
    set(
      'contacts',
      form.contacts.map((c, j) => (j === i ? { ...c, [key]: value } : c)),
    );
  /** An estate chosen before the address is typed starts the address with the estate's name. */
  const setPoint = (point: PointChoice, estateName: string | null) =>
    change({ ...form, point, ...(estateName && !form.address.trim() ? { address: `${estateName} ` } : {}) });
  const setPicked = (picked: MapPick) => change({ ...form, picked, point: 'map' });
  /** Validates for the next step: true when the form may go on. */
  const check = () => {
    setTried(true);
    const e = validate(form);
    setErrors(e);
    return Object.keys(e).length === 0;
  };
  /** A new empty form for the next senior of the same 居委. */
  const again = () => {
    setForm({ ...EMPTY(), committeeId: form.committeeId });
    setTried(false);
    setErrors({});
  };
  return { form, setForm, errors, tried, set, setContact, setPoint, setPicked, check, again };
}
