/**
 * 求助进度 (`?id=`, `?seniorId=`): one request's progress in plain words (the server's stateText),
 * its facts, its steps (who did what, and as whom), and what the person looking may do now, from the
 * request's `can`: the senior side confirms (credits move to the volunteer), disputes or cancels; the
 * 居委 staff also decide a pool grant or settle. Each act opens its second step in place, never a dialog.
 */
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { HelpRequestView } from '@core/api';
import { Choices } from '@/components/Choices';
import { ConfirmStep } from '@/components/ConfirmStep';
import { Field } from '@/components/Field';
import { helpStateKind } from '@/components/HelpCard';
import { HelpSteps } from '@/components/HelpSteps';
import { Notice } from '@/components/Notice';
import { Screen } from '@/components/Screen';
import { Tag } from '@/components/Tag';
import { TextArea } from '@/components/TextArea';
import { useMutation } from '@/hooks/useMutation';
import { useQuery } from '@/hooks/useQuery';
import { useShowAgain } from '@/hooks/useShowAgain';
import { commonMessages } from '@/messages/common';
import { helpMessages } from '@/messages/help';
import { dateTime, hours, minutesFromHours } from '@/services/format';
import { ROUTES, back, go, useParam } from '@/services/routes';
import { Button } from '@/ui/nutui';
import { ActingBanner } from '../components/ActingBanner';
import { useActing } from '../components/useActing';
import { messages as m } from './messages';
import { Kv } from '@/components/Kv';
import './index.scss';

type Mode = null | 'confirm' | 'dispute' | 'cancel' | 'approve' | 'refuse' | 'settle';

function Facts({ r }: { r: HelpRequestView }) {
  const f = m.facts;
  const how = m.funding[r.funding];
  return (
    <View className='card'>
      <Kv k={f.time} v={r.timeText} />
      <Kv k={f.minutes} v={hours(r.minutes.minutes)} />
      <Kv k={f.pay} v={r.held.minutes > 0 ? f.held(how, hours(r.held.minutes)) : f.notHeld(how)} />
      {r.volunteer ? <Kv k={f.volunteer} v={f.volunteerLine(r.volunteer.name, r.volunteer.phoneMasked)} /> : null}
      {r.report ? <Kv k={f.report} v={f.reportLine(hours(r.report.minutes.minutes), r.report.note)} /> : null}
      {r.note ? <Kv k={f.note} v={r.note} /> : null}
      {r.dispute ? <Kv k={f.dispute} v={f.disputeLine(r.dispute.reason, r.dispute.byName)} /> : null}
      {r.grant ? <Kv k={f.grant} v={f.grantLine(r.grant.approved, r.grant.byName, r.grant.reason)} /> : null}
      {r.settlement ? (
        <Kv k={f.settlement} v={f.settlementLine(hours(r.settlement.minutes.minutes), r.settlement.byName, r.settlement.viaText, r.settlement.reason)} />
      ) : null}
      <Kv k={f.created} v={f.createdLine(r.createdByName, r.createdViaText, dateTime(r.createdAt))} />
    </View>
  );
}

export default function RequestProgress() {
  const id = useParam('id');
  const { acting, self, params, ready } = useActing();
  const detail = useQuery('help', 'detail', { requestId: id }, ready && !!id);
  useShowAgain(() => void detail.reload());
  const confirm = useMutation('help', 'confirm');
  const dispute = useMutation('help', 'dispute');
  const cancel = useMutation('help', 'cancel');
  const grant = useMutation('help', 'decideGrant');
  const settle = useMutation('help', 'settle');
  const [mode, setMode] = useState<Mode>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [extraFrom, setExtraFrom] = useState<'credits' | 'pool'>('credits');
  const [how, setHow] = useState<'all' | 'part' | 'void'>('all');
  const [partHours, setPartHours] = useState('');
  const [partError, setPartError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const r = detail.data;
  const staff = acting?.via === 'socialWorker' || acting?.via === 'admin';

  const openMode = (next: Mode) => {
    setMode(next);
    setReason('');
    setReasonError(null);
    setPartError(null);
    setDone(null);
    if (next === 'settle') setExtraFrom(r?.funding === 'pool' ? 'pool' : 'credits');
    for (const x of [confirm, dispute, cancel, grant, settle]) x.clearError();
  };
  // Every help step answers the request's view as help.detail shows it: shown without reloading.
  const finish = (res: HelpRequestView | undefined, text: string) => {
    if (!res) return;
    setMode(null);
    setDone(text);
    detail.set(res);
  };
  const needReason = (): boolean => {
    const ok = reason.trim().length >= 2;
    setReasonError(ok ? null : m.reasonShort);
    return ok;
  };

  if (!r) {
    return (
      <Screen forceElder={self}>
        <ActingBanner acting={acting} />
        {detail.error ? <Notice kind='error'>{m.loadFailed + detail.error}</Notice> : <Text className='loading'>{commonMessages.loading}</Text>}
      </Screen>
    );
  }

  const reported = r.report?.minutes.minutes ?? 0;
  const held = r.held.minutes;
  const volunteerName = r.volunteer?.name ?? '';
  const extra = reported - held;
  const errorOf = (x: { error: string | null; retryable: boolean }) =>
    x.error ? (
      <Notice kind='error'>
        {m.failed + x.error}
        {x.retryable ? <Text className='text'>{m.retryHint}</Text> : null}
      </Notice>
    ) : null;
  const reasonField = (label: string, placeholder: string, hint?: string, optional?: boolean) => (
    <TextArea
      label={label}
      hint={hint}
      placeholder={placeholder}
      value={reason}
      maxlength={optional ? 100 : 200}
      error={reasonError}
      onChange={(v) => {
        setReason(v);
        if (reasonError) setReasonError(null);
      }}
    />
  );

  return (
    <Screen forceElder={self}>
      <ActingBanner acting={acting} />
      <Text className='greeting'>{r.categoryName}</Text>

      <View className='progress-box' ariaRole='status'>
        <Text className='progress-box__label'>{m.now}</Text>
        <Text className='progress-box__text'>{r.stateText}</Text>
        <Tag kind={helpStateKind(r.state)}>{helpMessages.states[r.state]}</Tag>
      </View>
      {done ? <Notice kind='success'>{done}</Notice> : null}
      <Facts r={r} />

      {mode === null ? (
        <View className='btn-row request-actions'>
          {r.can.confirm ? (
            <Button className='btn-block' type='primary' size='large' block onClick={() => openMode('confirm')}>
              {m.confirm.open}
            </Button>
          ) : null}
          {r.can.decideGrant ? (
            <View className='btn-duo'>
              <Button type='primary' size='large' onClick={() => openMode('approve')}>
                {m.grant.approve}
              </Button>
              <Button size='large' onClick={() => openMode('refuse')}>
                {m.grant.refuse}
              </Button>
            </View>
          ) : null}
          {r.can.settle ? (
            <Button className='btn-block' size='large' block onClick={() => openMode('settle')}>
              {m.settle.open}
            </Button>
          ) : null}
          {r.can.dispute ? (
            <Button className='btn-block' size='large' block onClick={() => openMode('dispute')}>
              {m.dispute.open}
            </Button>
          ) : null}
          {r.can.cancel ? (
            <Button className='btn-block' size='large' block onClick={() => openMode('cancel')}>
              {m.cancel.open}
            </Button>
          ) : null}
        </View>
      ) : null}

      {mode === 'confirm' ? (
        <ConfirmStep
          confirmLabel={m.confirm.submit}
          busyLabel={m.confirm.working}
          busy={confirm.busy}
          backLabel={m.notNow}
          onBack={() => setMode(null)}
          onConfirm={() =>
            void confirm
              .run({ requestId: r.id, ...(extra > 0 && staff ? { extraFrom } : {}) })
              .then((res) => finish(res, m.confirm.done))
          }
        >
          <Text className='confirm__big'>{m.confirm.big(volunteerName, hours(reported))}</Text>
          {extra === 0 ? <Text className='text'>{m.confirm.same(hours(held), volunteerName)}</Text> : null}
          {extra < 0 ? <Text className='text'>{m.confirm.less(hours(reported), volunteerName, hours(-extra))}</Text> : null}
          {extra > 0 ? (
            <>
              <Text className='text'>{m.confirm.more(hours(extra))}</Text>
              {staff ? (
                <Choices
                  label={m.confirm.extraFrom}
                  options={[
                    { value: 'credits', label: m.confirm.extraCredits },
                    { value: 'pool', label: m.confirm.extraPool },
                  ]}
                  value={extraFrom}
                  onChange={(v) => setExtraFrom(v === 'pool' ? 'pool' : 'credits')}
                />
              ) : (
                <Text className='text'>{r.funding === 'pool' ? m.confirm.morePool : m.confirm.moreCredits}</Text>
              )}
            </>
          ) : null}
          {errorOf(confirm)}
        </ConfirmStep>
      ) : null}

      {mode === 'dispute' ? (
        <View className='step-form'>
          {reasonField(m.dispute.reason, m.dispute.placeholder, m.dispute.hint)}
          {errorOf(dispute)}
          <Button
            className='btn-block'
            type='primary'
            size='large'
            block
            disabled={dispute.busy}
            onClick={() => {
              if (needReason()) void dispute.run({ requestId: r.id, reason: reason.trim() }).then((res) => finish(res, m.dispute.done));
            }}
          >
            {dispute.busy ? m.dispute.working : m.dispute.submit}
          </Button>
          <Button className='btn-block' size='large' block disabled={dispute.busy} onClick={() => setMode(null)}>
            {m.back}
          </Button>
        </View>
      ) : null}

      {mode === 'cancel' ? (
        <ConfirmStep
          confirmLabel={m.cancel.submit}
          busyLabel={m.cancel.working}
          busy={cancel.busy}
          danger
          backLabel={m.cancel.keep}
          onBack={() => setMode(null)}
          onConfirm={() =>
            void cancel.run({ requestId: r.id, ...(reason.trim() ? { reason: reason.trim() } : {}) }).then((res) => finish(res, m.cancel.done))
          }
        >
          <Text className='text'>{m.cancel.text(hours(held))}</Text>
          {r.state === 'assigned' ? <Text className='text'>{m.cancel.assigned}</Text> : null}
          {reasonField(m.cancel.reason, m.cancel.placeholder, undefined, true)}
          {errorOf(cancel)}
        </ConfirmStep>
      ) : null}

      {mode === 'approve' || mode === 'refuse' ? (
        <View className='step-form'>
          <Text className='text'>{mode === 'approve' ? m.grant.approveText(hours(r.minutes.minutes)) : m.grant.refuseText}</Text>
          {reasonField(m.grant.reason, m.grant.placeholder)}
          {errorOf(grant)}
          <Button
            className='btn-block'
            type='primary'
            size='large'
            block
            disabled={grant.busy}
            onClick={() => {
              if (needReason()) void grant.run({ requestId: r.id, approve: mode === 'approve', reason: reason.trim() }).then((res) => finish(res, m.grant.done));
            }}
          >
            {grant.busy ? m.grant.working : mode === 'approve' ? m.grant.submitApprove : m.grant.submitRefuse}
          </Button>
          <Button className='btn-block' size='large' block disabled={grant.busy} onClick={() => setMode(null)}>
            {m.back}
          </Button>
        </View>
      ) : null}

      {mode === 'settle' ? (
        <View className='step-form'>
          <Choices
            label={m.settle.how}
            options={[
              { value: 'all', label: m.settle.all(hours(reported || held)) },
              { value: 'part', label: m.settle.part },
              { value: 'void', label: m.settle.void },
            ]}
            value={how}
            onChange={(v) => setHow(v === 'part' ? 'part' : v === 'void' ? 'void' : 'all')}
          />
          {how === 'part' ? (
            <Field label={m.settle.partHours} type='digit' placeholder={m.settle.partPlaceholder} value={partHours} maxlength={5} error={partError} onChange={setPartHours} />
          ) : null}
          {how === 'all' && extra > 0 ? (
            <Choices
              label={m.confirm.extraFrom}
              options={[
                { value: 'credits', label: m.confirm.extraCredits },
                { value: 'pool', label: m.confirm.extraPool },
              ]}
              value={extraFrom}
              onChange={(v) => setExtraFrom(v === 'pool' ? 'pool' : 'credits')}
            />
          ) : null}
          {reasonField(m.settle.reason, m.settle.placeholder)}
          {errorOf(settle)}
          <Button
            className='btn-block'
            type='primary'
            size='large'
            block
            disabled={settle.busy}
            onClick={() => {
              const part = how === 'part' ? minutesFromHours(partHours) : null;
              setPartError(how === 'part' && part === null ? m.settle.partInvalid : null);
              if (!needReason() || (how === 'part' && part === null)) return;
              void settle
                .run({
                  requestId: r.id,
                  how,
                  reason: reason.trim(),
                  ...(part !== null ? { minutes: part } : {}),
                  ...(how === 'all' && extra > 0 ? { extraFrom } : {}),
                })
                .then((res) => finish(res, m.settle.done));
            }}
          >
            {settle.busy ? m.settle.working : m.settle.submit}
          </Button>
          <Button className='btn-block' size='large' block disabled={settle.busy} onClick={() => setMode(null)}>
            {m.back}
          </Button>
        </View>
      ) : null}

      <HelpSteps title={m.steps} steps={(r.steps ?? []).map((s) => ({ at: s.at, who: m.stepWho(s.actorName, s.viaText), text: s.text }))} />

      {staff ? (
        <Button className='btn-block' size='large' block onClick={() => back(ROUTES.socialQueue)}>
          {m.back}
        </Button>
      ) : (
        <Button className='btn-block' size='large' block onClick={() => go(ROUTES.senior, params)}>
          {m.toHome}
        </Button>
      )}
    </Screen>
  );
}
