/**
 * 更正地址和位置 (`?id=`): staff of the senior's 居委 (or an admin) correct a senior's address and
 * map point after registration (`seniors.relocate`). The point is an estate of the street (its
 * point, from `partners.estates`; the senior's 居委 first), a map pick on weapp, unchanged or none.
 * Says what is kept and why; a second step in place sums the change up; the result says whether
 * the partner was told and how far they now live. Opening the record (`seniors.detail`) is logged.
 */
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import type { SeniorsResults } from '@core/api';
import { ConfirmStep } from '@/components/ConfirmStep';
import { Field } from '@/components/Field';
import { FailureNotice } from '@/components/FailureNotice';
import { Notice } from '@/components/Notice';
import { Screen } from '@/components/Screen';
import { TextArea } from '@/components/TextArea';
import { useMutation } from '@/hooks/useMutation';
import { useQuery } from '@/hooks/useQuery';
import { useSession } from '@/hooks/useSession';
import { commonMessages } from '@/messages/common';
import { ROUTES, replace, useParam } from '@/services/routes';
import { Button } from '@/ui/nutui';
import { HomePoint, estateChoice, estateLabel, estateOfChoice, pointInput, type MapPick, type PointChoice } from '../components/HomePoint';
import { messages as m } from './messages';
import '../components/social.scss';
import { Kv } from '@/components/Kv';
import { LoggedNote } from '@/components/LoggedNote';
import './index.scss';

export default function RelocateSenior() {
  const id = useParam('id');
  const { me } = useSession('registered');
  const ready = !!me?.registered && !!id;
  const detail = useQuery('seniors', 'detail', { seniorId: id }, ready);
  const estates = useQuery('partners', 'estates', {}, ready);
  const relocate = useMutation('seniors', 'relocate');
  const [address, setAddress] = useState('');
  const [point, setPoint] = useState<PointChoice>('keep');
  const [picked, setPicked] = useState<MapPick | null>(null);
  const [reason, setReason] = useState('');
  const [step, setStep] = useState<'form' | 'confirm' | 'done'>('form');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState<SeniorsResults['relocate'] | null>(null);

  const d = detail.data;
  // Fill the form from the senior once per senior, not again on every refresh of the detail.
  const filledFor = useRef<string | null>(null);
  useEffect(() => {
    if (!d || filledFor.current === d.id) return;
    filledFor.current = d.id;
    setAddress(d.address);
    setPoint(d.estateId ? estateChoice(d.estateId) : 'keep');
  }, [d]);

  if (!d) {
    return (
      <Screen>
        <Text className='greeting'>{m.title}</Text>
        {detail.error ? <Notice kind='error'>{m.loadFailed + detail.error}</Notice> : <Text className='loading'>{commonMessages.loading}</Text>}
      </Screen>
    );
  }

  const list = estates.data?.items ?? [];
  const estateName = (estateId: string | null) => list.find((e) => e.id === estateId)?.name ?? '';
  const nowPoint = !d.hasLocation ? m.pointNone : d.estateId ? m.pointEstate(estateName(d.estateId)) : m.pointMap;

  // What the call will change: only what differs from the record.
  const newAddress = address.trim() !== d.address ? address.trim() : undefined;
  const estateId = estateOfChoice(point);
  const pointPatch = estateId && estateId === d.estateId ? {} : pointInput(point, picked);
  const pointText = estateId ? estateLabel(list, estateId) : point === 'map' ? m.pointMap : null;

  const next = () => {
    const e: Record<string, string> = {};
    if (address.trim().length < 5) e.address = m.address.invalid;
    setErrors(e);
    if (Object.keys(e).length) return;
    if (newAddress === undefined && Object.keys(pointPatch).length === 0) {
      setErrors({ form: m.nothing });
      return;
    }
    relocate.clearError();
    setStep('confirm');
  };

  // Back to where the page was opened from (the record or the card); opened directly: the record.
  const leave = () => {
    if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
    else replace(ROUTES.socialSenior, { id: d.id });
  };

  const submit = async () => {
    const res = await relocate.run({
      seniorId: d.id,
      ...(newAddress !== undefined ? { address: newAddress } : {}),
      ...pointPatch,
      ...(reason.trim() ? { reason: reason.trim() } : {}),
    });
    if (!res) return;
    setDone(res);
    setStep('done');
    setPicked(null);
    setReason('');
    void detail.reload();
  };

  return (
    <Screen>
      <Text className='greeting'>{m.heading(d.name)}</Text>
      <LoggedNote text={m.logged} />

      {step === 'done' && done ? (
        <View className='section'>
          <Notice kind='success'>
            <Text className='text'>{m.done.text(done.name, done.changed.join('和'))}</Text>
            {done.partner ? (
              <Text className='text'>
                {m.done.partner(done.partner.name, done.partner.distanceM === null ? m.done.noDistance : m.done.distance(done.partner.distanceM))}
              </Text>
            ) : null}
          </Notice>
          <Button className='btn-block' type='primary' size='large' block onClick={leave}>
            {m.done.back}
          </Button>
          <Button className='btn-block' size='large' block onClick={() => setStep('form')}>
            {m.done.again}
          </Button>
        </View>
      ) : step === 'confirm' ? (
        <ConfirmStep
          confirmLabel={m.confirm.submit}
          busyLabel={m.confirm.working}
          busy={relocate.busy}
          onConfirm={() => void submit()}
          onBack={() => setStep('form')}
        >
          {newAddress !== undefined ? <Text className='text confirm__big'>{m.confirm.address(newAddress)}</Text> : null}
          {pointText ? <Text className='text'>{m.confirm.point(pointText)}</Text> : null}
          {point === 'none' ? <Text className='text'>{m.confirm.pointRemoved}</Text> : null}
          {reason.trim() ? <Text className='text'>{m.confirm.reason(reason.trim())}</Text> : null}
          <FailureNotice of={relocate} failed={m.failed} />
        </ConfirmStep>
      ) : (
        <View className='section relocate'>
          <Notice kind='info'>{m.purpose}</Notice>
          <View className='card'>
            <Text className='section__title'>{m.now}</Text>
            <Kv k={m.nowAddress} v={d.address} />
            <Kv k={m.nowPoint} v={nowPoint} />
          </View>
          <Field
            label={m.address.label}
            placeholder={m.address.placeholder}
            value={address}
            maxlength={100}
            error={errors.address ?? relocate.fieldErrors.address}
            onChange={setAddress}
          />
          <HomePoint
            label={m.point.label}
            hint={m.point.hint}
            estates={list}
            estatesError={estates.error}
            committeeIds={[d.committeeId]}
            value={point}
            onChange={setPoint}
            picked={picked}
            onPicked={(pick) => {
              setPicked(pick);
              setPoint('map');
            }}
            keep
            none={d.hasLocation}
            error={relocate.fieldErrors.estateId ?? relocate.fieldErrors.location}
          />
          <TextArea
            label={m.reason.label}
            placeholder={m.reason.placeholder}
            value={reason}
            maxlength={100}
            error={relocate.fieldErrors.reason}
            onChange={setReason}
          />
          {errors.form ? <Notice kind='warning'>{errors.form}</Notice> : null}
          <Button className='btn-block' type='primary' size='large' block onClick={next}>
            {m.next}
          </Button>
        </View>
      )}
    </Screen>
  );
}
