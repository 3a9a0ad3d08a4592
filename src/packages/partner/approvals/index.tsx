/**
 * 审核联系记录: the 居委's pending contacts (newest first, paged); tick several (or all shown, up
 * to 20) and approve them in one go (credits follow through the ledger), or return one with a
 * reason (a second step in place). Lists carry no address or phone.
 */
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { ConfirmStep } from '@/components/ConfirmStep';
import { LoadMore } from '@/components/LoadMore';
import { NotForYou } from '@/components/NotForYou';
import { FailureNotice } from '@/components/FailureNotice';
import { Notice } from '@/components/Notice';
import { Screen } from '@/components/Screen';
import { TextArea } from '@/components/TextArea';
import { useMutation } from '@/hooks/useMutation';
import { usePaged } from '@/hooks/usePaged';
import { useSession } from '@/hooks/useSession';
import { useShowAgain } from '@/hooks/useShowAgain';
import { dateTime } from '@/services/dates';
import { Button } from '@/ui/nutui';
import { partnerMessages as pm } from '../components/messages';
import { messages as m } from './messages';
import '../components/partner.scss';
import './index.scss';

const MAX = 20;

export default function Approvals() {
  const { me } = useSession('registered');
  const staff = !!me?.roles.some((r) => r === 'socialWorker' || r === 'admin');
  const list = usePaged('partners', 'pendingContacts', { limit: 20 }, !!me?.registered && staff);
  const approve = useMutation('partners', 'approveContacts');
  const reject = useMutation('partners', 'rejectContact');
  const [picked, setPicked] = useState<string[]>([]);
  const [rejecting, setRejecting] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const [hint, setHint] = useState<string | null>(null);
  useShowAgain(() => void list.reload());

  const toggle = (id: string) => {
    setHint(null);
    setPicked((xs) => (xs.includes(id) ? xs.filter((x) => x !== id) : xs.length >= MAX ? xs : [...xs, id]));
    if (!picked.includes(id) && picked.length >= MAX) setHint(m.max);
  };
  const all = list.items.slice(0, MAX).map((x) => x.id);
  const allPicked = all.length > 0 && all.every((id) => picked.includes(id));

  const doApprove = async () => {
    setDone(null);
    if (!picked.length) {
      setHint(m.pickFirst);
      return;
    }
    const res = await approve.run({ contactIds: picked });
    if (!res) return;
    setPicked([]);
    setDone(m.approved(res.approved));
    void list.reload();
  };
  const doReject = async (contactId: string) => {
    setDone(null);
    const res = await reject.run({ contactId, reason: reason.trim() });
    if (!res) return;
    setRejecting(null);
    setReason('');
    setPicked((xs) => xs.filter((x) => x !== contactId));
    setDone(m.rejected);
    void list.reload();
  };

  // A 老伙伴 leader (or anyone) who typed or was forwarded this link: whose page it is, and where theirs is.
  if (me?.registered && !staff) return <NotForYou text={m.notStaff} />;

  return (
    <Screen>
      <Text className='greeting'>{m.heading}</Text>
      <Text className='text field'>{m.intro}</Text>
      {done ? <Notice kind='success'>{done}</Notice> : null}
      {list.error ? <Notice kind='error'>{m.loadFailed + list.error}</Notice> : null}
      {list.loaded && list.items.length === 0 ? <Text className='text field'>{m.none}</Text> : null}

      {list.items.length ? (
        <View className={`choice pt-select${allPicked ? ' choice--on' : ''}`} ariaRole='checkbox' onClick={() => setPicked(allPicked ? [] : all)}>
          <Text className='choice__mark'>{allPicked ? '✓' : ''}</Text>
          <Text>{allPicked ? m.clear : m.selectAll(all.length)}</Text>
        </View>
      ) : null}

      {list.items.map((x) => {
        const on = picked.includes(x.id);
        return (
          <View key={x.id} className='card pt-pending'>
            <View
              className={`choice pt-select${on ? ' choice--on' : ''}`}
              ariaRole='checkbox'
              ariaLabel={on ? `${m.select}${pm.checked}` : m.select}
              onClick={() => toggle(x.id)}
            >
              <Text className='choice__mark'>{on ? '✓' : ''}</Text>
              <View className='pt-choice__body'>
                <Text className='pt-choice__label'>{m.line(x.volunteerName, x.seniorName)}</Text>
                <Text className='pt-choice__hint'>{dateTime(x.at)}</Text>
              </View>
            </View>
            <Text className='text pt-line'>{m.what(x.channelText, x.outcomeText)}</Text>
            {x.minutes ? <Text className='text pt-line'>{m.minutes(x.minutes.display)}</Text> : null}
            {x.needsText.length ? <Text className='muted pt-line'>{x.needsText.join('、')}</Text> : null}
            {x.note ? <Text className='muted pt-line'>{x.note}</Text> : null}
            {rejecting === x.id ? (
              <View className='section'>
                <TextArea
                  label={m.rejectReason}
                  placeholder={m.rejectPlaceholder}
                  value={reason}
                  maxlength={200}
                  error={reject.fieldErrors.reason}
                  onChange={setReason}
                />
                <ConfirmStep
                  confirmLabel={m.rejectConfirm}
                  busy={reject.busy}
                  danger
                  backLabel={m.back}
                  onConfirm={() => void doReject(x.id)}
                  onBack={() => setRejecting(null)}
                >
                  <Text className='text'>{m.rejectText}</Text>
                  <FailureNotice of={reject} failed={m.failed} />
                </ConfirmStep>
              </View>
            ) : (
              <Button className='btn-block' size='large' block onClick={() => setRejecting(x.id)}>
                {m.reject}
              </Button>
            )}
          </View>
        );
      })}
      <LoadMore next={list.next} loading={list.loading} onMore={() => void list.more()} quietEnd={list.items.length === 0} />

      {hint ? <Notice kind='warning'>{hint}</Notice> : null}
      <FailureNotice of={approve} failed={m.failed} />
      {list.items.length ? (
        <Button className='btn-block' type='primary' size='large' block disabled={approve.busy || picked.length === 0} onClick={() => void doApprove()}>
          {approve.busy ? m.approving : m.approve(picked.length)}
        </Button>
      ) : null}
    </Screen>
  );
}
