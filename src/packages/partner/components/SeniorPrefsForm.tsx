/**
 * The senior's wishes for a partner (`partners.seniorPrefs`), noted by the 居委 social worker: a
 * gender (or either) and dialects, as big choices; a dialect not in the list is typed. Used in the
 * pairing screen (under a suggestion) and on the senior's card (staff only).
 */
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { PartnersResults } from '@core/api';
import { Field } from '@/components/Field';
import { FailureNotice } from '@/components/FailureNotice';
import { useMutation } from '@/hooks/useMutation';
import { Button } from '@/ui/nutui';
import { BigChoices } from './BigChoices';
import { partnerMessages as pm } from './messages';

type Wish = 'any' | 'female' | 'male';
type Prefs = PartnersResults['seniorPrefs'];

interface Props {
  seniorId: string;
  genderPreference: 'female' | 'male' | null;
  dialects: string[];
  onSaved: (prefs: Prefs) => void;
  onCancel?: () => void;
}

const KNOWN: readonly string[] = pm.dialectOptions;

export function SeniorPrefsForm({ seniorId, genderPreference, dialects, onSaved, onCancel }: Props) {
  const m = pm.prefs;
  const save = useMutation('partners', 'seniorPrefs');
  const [wish, setWish] = useState<Wish>(genderPreference ?? 'any');
  const [chosen, setChosen] = useState<string[]>(dialects.filter((d) => KNOWN.includes(d)));
  const [other, setOther] = useState(dialects.filter((d) => !KNOWN.includes(d)).join('、'));

  const toggle = (d: string) => setChosen((xs) => (xs.includes(d) ? xs.filter((x) => x !== d) : [...xs, d]));
  const submit = async () => {
    const extra = other
      .split(/[、，,\s]+/)
      .map((x) => x.trim())
      .filter(Boolean);
    const res = await save.run({
      seniorId,
      genderPreference: wish === 'any' ? null : wish,
      dialects: [...chosen, ...extra.filter((x) => !chosen.includes(x))],
    });
    if (res) onSaved(res);
  };

  const fe = save.fieldErrors;
  return (
    <View className='pt-prefs'>
      <Text className='section__title'>{m.title}</Text>
      <Text className='text field'>{m.intro}</Text>
      <BigChoices<Wish>
        label={m.gender}
        options={[
          { value: 'any', label: m.genderAny },
          { value: 'female', label: m.genderFemale },
          { value: 'male', label: m.genderMale },
        ]}
        value={wish}
        onChange={setWish}
        error={fe.genderPreference}
      />
      <BigChoices
        label={m.dialects}
        grid
        options={KNOWN.map((d) => ({ value: d, label: d }))}
        values={chosen}
        onToggle={toggle}
        error={fe.dialects ?? fe['dialects.0']}
      />
      <Field label={m.other} placeholder={m.otherPlaceholder} value={other} maxlength={20} onChange={setOther} />
      <FailureNotice of={save} failed={m.failed} />
      <Button className='btn-block' type='primary' size='large' block disabled={save.busy} onClick={() => void submit()}>
        {save.busy ? m.saving : m.save}
      </Button>
      {onCancel ? (
        <Button className='btn-block' size='large' block disabled={save.busy} onClick={onCancel}>
          {m.cancel}
        </Button>
      ) : null}
    </View>
  );
}
