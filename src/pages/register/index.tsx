/**
 * 实名注册: name, phone, birth year, 居委, privacy consent (with its version). 14–17 year olds add
 * a guardian; under 14 is refused here and by the server. On success: home.
 */
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { Choices } from '../../components/Choices';
import { ElderToggle } from '../../components/ElderToggle';
import { FailureNotice } from '../../components/FailureNotice';
import { Field } from '../../components/Field';
import { FieldError } from '../../components/FieldError';
import { Notice } from '../../components/Notice';
import { Screen } from '../../components/Screen';
import { useMutation } from '../../hooks/useMutation';
import { useQuery } from '../../hooks/useQuery';
import { useSession } from '../../hooks/useSession';
import { commonMessages } from '../../messages/common';
import { policyVersionWords } from '../../services/dates';
import { ROUTES, go, restart, useParam } from '../../services/routes';
import { MIN_REGISTRATION_AGE, MOBILE_PHONE, REAL_NAME, ageBand, ageInYear, type AgeBand } from '../../services/rules';
import { elderOf, getState, setMe } from '../../state/store';
import { Button, Checkbox } from '../../ui/nutui';
import { messages as m } from './messages';
import './index.scss';

interface Form {
  name: string;
  phone: string;
  birthYear: string;
  committeeId: string | null;
  consent: boolean;
  guardianName: string;
  guardianPhone: string;
  guardianRelation: string;
  guardianConsent: boolean;
}

const EMPTY: Form = {
  name: '',
  phone: '',
  birthYear: '',
  committeeId: null,
  consent: false,
  guardianName: '',
  guardianPhone: '',
  guardianRelation: '',
  guardianConsent: false,
};

type Errors = Partial<Record<string, string>>;
/** The fields a failed submit scrolls to (each wrapped with id field-<key>, dots as dashes), in page order. */
const SCROLLED_FIELDS = ['name', 'phone', 'birthYear', 'guardian.name', 'guardian.phone', 'guardian.relation'];

function parseYear(s: string): number | null {
  return /^\d{4}$/.test(s.trim()) ? Number(s.trim()) : null;
}

function validate(f: Form, band: AgeBand | null): Errors {
  const e: Errors = {};
  if (!REAL_NAME.test(f.name.trim())) e.name = m.name.invalid;
  if (!MOBILE_PHONE.test(f.phone.trim())) e.phone = m.phone.invalid;
  // Four digits outside 1901 … this year: say the range, not "4 位数字" (which they typed).
  if (!band) e.birthYear = parseYear(f.birthYear) === null ? m.birthYear.invalid : m.birthYear.outOfRange(new Date().getFullYear());
  if (!f.committeeId) e.committeeId = m.committee.invalid;
  if (!f.consent) e.consentVersion = m.policy.consentMissing;
  if (band === 'minor') {
    if (!REAL_NAME.test(f.guardianName.trim())) e['guardian.name'] = m.name.invalid;
    if (!MOBILE_PHONE.test(f.guardianPhone.trim())) e['guardian.phone'] = m.phone.invalid;
    if (!f.guardianRelation.trim()) e['guardian.relation'] = m.guardian.relation.invalid;
    if (!f.guardianConsent) e['guardian.consent'] = m.guardian.consentMissing;
  }
  return e;
}

export default function Register() {
  useSession('guest');
  // A guest who came from a shared activity goes back to it, registered, to sign up.
  const activityId = useParam('activityId');
  const options = useQuery('account', 'options', {});
  const register = useMutation('account', 'register');
  const [form, setForm] = useState<Form>(EMPTY);
  const [errors, setErrors] = useState<Errors>({});
  const [tried, setTried] = useState(false);

  const year = parseYear(form.birthYear);
  const now = new Date();
  const band = year !== null && year > 1900 && year <= now.getFullYear() ? ageBand(year, now) : null;
  const age = year !== null && band ? ageInYear(year, now) : null;
  const version = options.data?.privacyPolicyVersion ?? '';

  const update = <K extends keyof Form>(key: K, value: Form[K]) => {
    const next = { ...form, [key]: value };
    setForm(next);
    if (tried) setErrors(validate(next, bandOf(next)));
  };

  const bandOf = (f: Form): AgeBand | null => {
    const y = parseYear(f.birthYear);
    return y !== null && y > 1900 && y <= now.getFullYear() ? ageBand(y, now) : null;
  };

  const submit = async () => {
    setTried(true);
    const found = validate(form, band);
    setErrors(found);
    // The button sits under the long privacy text: bring the first field to fix into view.
    const first = SCROLLED_FIELDS.find((k) => found[k]);
    if (first) setTimeout(() => void Taro.pageScrollTo({ selector: `#field-${first.replace('.', '-')}`, duration: 200 }).catch(() => undefined), 50);
    if (Object.keys(found).length > 0 || band === 'underage' || year === null || !form.committeeId) return;
    const me = await register.run({
      name: form.name.trim(),
      phone: form.phone.trim(),
      birthYear: year,
      committeeId: form.committeeId,
      consentVersion: version,
      elderMode: elderOf(getState()),
      ...(band === 'minor'
        ? {
            guardian: {
              name: form.guardianName.trim(),
              phone: form.guardianPhone.trim(),
              relation: form.guardianRelation.trim(),
              consent: true as const,
            },
          }
        : {}),
    });
    if (me) {
      setMe(me);
      if (activityId) restart(ROUTES.activity, { id: activityId });
      else restart(ROUTES.home);
    }
  };

  // Server-side field messages, shown beside the fields like ours.
  const shown: Errors = { ...register.fieldErrors, ...errors };
  const hasErrors = Object.keys(errors).length > 0;

  return (
    <Screen>
      <Text className='greeting'>{m.heading}</Text>
      <Text className='text'>{m.intro}</Text>

      <View className='card'>
        <Text className='section__title'>{m.bindSenior.title}</Text>
        <Text className='text'>{m.bindSenior.text}</Text>
        <Button className='btn-block' size='large' block onClick={() => go(ROUTES.bindSenior)}>
          {m.bindSenior.button}
        </Button>
      </View>

      <View className='section'>
        <ElderToggle />
      </View>

      <Field
        label={m.name.label}
        name='name'
        placeholder={m.name.placeholder}
        value={form.name}
        maxlength={20}
        id='field-name'
        error={shown.name}
        onChange={(v) => update('name', v)}
      />
      <Field
        label={m.phone.label}
        name='phone'
        type='number'
        placeholder={m.phone.placeholder}
        value={form.phone}
        maxlength={11}
        id='field-phone'
        error={shown.phone}
        onChange={(v) => update('phone', v)}
      />
      <Field
        label={m.birthYear.label}
        name='birthYear'
        type='number'
        hint={m.birthYear.hint}
        placeholder={m.birthYear.placeholder}
        value={form.birthYear}
        maxlength={4}
        id='field-birthYear'
        error={shown.birthYear}
        onChange={(v) => update('birthYear', v)}
      />
      {age !== null ? <Text className='muted field__after'>{m.birthYear.age(age)}</Text> : null}

      {band === 'underage' ? <Notice kind='error'>{m.underage(MIN_REGISTRATION_AGE)}</Notice> : null}

      {band === 'minor' ? (
        <View className='card'>
          <Text className='section__title'>{m.guardian.title}</Text>
          <Text className='text'>{m.guardian.intro}</Text>
          <Field
            label={m.guardian.name.label}
            name='guardianName'
            placeholder={m.guardian.name.placeholder}
            value={form.guardianName}
            maxlength={20}
            id='field-guardian-name'
            error={shown['guardian.name']}
            onChange={(v) => update('guardianName', v)}
          />
          <Field
            label={m.guardian.phone.label}
            name='guardianPhone'
            type='number'
            placeholder={m.guardian.phone.placeholder}
            value={form.guardianPhone}
            maxlength={11}
            id='field-guardian-phone'
            error={shown['guardian.phone']}
            onChange={(v) => update('guardianPhone', v)}
          />
          <Field
            label={m.guardian.relation.label}
            name='guardianRelation'
            placeholder={m.guardian.relation.placeholder}
            value={form.guardianRelation}
            maxlength={10}
            id='field-guardian-relation'
            error={shown['guardian.relation']}
            onChange={(v) => update('guardianRelation', v)}
          />
          <View className='consent'>
            <Checkbox checked={form.guardianConsent} label={m.guardian.consent} onChange={(v) => update('guardianConsent', v)} />
          </View>
          <FieldError message={shown['guardian.consent'] ?? shown.guardian} />
        </View>
      ) : null}

      {options.error ? (
        <Notice
          kind='error'
          action={
            <Button size='large' block onClick={() => void options.reload()}>
              {commonMessages.retry}
            </Button>
          }
        >
          {m.committee.loadFailed + options.error}
        </Notice>
      ) : null}
      {options.data ? (
        <Choices
          label={m.committee.label}
          options={options.data.committees.map((c) => ({ value: c.id, label: c.name }))}
          value={form.committeeId}
          error={shown.committeeId}
          onChange={(v) => update('committeeId', v)}
        />
      ) : options.loading ? (
        <Text className='loading'>{commonMessages.loading}</Text>
      ) : null}

      {version ? (
        <View className='section'>
          <Text className='section__title'>
            {m.policy.title}（{m.policy.version(policyVersionWords(version))}）
          </Text>
          <View className='policy'>
            {m.policy.paragraphs.map((p) => (
              <Text key={p} className='policy__p'>
                {p}
              </Text>
            ))}
          </View>
          <View className='consent'>
            <Checkbox checked={form.consent} label={m.policy.consent(policyVersionWords(version))} onChange={(v) => update('consent', v)} />
          </View>
          <FieldError message={shown.consentVersion} />
        </View>
      ) : null}

      {tried && hasErrors ? <Notice kind='warning'>{m.fixAbove}</Notice> : null}
      <FailureNotice of={register} failed={m.failed} retryHint={m.retryHint} />

      <Button className='btn-block' type='primary' size='large' block disabled={band === 'underage' || register.busy || !version} onClick={() => void submit()}>
        {register.busy ? m.submitting : m.submit}
      </Button>
    </Screen>
  );
}
