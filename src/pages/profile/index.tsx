/** View and edit one's own name, phone, 居委 and elder mode (only changed fields are sent). */
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { Choices } from '../../components/Choices';
import { ElderToggle } from '../../components/ElderToggle';
import { FailureNotice } from '../../components/FailureNotice';
import { Field } from '../../components/Field';
import { Notice } from '../../components/Notice';
import { Screen } from '../../components/Screen';
import { useMutation } from '../../hooks/useMutation';
import { useQuery } from '../../hooks/useQuery';
import { useSession } from '../../hooks/useSession';
import { commonMessages } from '../../messages/common';
import type { Input } from '@core/api';
import { ROUTES, go } from '../../services/routes';
import { MOBILE_PHONE, REAL_NAME } from '../../services/rules';
import { setMe } from '../../state/store';
import { Button } from '../../ui/nutui';
import { messages as m } from './messages';
import './index.scss';

type Patch = Input<'account', 'updateProfile'>;

export default function Profile() {
  const { me } = useSession('registered');
  const profile = me?.profile ?? null;
  const options = useQuery('account', 'options', {});
  const save = useMutation('account', 'updateProfile');
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [committeeId, setCommitteeId] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  // Fields changed since the last 保存: their old errors (此号码已被使用 …) no longer apply.
  const [edited, setEdited] = useState<string[]>([]);
  const editing =
    <T,>(field: string, set: (value: T) => void) =>
    (value: T) => {
      set(value);
      setEdited((list) => (list.includes(field) ? list : [...list, field]));
    };
  const [note, setNote] = useState<'saved' | 'nothing' | null>(null);

  // Start from the current profile once it is known.
  useEffect(() => {
    if (profile && committeeId === null) {
      setName(profile.name);
      setCommitteeId(profile.committeeId);
    }
  }, [profile, committeeId]);

  const submit = async () => {
    if (!profile) return;
    setNote(null);
    setEdited([]);
    const e: Record<string, string> = {};
    const patch: Patch = {};
    if (name.trim() !== profile.name) {
      if (REAL_NAME.test(name.trim())) patch.name = name.trim();
      else e.name = m.name.invalid;
    }
    if (phone.trim()) {
      if (MOBILE_PHONE.test(phone.trim())) patch.phone = phone.trim();
      else e.phone = m.phone.invalid;
    }
    if (committeeId && committeeId !== profile.committeeId) patch.committeeId = committeeId;
    setErrors(e);
    if (Object.keys(e).length) return;
    if (Object.keys(patch).length === 0) {
      setNote('nothing');
      return;
    }
    const next = await save.run(patch);
    if (next) {
      setMe(next);
      setPhone('');
      setNote('saved');
    }
  };

  const shown = Object.fromEntries(Object.entries({ ...save.fieldErrors, ...errors }).filter(([field]) => !edited.includes(field)));

  return (
    <Screen>
      <Text className='greeting'>{m.heading}</Text>
      {!profile ? <Text className='loading'>{commonMessages.loading}</Text> : null}
      {profile ? (
        <>
          <Field label={m.name.label} name='name' value={name} maxlength={20} error={shown.name} onChange={editing('name', setName)} />
          <Field
            label={m.phone.label}
            name='phone'
            type='number'
            hint={m.phone.hint(profile.phoneMasked)}
            placeholder={m.phone.placeholder}
            value={phone}
            maxlength={11}
            error={shown.phone}
            onChange={editing('phone', setPhone)}
          />
          {options.error ? <Notice kind='error'>{m.committee.loadFailed + options.error}</Notice> : null}
          {options.data ? (
            <Choices
              label={m.committee.label}
              options={options.data.committees.map((c) => ({ value: c.id, label: c.name }))}
              value={committeeId}
              error={shown.committeeId}
              onChange={editing('committeeId', setCommitteeId)}
            />
          ) : null}

          {note === 'saved' ? <Notice kind='success'>{m.saved}</Notice> : null}
          {note === 'nothing' ? <Notice kind='info'>{m.nothingChanged}</Notice> : null}
          <FailureNotice of={save} failed={m.failed} retryHint={m.retryHint} />
          <Button className='btn-block' type='primary' size='large' block disabled={save.busy} onClick={() => void submit()}>
            {save.busy ? m.saving : m.save}
          </Button>

          <View className='section'>
            <ElderToggle />
          </View>
          <Button className='btn-block' size='large' block onClick={() => go(ROUTES.me)}>
            {m.back}
          </Button>
          <View className='section'>
            <Text className='text'>{m.closeHint}</Text>
            <Button className='btn-block' size='large' block onClick={() => go(ROUTES.closeAccount)}>
              {m.close}
            </Button>
          </View>
        </>
      ) : null}
    </Screen>
  );
}
