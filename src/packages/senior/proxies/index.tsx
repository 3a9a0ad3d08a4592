/**
 * 家属代理 (`?seniorId=`): the senior's family proxies, confirmed and waiting. The senior (or the
 * 居委 social worker) agrees to or refuses a request and removes a proxy; a proxy may step down; at
 * the desk the social worker adds a registered family member by phone. Each act has a second step in place.
 */
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { ProxyView } from '@core/api';
import { ConfirmStep } from '@/components/ConfirmStep';
import { Field } from '@/components/Field';
import { FailureNotice } from '@/components/FailureNotice';
import { Notice } from '@/components/Notice';
import { Screen } from '@/components/Screen';
import { Tag } from '@/components/Tag';
import { useMutation } from '@/hooks/useMutation';
import { useQuery } from '@/hooks/useQuery';
import { useShowAgain } from '@/hooks/useShowAgain';
import { dateTime } from '@/services/dates';
import { MOBILE_PHONE } from '@/services/rules';
import { Button } from '@/ui/nutui';
import { ActingBanner } from '../components/ActingBanner';
import { useActing } from '../components/useActing';
import { PhoneAndRelation } from '../components/PhoneAndRelation';
import { messages as m } from './messages';
import '@/styles/help.scss';
import './index.scss';

type Act = 'agree' | 'refuse' | 'remove' | 'quit';

export default function SeniorProxies() {
  const { acting, self, seniorId, ready } = useActing();
  const list = useQuery('seniors', 'proxies', seniorId ? { seniorId } : {}, ready);
  useShowAgain(() => void list.reload());
  const confirmProxy = useMutation('seniors', 'confirmProxy');
  const removeProxy = useMutation('seniors', 'removeProxy');
  const addProxy = useMutation('seniors', 'addProxy');
  const [pending, setPending] = useState<{ id: string; act: Act } | null>(null);
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const [phone, setPhone] = useState('');
  const [relation, setRelation] = useState('');
  const [addErrors, setAddErrors] = useState<{ phone?: string; relation?: string }>({});

  const via = acting?.via;
  const staff = via === 'socialWorker' || via === 'admin';
  const decides = via === 'self' || staff;
  const seniorName = acting?.seniorName ?? '';

  const start = (id: string, act: Act) => {
    setPending({ id, act });
    setReason('');
    setDone(null);
    confirmProxy.clearError();
    removeProxy.clearError();
  };

  const run = async (p: ProxyView, act: Act) => {
    const who = m.who(p.name, p.relation);
    const res =
      act === 'agree'
        ? await confirmProxy.run({ proxyId: p.id })
        : await removeProxy.run({ proxyId: p.id, ...(reason.trim().length >= 2 ? { reason: reason.trim() } : {}) });
    if (!res) return;
    setPending(null);
    setDone(act === 'agree' ? m.done.agree(who) : act === 'refuse' ? m.done.refuse(who) : m.done.remove(who));
    await list.reload();
  };

  const add = async () => {
    const e: typeof addErrors = {};
    if (!MOBILE_PHONE.test(phone.trim())) e.phone = m.add.phoneInvalid;
    if (!relation.trim()) e.relation = m.add.relationInvalid;
    setAddErrors(e);
    if (Object.keys(e).length || !acting) return;
    const res = await addProxy.run({ seniorId: acting.seniorId, phone: phone.trim(), relation: relation.trim() });
    if (!res) return;
    setDone(m.add.done(m.who(res.name, res.relation)));
    setPhone('');
    setRelation('');
    await list.reload();
  };

  const items = list.data?.items ?? [];
  const text = (p: ProxyView, act: Act) => {
    const who = m.who(p.name, p.relation);
    return act === 'agree' ? m.agreeText(who, seniorName) : act === 'refuse' ? m.refuseText(who) : act === 'quit' ? m.quitText(seniorName) : m.removeText(who);
  };
  const busy = confirmProxy.busy || removeProxy.busy;
  const failing = [confirmProxy, removeProxy].find((x) => x.error);

  return (
    <Screen forceElder={self}>
      <ActingBanner acting={acting} />
      <Text className='greeting'>{m.heading}</Text>
      <Text className='text field'>{m.intro}</Text>
      {done ? <Notice kind='success'>{done}</Notice> : null}
      {list.error ? <Notice kind='error'>{m.loadFailed + list.error}</Notice> : null}
      {list.data && items.length === 0 ? <Text className='text field'>{m.none}</Text> : null}

      {items.map((p) => {
        const mine = via === 'proxy' && p.userId === acting?.actorId;
        const acts: Act[] =
          p.state === 'proposed' ? (decides ? ['agree', 'refuse'] : []) : p.state === 'confirmed' ? (decides ? ['remove'] : mine ? ['quit'] : []) : [];
        const open = pending?.id === p.id ? pending.act : null;
        return (
          <View key={p.id} className='card proxy'>
            <View className='line__top'>
              <Text className='line__title'>{m.who(p.name, p.relation)}</Text>
              <Tag kind={p.state === 'confirmed' ? 'success' : 'warning'}>{m.state[p.state]}</Tag>
            </View>
            <Text className='text'>{m.phone(p.phoneMasked)}</Text>
            <Text className='line__sub'>{(p.requestedByName === p.name ? m.asked : m.added)(p.requestedByName, dateTime(p.createdAt))}</Text>
            {p.confirmedByName && p.confirmedAt ? (
              <Text className='line__sub'>{m.confirmedBy(p.confirmedByName, p.confirmedVia ? m.via[p.confirmedVia] : '', dateTime(p.confirmedAt))}</Text>
            ) : null}
            {open ? (
              <ConfirmStep
                confirmLabel={open === 'agree' ? m.agree : open === 'refuse' ? m.refuse : open === 'quit' ? m.quit : m.remove}
                busyLabel={m.working}
                busy={busy}
                backLabel={m.back}
                danger={open !== 'agree'}
                onConfirm={() => void run(p, open)}
                onBack={() => setPending(null)}
              >
                <Text className='text'>{text(p, open)}</Text>
                {open !== 'agree' ? <Field label={m.reason} placeholder={m.reasonPlaceholder} value={reason} maxlength={100} onChange={setReason} /> : null}
                {failing ? <FailureNotice of={failing} failed={m.failed} /> : null}
              </ConfirmStep>
            ) : acts.length ? (
              <View className={acts.length > 1 ? 'btn-duo' : ''}>
                {acts.map((a) => (
                  <Button
                    key={a}
                    className={acts.length > 1 ? '' : 'btn-block'}
                    type={a === 'agree' ? 'primary' : 'default'}
                    size='large'
                    block={acts.length === 1}
                    onClick={() => start(p.id, a)}
                  >
                    {a === 'agree' ? m.agree : a === 'refuse' ? m.refuse : a === 'quit' ? m.quit : m.remove}
                  </Button>
                ))}
              </View>
            ) : null}
          </View>
        );
      })}

      {staff ? (
        <View className='section card'>
          <Text className='section__title'>{m.add.title}</Text>
          <Text className='field__hint'>{m.add.hint}</Text>
          <PhoneAndRelation
            text={m.add}
            phone={phone}
            onPhone={setPhone}
            relation={relation}
            onRelation={setRelation}
            errors={{ phone: addErrors.phone ?? addProxy.fieldErrors.phone, relation: addErrors.relation ?? addProxy.fieldErrors.relation }}
          />
          <FailureNotice of={addProxy} failed={m.failed} />
          <Button className='btn-block' type='primary' size='large' block disabled={addProxy.busy} onClick={() => void add()}>
            {addProxy.busy ? m.add.working : m.add.submit}
          </Button>
        </View>
      ) : null}
    </Screen>
  );
}
