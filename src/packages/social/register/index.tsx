/**
 * 登记老人: a social worker registers a senior of their 居委 at the desk: name, birth year, 居委,
 * phone (optional), address, where the senior lives for walking distances (an estate of the street,
 * a map pick on weapp, or no point: HomePoint, as on 更正地址和位置), living alone, special difficulty,
 * one to five emergency contacts, and the consent taken in person. A second step on the page sums it
 * up; then links to add a family proxy, act for the senior, or see the record.
 */
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { SeniorView } from '@core/api';
import { Choices } from '@/components/Choices';
import { ConfirmStep } from '@/components/ConfirmStep';
import { Field } from '@/components/Field';
import { FieldError } from '@/components/FieldError';
import { Notice } from '@/components/Notice';
import { Screen } from '@/components/Screen';
import { useMutation } from '@/hooks/useMutation';
import { useQuery } from '@/hooks/useQuery';
import { useSession } from '@/hooks/useSession';
import { ROUTES, go } from '@/services/routes';
import { REAL_NAME, isPhoneNumber } from '@/services/rules';
import { Button, Checkbox } from '@/ui/nutui';
import { HomePoint, estateOfChoice, type MapPick, type PointChoice } from '../components/HomePoint';
import { messages as m } from './messages';
import '../components/social.scss';
import './index.scss';

interface Contact {
  name: string;
  relation: string;
  phone: string;
}

interface Form {
  committeeId: string | null;
  name: string;
  birthYear: string;
  phone: string;
  address: string;
  /** An estate, 'map' or 'none'; null until chosen (pairing needs it, so it is asked, not assumed). */
  point: PointChoice | null;
  picked: MapPick | null;
  livingAlone: string | null;
  difficulty: string | null;
  contacts: Contact[];
  by: string | null;
  guardianName: string;
  informed: boolean;
  sensitive: boolean;
  sharing: boolean;
}

const EMPTY = (): Form => ({
  committeeId: null,
  name: '',
  birthYear: '',
  phone: '',
  address: '',
  point: null,
  picked: null,
  livingAlone: null,
  difficulty: null,
  contacts: [{ name: '', relation: '', phone: '' }],
  by: 'senior',
  guardianName: '',
  informed: false,
  sensitive: false,
  sharing: false,
});

type Errors = Record<string, string>;

function validate(f: Form): Errors {
  const e: Errors = {};
  const year = new Date().getFullYear();
  if (!f.committeeId) e.committeeId = m.committee.invalid;
  if (!REAL_NAME.test(f.name.trim())) e.name = m.name.invalid;
  if (!/^\d{4}$/.test(f.birthYear.trim()) || Number(f.birthYear) < 1900 || Number(f.birthYear) > year) e.birthYear = m.birthYear.invalid;
  if (f.phone.trim() && !isPhoneNumber(f.phone.trim())) e.phone = m.phone.invalid;
  if (f.address.trim().length < 5) e.address = m.address.invalid;
  if (!f.point || (f.point === 'map' && !f.picked)) e.location = m.location.invalid;
  if (!f.livingAlone) e.livingAlone = m.livingAlone.invalid;
  if (!f.difficulty) e.specialDifficulty = m.difficulty.invalid;
  f.contacts.forEach((c, i) => {
    if (!REAL_NAME.test(c.name.trim())) e[`emergencyContacts.${i}.name`] = m.contacts.nameInvalid;
    if (!c.relation.trim()) e[`emergencyContacts.${i}.relation`] = m.contacts.relationInvalid;
    if (!isPhoneNumber(c.phone.trim())) e[`emergencyContacts.${i}.phone`] = m.phone.invalid;
  });
  if (!f.by) e['consent.by'] = m.consent.by.invalid;
  if (f.by === 'guardian' && !REAL_NAME.test(f.guardianName.trim())) e['consent.guardianName'] = m.consent.guardianName.invalid;
  if (!f.informed || !f.sensitive || !f.sharing) e.consent = m.consent.invalid;
  return e;
}

export default function RegisterSenior() {
  const { me } = useSession('registered');
  const ready = !!me?.registered;
  const mine = useQuery('seniors', 'mine', {}, ready);
  const estates = useQuery('partners', 'estates', {}, ready);
  const register = useMutation('seniors', 'register');
  const [form, setForm] = useState<Form>(EMPTY);
  const [errors, setErrors] = useState<Errors>({});
  const [tried, setTried] = useState(false);
  const [step, setStep] = useState<'form' | 'confirm' | 'done'>('form');
  const [done, setDone] = useState<SeniorView | null>(null);

  const desk = mine.data?.desk ?? [];
  // A social worker of one 居委 registers for it: preselect it (without overriding a choice).
  const onlyDesk = desk.length === 1 ? desk[0]!.committeeId : null;
  useEffect(() => {
    if (onlyDesk) setForm((f) => (f.committeeId ? f : { ...f, committeeId: onlyDesk }));
  }, [onlyDesk]);

  const set = <K extends keyof Form>(key: K, value: Form[K]) => {
    const next = { ...form, [key]: value };
    setForm(next);
    if (tried) setErrors(validate(next));
  };
  const setContact = (i: number, key: keyof Contact, value: string) =>
    set(
      'contacts',
      form.contacts.map((c, j) => (j === i ? { ...c, [key]: value } : c)),
    );

  const list = estates.data?.items ?? [];
  const setPoint = (point: PointChoice) => {
    // An estate chosen before the address is typed starts the address with its name.
    const estate = list.find((e) => e.id === estateOfChoice(point));
    const next = { ...form, point, ...(estate && !form.address.trim() ? { address: `${estate.name} ` } : {}) };
    setForm(next);
    if (tried) setErrors(validate(next));
  };

  const next = () => {
    setTried(true);
    const e = validate(form);
    setErrors(e);
    if (Object.keys(e).length === 0) setStep('confirm');
  };

  const submit = async () => {
    const f = form;
    const res = await register.run({
      name: f.name.trim(),
      birthYear: Number(f.birthYear),
      committeeId: f.committeeId ?? '',
      ...(f.phone.trim() ? { phone: f.phone.trim() } : {}),
      address: f.address.trim(),
      // 'none' sends nothing: a new record simply has no point.
      ...(estateOfChoice(f.point)
        ? { estateId: estateOfChoice(f.point)! }
        : f.point === 'map' && f.picked
          ? { location: { latitude: f.picked.latitude, longitude: f.picked.longitude } }
          : {}),
      livingAlone: f.livingAlone === 'yes',
      specialDifficulty: f.difficulty === 'yes',
      emergencyContacts: f.contacts.map((c) => ({ name: c.name.trim(), relation: c.relation.trim(), phone: c.phone.trim() })),
      consent: {
        by: f.by === 'guardian' ? 'guardian' : 'senior',
        ...(f.by === 'guardian' ? { guardianName: f.guardianName.trim() } : {}),
        informed: true,
        sensitive: true,
        sharing: true,
      },
    });
    if (res) {
      setDone(res);
      setStep('done');
    }
  };

  const server = register.fieldErrors;
  const err = (key: string) => errors[key] ?? server[key];
  const committeeName = desk.find((d) => d.committeeId === form.committeeId)?.committeeName ?? '';
  const age = new Date().getFullYear() - Number(form.birthYear || 0);
  const chosenEstate = estateOfChoice(form.point);
  const pointText = chosenEstate
    ? m.confirm.estate(list.find((e) => e.id === chosenEstate)?.name ?? '')
    : form.point === 'map'
      ? m.confirm.map
      : m.confirm.noPoint;

  if (step === 'done' && done) {
    return (
      <Screen>
        <Text className='greeting'>{m.heading}</Text>
        <Notice kind='success'>{m.done.text(done.name, done.age, done.committeeName)}</Notice>
        <Button className='btn-block' type='primary' size='large' block onClick={() => go(ROUTES.seniorProxies, { seniorId: done.id })}>
          {m.done.proxies}
        </Button>
        <Button className='btn-block' size='large' block onClick={() => go(ROUTES.senior, { seniorId: done.id })}>
          {m.done.desk}
        </Button>
        <Button className='btn-block' size='large' block onClick={() => go(ROUTES.socialSenior, { id: done.id })}>
          {m.done.record}
        </Button>
        <Button
          className='btn-block'
          size='large'
          block
          onClick={() => {
            setForm({ ...EMPTY(), committeeId: form.committeeId });
            setTried(false);
            setErrors({});
            setDone(null);
            setStep('form');
          }}
        >
          {m.done.again}
        </Button>
      </Screen>
    );
  }

  return (
    <Screen>
      <Text className='greeting'>{m.heading}</Text>
      {mine.error ? <Notice kind='error'>{m.loadFailed + mine.error}</Notice> : null}

      {step === 'confirm' ? (
        <ConfirmStep
          confirmLabel={m.confirm.submit}
          busyLabel={m.confirm.working}
          busy={register.busy}
          onConfirm={() => void submit()}
          onBack={() => setStep('form')}
        >
          <Text className='confirm__big'>{m.confirm.big(form.name.trim(), age, committeeName)}</Text>
          <Text className='text'>{form.address.trim()}</Text>
          <Text className='text'>{pointText}</Text>
          <Text className='text'>{m.confirm.alone(form.livingAlone === 'yes', form.difficulty === 'yes')}</Text>
          <Text className='text'>{m.confirm.contacts(form.contacts.length)}</Text>
          <Text className='text'>{m.confirm.consent(form.by === 'guardian' ? form.guardianName.trim() : m.consent.by.senior)}</Text>
          {register.error ? (
            <Notice kind='error'>
              {m.failed + register.error}
              {register.retryable ? <Text className='text'>{m.retryHint}</Text> : null}
            </Notice>
          ) : null}
        </ConfirmStep>
      ) : (
        <View className='section register-senior'>
          <Text className='text field'>{m.intro}</Text>
          <Choices
            label={m.committee.label}
            options={desk.map((d) => ({ value: d.committeeId, label: d.committeeName }))}
            value={form.committeeId}
            error={err('committeeId')}
            onChange={(v) => set('committeeId', v)}
          />
          <Field label={m.name.label} placeholder={m.name.placeholder} value={form.name} maxlength={20} error={err('name')} onChange={(v) => set('name', v)} />
          <Field
            label={m.birthYear.label}
            type='number'
            placeholder={m.birthYear.placeholder}
            value={form.birthYear}
            maxlength={4}
            error={err('birthYear')}
            onChange={(v) => set('birthYear', v)}
          />
          <Field
            label={m.phone.label}
            hint={m.phone.hint}
            placeholder={m.phone.placeholder}
            value={form.phone}
            maxlength={14}
            error={err('phone')}
            onChange={(v) => set('phone', v)}
          />
          <Field
            label={m.address.label}
            placeholder={m.address.placeholder}
            value={form.address}
            maxlength={100}
            error={err('address')}
            onChange={(v) => set('address', v)}
          />

          <HomePoint
            label={m.location.label}
            hint={m.location.hint}
            estates={list}
            estatesError={estates.error}
            committeeIds={form.committeeId ? [form.committeeId] : desk.map((d) => d.committeeId)}
            value={form.point}
            onChange={setPoint}
            picked={form.picked}
            onPicked={(picked) => {
              const next: Form = { ...form, picked, point: 'map' };
              setForm(next);
              if (tried) setErrors(validate(next));
            }}
            none
            error={err('location') ?? err('estateId') ?? err('location.latitude')}
          />

          <Choices
            label={m.livingAlone.label}
            options={[
              { value: 'yes', label: m.livingAlone.yes },
              { value: 'no', label: m.livingAlone.no },
            ]}
            value={form.livingAlone}
            error={err('livingAlone')}
            onChange={(v) => set('livingAlone', v)}
          />
          <Choices
            label={m.difficulty.label}
            options={[
              { value: 'yes', label: m.difficulty.yes },
              { value: 'no', label: m.difficulty.no },
            ]}
            value={form.difficulty}
            error={err('specialDifficulty')}
            onChange={(v) => set('difficulty', v)}
          />

          <View className='section'>
            <Text className='section__title'>{m.contacts.title}</Text>
            <Text className='field__hint'>{m.contacts.hint}</Text>
            {form.contacts.map((c, i) => (
              <View key={i} className='contact-group'>
                <Text className='field__label'>{m.contacts.which(i + 1)}</Text>
                <Field
                  label={m.contacts.name}
                  placeholder={m.contacts.namePlaceholder}
                  value={c.name}
                  maxlength={20}
                  error={err(`emergencyContacts.${i}.name`)}
                  onChange={(v) => setContact(i, 'name', v)}
                />
                <Field
                  label={m.contacts.relation}
                  placeholder={m.contacts.relationPlaceholder}
                  value={c.relation}
                  maxlength={10}
                  error={err(`emergencyContacts.${i}.relation`)}
                  onChange={(v) => setContact(i, 'relation', v)}
                />
                <Field
                  label={m.contacts.phone}
                  placeholder={m.contacts.phonePlaceholder}
                  value={c.phone}
                  maxlength={14}
                  error={err(`emergencyContacts.${i}.phone`)}
                  onChange={(v) => setContact(i, 'phone', v)}
                />
                {form.contacts.length > 1 ? (
                  <Button
                    className='btn-block'
                    size='large'
                    block
                    onClick={() =>
                      set(
                        'contacts',
                        form.contacts.filter((_, j) => j !== i),
                      )
                    }
                  >
                    {m.contacts.remove}
                  </Button>
                ) : null}
              </View>
            ))}
            {form.contacts.length < 5 ? (
              <Button className='btn-block' size='large' block onClick={() => set('contacts', [...form.contacts, { name: '', relation: '', phone: '' }])}>
                {m.contacts.add}
              </Button>
            ) : null}
          </View>

          <View className='section'>
            <Text className='section__title'>{m.consent.title}</Text>
            <Choices
              label={m.consent.by.label}
              options={[
                { value: 'senior', label: m.consent.by.senior },
                { value: 'guardian', label: m.consent.by.guardian },
              ]}
              value={form.by}
              error={err('consent.by')}
              onChange={(v) => set('by', v)}
            />
            {form.by === 'guardian' ? (
              <Field
                label={m.consent.guardianName.label}
                placeholder={m.consent.guardianName.placeholder}
                value={form.guardianName}
                maxlength={20}
                error={err('consent.guardianName')}
                onChange={(v) => set('guardianName', v)}
              />
            ) : null}
            <View className='consent'>
              <Checkbox checked={form.informed} label={m.consent.informed} onChange={(v) => set('informed', v)} />
            </View>
            <View className='consent'>
              <Checkbox checked={form.sensitive} label={m.consent.sensitive} onChange={(v) => set('sensitive', v)} />
            </View>
            <View className='consent'>
              <Checkbox checked={form.sharing} label={m.consent.sharing} onChange={(v) => set('sharing', v)} />
            </View>
            <FieldError message={err('consent') ?? err('consent.informed') ?? err('consent.sensitive') ?? err('consent.sharing')} />
          </View>

          {tried && Object.keys(errors).length ? <Notice kind='warning'>{m.fixAbove}</Notice> : null}
          {register.error && step === 'form' ? <Notice kind='error'>{m.failed + register.error}</Notice> : null}
          <Button className='btn-block' type='primary' size='large' block onClick={next}>
            {m.next}
          </Button>
        </View>
      )}
    </Screen>
  );
}
