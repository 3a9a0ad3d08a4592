/**
 * 求助进度 (`?id=`, `?seniorId=`): one request's progress in plain words (the server's stateText),
 * its facts, its steps (who did what, and as whom), and what the person looking may do now, from the
 * request's `can`: the senior side confirms (credits move to the volunteer), disputes or cancels; the
 * 居委 staff also decide a pool grant or settle. Each act opens its second step in place, never a dialog:
 * one section per act (ConfirmSection, DisputeSection, CancelSection, GrantSection, SettleSection),
 * each with its own call and fields.
 */
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { HelpRequestView } from '@core/api';
import { helpStateKind } from '@/components/HelpCard';
import { HelpSteps } from '@/components/HelpSteps';
import { Notice } from '@/components/Notice';
import { Screen } from '@/components/Screen';
import { Tag } from '@/components/Tag';
import { useQuery } from '@/hooks/useQuery';
import { useShowAgain } from '@/hooks/useShowAgain';
import { commonMessages } from '@/messages/common';
import { helpMessages } from '@/messages/help';
import { ROUTES, back, go, useParam } from '@/services/routes';
import { Button } from '@/ui/nutui';
import { ActingBanner } from '../components/ActingBanner';
import { useActing } from '../components/useActing';
import { CancelSection } from './CancelSection';
import { ConfirmSection } from './ConfirmSection';
import { DisputeSection } from './DisputeSection';
import { Facts } from './Facts';
import { GrantSection } from './GrantSection';
import { messages as m } from './messages';
import { SettleSection } from './SettleSection';
import { words } from './wording';
import './index.scss';

type Mode = null | 'confirm' | 'dispute' | 'cancel' | 'approve' | 'refuse' | 'settle';

export default function RequestProgress() {
  const id = useParam('id');
  const { acting, self, seniorSide, params, ready } = useActing();
  const detail = useQuery('help', 'detail', { requestId: id }, ready && !!id);
  useShowAgain(() => void detail.reload());
  const [mode, setMode] = useState<Mode>(null);
  const [done, setDone] = useState<string | null>(null);

  const r = detail.data;
  const staff = acting?.via === 'socialWorker' || acting?.via === 'admin';
  // Deciding a grant or settling is the staff's own act, not done for the senior (confirming is), and
  // stays so on the answer, when the decision is no longer open.
  const [decidedHere, setDecidedHere] = useState(false);
  const reviewing = staff && !!r && !r.can.confirm && (r.can.decideGrant || r.can.settle || decidedHere);

  const openMode = (next: Mode) => {
    setMode(next);
    setDone(null);
  };
  // Every help step answers the request's view as help.detail shows it: shown without reloading.
  const finish = (res: HelpRequestView | undefined, text: string) => {
    // Refused (someone else took it, it moved on) or not known: show the request as it is now.
    if (!res) return void detail.reload();
    if (mode === 'approve' || mode === 'refuse' || mode === 'settle') setDecidedHere(true);
    setMode(null);
    setDone(text);
    detail.set(res);
  };
  const toActions = () => setMode(null);

  if (!r) {
    return (
      <Screen forceElder={self}>
        <ActingBanner acting={acting} />
        {/* A link without its request (shared or typed) would wait forever: say so, and offer the list. */}
        {!id ? (
          <Notice kind='info'>{m.noRequest}</Notice>
        ) : detail.error ? (
          <Notice kind='error'>{m.loadFailed + detail.error}</Notice>
        ) : (
          <Text className='loading'>{commonMessages.loading}</Text>
        )}
        {!id || detail.error ? (
          <Button className='btn-block' size='large' block onClick={() => go(ROUTES.seniorRequests, params)}>
            {m.toRequests}
          </Button>
        ) : null}
      </Screen>
    );
  }

  return (
    <Screen forceElder={self}>
      <ActingBanner acting={acting} reviewing={reviewing} />
      <Text className='greeting'>{r.categoryName}</Text>

      <View className='progress-box' ariaRole='status'>
        <Text className='progress-box__label'>{m.now}</Text>
        <Text className='progress-box__text'>{r.stateText}</Text>
        <Tag kind={helpStateKind(r.state)}>{(seniorSide ? helpMessages.seniorStates : helpMessages.states)[r.state]}</Tag>
      </View>
      {done ? <Notice kind='success'>{done}</Notice> : null}
      <Facts r={r} self={self} />

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

      {mode === 'confirm' ? <ConfirmSection r={r} staff={staff} self={self} onDone={finish} onBack={toActions} /> : null}
      {mode === 'dispute' ? <DisputeSection r={r} onDone={finish} onBack={toActions} /> : null}
      {mode === 'cancel' ? <CancelSection r={r} self={self} onDone={finish} onBack={toActions} /> : null}
      {mode === 'approve' || mode === 'refuse' ? <GrantSection r={r} approve={mode === 'approve'} onDone={finish} onBack={toActions} /> : null}
      {mode === 'settle' ? <SettleSection r={r} onDone={finish} onBack={toActions} /> : null}

      <HelpSteps title={m.steps} steps={(r.steps ?? []).map((s) => ({ at: s.at, who: m.stepWho(s.actorName, s.viaText), text: s.text }))} />

      {staff ? (
        <Button className='btn-block' size='large' block onClick={() => back(ROUTES.socialQueue)}>
          {m.back}
        </Button>
      ) : (
        <Button className='btn-block' size='large' block onClick={() => go(ROUTES.senior, params)}>
          {words(self).toHome}
        </Button>
      )}
    </Screen>
  );
}
