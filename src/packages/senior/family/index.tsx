/**
 * 替家中老人办理: a family member chooses the senior they act for (each opens the senior's pages
 * with `?seniorId=`, which say on whose behalf they act), sees their requests still waiting for
 * confirmation (and may withdraw one), and asks to become a proxy with the senior's mobile number.
 */
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { ConfirmStep } from '@/components/ConfirmStep';
import { FailureNotice } from '@/components/FailureNotice';
import { Notice } from '@/components/Notice';
import { Screen } from '@/components/Screen';
import { Tag } from '@/components/Tag';
import { useMutation } from '@/hooks/useMutation';
import { useQuery } from '@/hooks/useQuery';
import { useSession } from '@/hooks/useSession';
import { useShowAgain } from '@/hooks/useShowAgain';
import { commonMessages } from '@/messages/common';
import { dateTime } from '@/services/dates';
import { ROUTES, go } from '@/services/routes';
import { MOBILE_PHONE } from '@/services/rules';
import { Button } from '@/ui/nutui';
import { PhoneAndRelation } from '../components/PhoneAndRelation';
import { messages as m } from './messages';
import { LinkCard } from '@/components/LinkCard';
import { SubscribeCard } from '@/components/SubscribeCard';
import './index.scss';

export default function Family() {
  const { me } = useSession('registered');
  const ready = !!me?.registered;
  const mine = useQuery('seniors', 'mine', {}, ready);
  useShowAgain(() => void mine.reload());
  const ask = useMutation('seniors', 'requestProxy');
  const withdraw = useMutation('seniors', 'withdrawProxyRequest');
  const [phone, setPhone] = useState('');
  const [relation, setRelation] = useState('');
  const [errors, setErrors] = useState<{ phone?: string; relation?: string }>({});
  const [done, setDone] = useState<{ text: string; pending?: boolean } | null>(null);
  const [withdrawing, setWithdrawing] = useState<string | null>(null);

  const data = mine.data;
  const asked = data?.asked ?? [];

  const submit = async () => {
    const e: typeof errors = {};
    if (!MOBILE_PHONE.test(phone.trim())) e.phone = m.ask.phoneInvalid;
    if (!relation.trim()) e.relation = m.ask.relationInvalid;
    setErrors(e);
    setDone(null);
    if (Object.keys(e).length) return;
    const res = await ask.run({ seniorPhone: phone.trim(), relation: relation.trim() });
    if (!res) return;
    // Sent, not done: whether a senior was asked depends on a number we do not reveal, so not 成功.
    setDone(res.state === 'confirmed' ? { text: m.ask.already } : { text: m.ask.done, pending: true });
    setPhone('');
    setRelation('');
    await mine.reload();
  };

  const doWithdraw = async (inviteId: string) => {
    if (!(await withdraw.run({ inviteId }))) return;
    setWithdrawing(null);
    setDone({ text: m.withdrawn });
    await mine.reload();
  };

  return (
    <Screen>
      <Text className='greeting'>{m.heading}</Text>
      {mine.error ? <Notice kind='error'>{m.loadFailed + mine.error}</Notice> : null}
      {!data && !mine.error ? <Text className='loading'>{commonMessages.loading}</Text> : null}
      {done ? <Notice kind={done.pending ? 'info' : 'success'}>{done.text}</Notice> : null}

      {data ? (
        <View className='section'>
          <Text className='section__title'>{m.mineTitle}</Text>
          {data.proxyFor.length === 0 ? <Text className='text field'>{m.noneYet}</Text> : null}
          <View className='role-cards'>
            {data.proxyFor.map((s) => (
              <LinkCard
                key={s.id}
                className='family-senior'
                title={s.name}
                desc={m.seniorLine(s.relation, s.committeeName, s.age)}
                go={m.enter}
                onClick={() => go(ROUTES.senior, { seniorId: s.id })}
              />
            ))}
          </View>
        </View>
      ) : null}
      {/* The alarm chain tells the family first: without a subscription it passes them by. */}
      {data?.proxyFor.length ? <SubscribeCard audience='family' /> : null}

      {asked.length ? (
        <View className='section'>
          <Text className='section__title'>{m.pendingTitle}</Text>
          {asked.map((p) => (
            <View key={p.id} className='card'>
              <Tag kind='warning'>{m.pendingTag}</Tag>
              <Text className='text'>{m.pendingLine(p.phoneMasked, p.relation, dateTime(p.createdAt))}</Text>
              <Text className='muted'>{m.pendingHint}</Text>
              {withdrawing === p.id ? (
                <ConfirmStep
                  confirmLabel={m.withdraw}
                  busyLabel={m.working}
                  busy={withdraw.busy}
                  danger
                  backLabel={m.keep}
                  onConfirm={() => void doWithdraw(p.id)}
                  onBack={() => setWithdrawing(null)}
                >
                  <Text className='text'>{m.withdrawText(p.phoneMasked)}</Text>
                  <FailureNotice of={withdraw} failed={m.failed} />
                </ConfirmStep>
              ) : (
                <Button className='btn-block' size='large' block onClick={() => setWithdrawing(p.id)}>
                  {m.withdraw}
                </Button>
              )}
            </View>
          ))}
        </View>
      ) : null}

      <View className='section card'>
        <Text className='section__title'>{m.ask.title}</Text>
        <Text className='field__hint'>{m.ask.hint}</Text>
        <PhoneAndRelation
          text={m.ask}
          phone={phone}
          onPhone={setPhone}
          relation={relation}
          onRelation={setRelation}
          errors={{ phone: errors.phone ?? ask.fieldErrors.seniorPhone, relation: errors.relation ?? ask.fieldErrors.relation }}
        />
        <FailureNotice of={ask} failed={m.failed} />
        <Button className='btn-block' type='primary' size='large' block disabled={ask.busy} onClick={() => void submit()}>
          {ask.busy ? m.ask.working : m.ask.submit}
        </Button>
      </View>
    </Screen>
  );
}
