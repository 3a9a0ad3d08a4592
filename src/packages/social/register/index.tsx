/**
 * 登记老人: a social worker registers a senior of their 居委 at the desk: name, birth year, 居委,
 * phone (optional), address, where the senior lives for walking distances (an estate of the street,
 * a map pick on weapp, or no point: HomePoint, as on 更正地址和位置), living alone, special difficulty,
 * one to five emergency contacts, and the consent taken in person (with, apart and optional, the
 * consent for the 老伙伴 to record her health). A second step on the page sums it
 * up; then links to add a family proxy, act for the senior, or see the record.
 */
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { SeniorView } from '@core/api';
import { Choices } from '@/components/Choices';
import { ConfirmStep } from '@/components/ConfirmStep';
import { Field } from '@/components/Field';
import { Notice } from '@/components/Notice';
import { FailureNotice } from '@/components/FailureNotice';
import { Screen } from '@/components/Screen';
import { useMutation } from '@/hooks/useMutation';
import { useQuery } from '@/hooks/useQuery';
import { useSession } from '@/hooks/useSession';
import { Button } from '@/ui/nutui';
import { HomePoint, estateOfChoice } from '../components/HomePoint';
import { ConsentSection } from './ConsentSection';
import { ContactsSection } from './ContactsSection';
import { DoneSection } from './DoneSection';
import { toRegisterInput } from './form';
import { messages as m } from './messages';
import { useSeniorForm } from './useSeniorForm';
import '../components/social.scss';
import './index.scss';

export default function RegisterSenior() {
  const { me } = useSession('registered');
  const ready = !!me?.registered;
  const mine = useQuery('seniors', 'mine', {}, ready);
  const estates = useQuery('partners', 'estates', {}, ready);
  const register = useMutation('seniors', 'register');
  const { form, setForm, errors, tried, set, setContact, setPoint, setPicked, check, again } = useSeniorForm();
  const [step, setStep] = useState<'form' | 'confirm' | 'done'>('form');
  const [done, setDone] = useState<SeniorView | null>(null);

  const desk = mine.data?.desk ?? [];
  // A social worker of one 居委 registers for it: preselect it (without overriding a choice).
  const onlyDesk = desk.length === 1 ? desk[0]!.committeeId : null;
  useEffect(() => {
    if (onlyDesk) setForm((f) => (f.committeeId ? f : { ...f, committeeId: onlyDesk }));
  }, [onlyDesk, setForm]);

  const list = estates.data?.items ?? [];
  const next = () => {
    if (check()) setStep('confirm');
  };
  // notDuplicate: the social worker read who is already registered under the name and says it is someone else.
  const submit = async (notDuplicate = false) => {
    const res = await register.run({ ...toRegisterInput(form), ...(notDuplicate ? { notDuplicate: true as const } : {}) });
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
      <DoneSection
        senior={done}
        onAgain={() => {
          again();
          setDone(null);
          setStep('form');
        }}
      />
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
          <Text className='text'>{m.confirm.health(form.health)}</Text>
          {register.code === 'DUPLICATE_SENIOR' ? (
            <Notice kind='warning'>
              <Text className='text'>{register.error}</Text>
              <Button className='btn-block' size='large' block disabled={register.busy} onClick={() => void submit(true)}>
                {m.confirm.notDuplicate}
              </Button>
            </Notice>
          ) : (
            <FailureNotice of={register} failed={m.failed} retryHint={m.retryHint} />
          )}
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
            onChange={(point) => setPoint(point, list.find((e) => e.id === estateOfChoice(point))?.name ?? null)}
            picked={form.picked}
            onPicked={setPicked}
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

          <ContactsSection contacts={form.contacts} err={err} onChange={(contacts) => set('contacts', contacts)} onField={setContact} />
          <ConsentSection form={form} err={err} set={set} />

          {tried && Object.keys(errors).length ? <Notice kind='warning'>{m.fixAbove}</Notice> : null}
          {step === 'form' ? <FailureNotice of={register} failed={m.failed} /> : null}
          <Button className='btn-block' type='primary' size='large' block onClick={next}>
            {m.next}
          </Button>
        </View>
      )}
    </Screen>
  );
}
