/**
 * 亲属关联: my links (confirmed, sent, waiting for me), confirm or refuse an invitation, withdraw
 * or remove a link (a second step in place), and invite a relative by phone number.
 */
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { LinkView } from '@core/api';
import { ConfirmStep } from '@/components/ConfirmStep';
import { Field } from '@/components/Field';
import { FailureNotice } from '@/components/FailureNotice';
import { Notice } from '@/components/Notice';
import { Screen } from '@/components/Screen';
import { Tag } from '@/components/Tag';
import { useMutation } from '@/hooks/useMutation';
import { useQuery } from '@/hooks/useQuery';
import { useSession } from '@/hooks/useSession';
import { commonMessages } from '@/messages/common';
import { ROUTES, go } from '@/services/routes';
import { MOBILE_PHONE } from '@/services/rules';
import { Button } from '@/ui/nutui';
import { messages as m } from './messages';
import './index.scss';

function stateOf(l: LinkView): { kind: 'success' | 'info' | 'warning'; text: string } {
  if (l.state === 'confirmed') return { kind: 'success', text: m.state.confirmed };
  return l.direction === 'sent' ? { kind: 'info', text: m.state.sent } : { kind: 'warning', text: m.state.received };
}

export default function Relatives() {
  const { me } = useSession('registered');
  const links = useQuery('timebank', 'links', {}, !!me?.registered);
  const propose = useMutation('timebank', 'proposeLink');
  const confirm = useMutation('timebank', 'confirmLink');
  const remove = useMutation('timebank', 'removeLink');
  const [phone, setPhone] = useState('');
  const [relation, setRelation] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [asking, setAsking] = useState<string | null>(null);
  const [note, setNote] = useState<{ linkId: string | null; text: string; pending?: boolean } | null>(null);

  const items = links.data?.items ?? [];

  const doConfirm = async (l: LinkView) => {
    setNote(null);
    const res = await confirm.run({ linkId: l.id });
    if (res) {
      setNote({ linkId: l.id, text: m.confirmed });
      await links.reload();
    }
  };

  const doRemove = async (l: LinkView) => {
    setNote(null);
    const res = await remove.run({ linkId: l.id });
    setAsking(null);
    if (res) {
      setNote({ linkId: null, text: m.removed });
      await links.reload();
    }
  };

  const doPropose = async () => {
    setNote(null);
    const e: Record<string, string> = {};
    if (!MOBILE_PHONE.test(phone.trim())) e.phone = m.phone.invalid;
    if (!relation.trim()) e.relation = m.relation.invalid;
    setErrors(e);
    if (Object.keys(e).length) return;
    const res = await propose.run({ phone: phone.trim(), relation: relation.trim() });
    if (!res) return;
    setPhone('');
    setRelation('');
    // Sent, not done: whether anyone was asked depends on a number we do not reveal, so not 成功.
    setNote(res.state === 'confirmed' ? { linkId: null, text: m.proposedConfirmed(res.otherName) } : { linkId: null, text: m.proposed, pending: true });
    await links.reload();
  };

  const failing = [confirm, remove].find((x) => x.error);

  return (
    <Screen>
      <Text className='greeting'>{m.heading}</Text>
      <Text className='text'>{m.intro}</Text>
      {note ? <Notice kind={note.pending ? 'info' : 'success'}>{note.text}</Notice> : null}
      {failing ? <FailureNotice of={failing} failed={m.failed} /> : null}

      <View className='section'>
        <Text className='section__title'>{m.listTitle}</Text>
        {links.error ? <Notice kind='error'>{m.loadFailed + links.error}</Notice> : null}
        {links.loading && !links.data ? <Text className='loading'>{commonMessages.loading}</Text> : null}
        {links.data && items.length === 0 ? <Text className='muted'>{m.none}</Text> : null}
        {items.map((l) => {
          const st = stateOf(l);
          const invite = l.state === 'proposed' && l.direction === 'sent';
          const name = `${invite ? m.invitedName(l.otherPhoneMasked) : l.otherName}（${l.relation}）`;
          const removeWhat = l.state === 'confirmed' ? m.removeWhat(l.otherName) : invite ? m.withdrawWhat(l.otherPhoneMasked) : m.refuseWhat(l.otherName);
          const removeLabel = l.state === 'confirmed' ? m.remove : l.direction === 'sent' ? m.withdraw : m.refuse;
          return (
            <View key={l.id} className='card link'>
              <Text className='team__name'>{name}</Text>
              <Text className='text'>{invite ? m.invitedHint : l.otherPhoneMasked}</Text>
              <Tag kind={st.kind}>{st.text}</Tag>
              {asking === l.id ? (
                <ConfirmStep
                  confirmLabel={removeLabel}
                  busyLabel={m.working}
                  busy={remove.busy}
                  danger
                  onConfirm={() => void doRemove(l)}
                  onBack={() => setAsking(null)}
                >
                  <Text className='text'>{removeWhat}</Text>
                </ConfirmStep>
              ) : (
                <View className='btn-pair'>
                  {l.state === 'proposed' && l.direction === 'received' ? (
                    <Button type='primary' size='large' disabled={confirm.busy} onClick={() => void doConfirm(l)}>
                      {confirm.busy ? m.working : m.confirm}
                    </Button>
                  ) : null}
                  {l.state === 'confirmed' ? (
                    <Button type='primary' size='large' onClick={() => go(ROUTES.gift)}>
                      {m.toGift}
                    </Button>
                  ) : null}
                  <Button size='large' onClick={() => setAsking(l.id)}>
                    {removeLabel}
                  </Button>
                </View>
              )}
            </View>
          );
        })}
      </View>

      <View className='section card'>
        <Text className='section__title'>{m.proposeTitle}</Text>
        <Field
          label={m.phone.label}
          type='number'
          hint={m.phone.hint}
          placeholder={m.phone.placeholder}
          value={phone}
          maxlength={11}
          error={errors.phone ?? propose.fieldErrors.phone}
          onChange={setPhone}
        />
        <Field
          label={m.relation.label}
          hint={m.relation.hint}
          placeholder={m.relation.placeholder}
          value={relation}
          maxlength={10}
          error={errors.relation ?? propose.fieldErrors.relation}
          onChange={setRelation}
        />
        <FailureNotice of={propose} failed={m.failed} />
        <Button className='btn-block' type='primary' size='large' block disabled={propose.busy} onClick={() => void doPropose()}>
          {propose.busy ? m.proposing : m.propose}
        </Button>
      </View>
    </Screen>
  );
}
