/**
 * 老人档案 (`?id=`): the whole record for the 居委 staff (opening it is logged by the back end, and the
 * page says so): phone, address, living alone, special difficulty, emergency contacts (with call
 * buttons), consent (and the separate ones for activity photos and for the 老伙伴 to record her
 * health), proxies; links to act for the senior (desk mode), the proxies and the history; an
 * edit form in place (`seniors.update`); the address and map point are corrected on their own page
 * (更正地址和位置, `seniors.relocate`), which tells the partner and replaces the point pairing uses.
 * At the bottom, 注销老人档案 leads to its own page (`seniors.closeCheck` / `seniors.close`).
 */
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { SeniorDetail } from '@core/api';
import { isPhoneNumber } from '@/services/rules';
import { CallButtons } from '@/components/CallButtons';
import { Choices } from '@/components/Choices';
import { Field } from '@/components/Field';
import { FailureNotice } from '@/components/FailureNotice';
import { Notice } from '@/components/Notice';
import { Screen } from '@/components/Screen';
import { useMutation } from '@/hooks/useMutation';
import { useQuery } from '@/hooks/useQuery';
import { useSession } from '@/hooks/useSession';
import { useShowAgain } from '@/hooks/useShowAgain';
import { commonMessages } from '@/messages/common';
import { dateTime } from '@/services/dates';
import { ROUTES, go, useParam } from '@/services/routes';
import { Button } from '@/ui/nutui';
import { PhotoConsentCard } from '@/components/PhotoConsentCard';
import { HealthConsentCard } from '@/components/HealthConsentCard';
import { WechatBindingCard } from '../components/WechatBindingCard';
import { messages as m } from './messages';
import '../components/social.scss';
import { Kv } from '@/components/Kv';
import { LoggedNote } from '@/components/LoggedNote';
import './index.scss';

interface EditForm {
  phone: string;
  alone: string;
  difficulty: string;
  contacts: Array<{ name: string; relation: string; phone: string }>;
}

const fromDetail = (d: SeniorDetail): EditForm => ({
  phone: d.phone ?? '',
  alone: d.livingAlone ? 'yes' : 'no',
  difficulty: d.specialDifficulty ? 'yes' : 'no',
  contacts: d.emergencyContacts.map((c) => ({ ...c })),
});

export default function SocialSenior() {
  const id = useParam('id');
  const { me } = useSession('registered');
  const detail = useQuery('seniors', 'detail', { seniorId: id }, !!me?.registered && !!id);
  const update = useMutation('seniors', 'update');
  const [edit, setEdit] = useState<EditForm | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState<string | null>(null);
  // Back from 更正地址和位置: show the corrected address (reading it again is logged like any opening).
  useShowAgain(() => void detail.reload());

  const d = detail.data;
  const f = m.facts;

  const save = async () => {
    if (!d || !edit) return;
    const e: Record<string, string> = {};
    if (edit.phone.trim() && !isPhoneNumber(edit.phone.trim())) e.phone = m.edit.phoneInvalid;
    edit.contacts.forEach((c, i) => {
      if (!c.name.trim() || !c.relation.trim() || !isPhoneNumber(c.phone.trim())) e[`c${i}`] = m.edit.contactInvalid;
    });
    setErrors(e);
    if (Object.keys(e).length) return;
    const before = fromDetail(d);
    const phone = edit.phone.trim();
    const contacts = edit.contacts.map((c) => ({ name: c.name.trim(), relation: c.relation.trim(), phone: c.phone.trim() }));
    const patch = {
      ...(phone !== before.phone ? { phone: phone || null } : {}),
      ...(edit.alone !== before.alone ? { livingAlone: edit.alone === 'yes' } : {}),
      ...(edit.difficulty !== before.difficulty ? { specialDifficulty: edit.difficulty === 'yes' } : {}),
      ...(JSON.stringify(contacts) !== JSON.stringify(before.contacts) ? { emergencyContacts: contacts } : {}),
    };
    if (Object.keys(patch).length === 0) {
      setSaved(m.edit.nothing);
      setEdit(null);
      return;
    }
    if (await update.run({ seniorId: d.id, ...patch })) {
      setEdit(null);
      setSaved(m.edit.saved);
      await detail.reload();
    }
  };

  // A failed reload hides the record too: back from 注销老人档案 the record is gone (NOT_FOUND), and
  // what is still in memory must not look current.
  if (!d || detail.error) {
    return (
      <Screen>
        <LoggedNote text={m.logged} />
        {detail.error ? <Notice kind='error'>{m.loadFailed + detail.error}</Notice> : <Text className='loading'>{commonMessages.loading}</Text>}
      </Screen>
    );
  }

  const setContact = (i: number, key: 'name' | 'relation' | 'phone', v: string) =>
    edit && setEdit({ ...edit, contacts: edit.contacts.map((c, j) => (j === i ? { ...c, [key]: v } : c)) });

  return (
    <Screen>
      <Text className='greeting'>{d.name}</Text>
      <LoggedNote text={m.logged} />
      {saved ? <Notice kind='success'>{saved}</Notice> : null}

      <View className='btn-row'>
        <Button className='btn-block' type='primary' size='large' block onClick={() => go(ROUTES.senior, { seniorId: d.id })}>
          {m.actions.desk}
        </Button>
        <Button className='btn-block' size='large' block onClick={() => go(ROUTES.seniorProxies, { seniorId: d.id })}>
          {m.actions.proxies}
        </Button>
        <Button className='btn-block' size='large' block onClick={() => go(ROUTES.socialRelocate, { id: d.id })}>
          {m.actions.relocate}
        </Button>
        <Button className='btn-block' size='large' block onClick={() => go(ROUTES.seniorHistory, { seniorId: d.id })}>
          {m.actions.history}
        </Button>
        <Button className='btn-block' size='large' block onClick={() => go(ROUTES.seniorAccess, { seniorId: d.id })}>
          {m.actions.access}
        </Button>
      </View>

      {edit ? (
        <View className='section card senior-edit'>
          <Text className='section__title'>{m.edit.title}</Text>
          <Field
            label={m.edit.phone}
            placeholder={m.edit.phonePlaceholder}
            value={edit.phone}
            maxlength={14}
            error={errors.phone ?? update.fieldErrors.phone}
            onChange={(v) => setEdit({ ...edit, phone: v })}
          />
          <Text className='field__hint'>{m.edit.addressElsewhere}</Text>
          <Choices
            label={m.edit.alone}
            options={[
              { value: 'yes', label: m.edit.yes },
              { value: 'no', label: m.edit.no },
            ]}
            value={edit.alone}
            onChange={(v) => setEdit({ ...edit, alone: v })}
          />
          <Choices
            label={m.edit.difficulty}
            options={[
              { value: 'yes', label: m.edit.yes },
              { value: 'no', label: m.edit.no },
            ]}
            value={edit.difficulty}
            onChange={(v) => setEdit({ ...edit, difficulty: v })}
          />
          {edit.contacts.map((c, i) => (
            <View key={i} className='contact-group'>
              <Field label={m.edit.contactName(i + 1)} value={c.name} maxlength={20} error={errors[`c${i}`]} onChange={(v) => setContact(i, 'name', v)} />
              <Field label={m.edit.contactRelation} value={c.relation} maxlength={10} onChange={(v) => setContact(i, 'relation', v)} />
              <Field label={m.edit.contactPhone} value={c.phone} maxlength={14} onChange={(v) => setContact(i, 'phone', v)} />
              {edit.contacts.length > 1 ? (
                <Button className='btn-block' size='large' block onClick={() => setEdit({ ...edit, contacts: edit.contacts.filter((_, j) => j !== i) })}>
                  {m.edit.removeContact}
                </Button>
              ) : null}
            </View>
          ))}
          {edit.contacts.length < 5 ? (
            <Button
              className='btn-block'
              size='large'
              block
              onClick={() => setEdit({ ...edit, contacts: [...edit.contacts, { name: '', relation: '', phone: '' }] })}
            >
              {m.edit.addContact}
            </Button>
          ) : null}
          <FailureNotice of={update} failed={m.failed} />
          <Button className='btn-block' type='primary' size='large' block disabled={update.busy} onClick={() => void save()}>
            {update.busy ? m.edit.saving : m.edit.save}
          </Button>
          <Button className='btn-block' size='large' block disabled={update.busy} onClick={() => setEdit(null)}>
            {m.edit.cancel}
          </Button>
        </View>
      ) : (
        <>
          <View className='section card senior-record'>
            <Kv k={f.age} v={f.ageLine(d.age, d.eligible)} />
            <Kv k={f.committee} v={d.committeeName} />
            <Kv k={f.phone} v={d.phone ?? f.noPhone} />
            <Kv k={f.address} v={d.address} />
            <Kv k={f.location} v={d.hasLocation ? f.hasLocation : f.noLocation} />
            <Kv k={f.alone} v={d.livingAlone ? f.yes : f.no} />
            <Kv k={f.difficulty} v={d.specialDifficulty ? f.yes : f.no} />
            <Kv
              k={f.consent}
              v={f.consentLine(
                d.consent.by === 'guardian' ? f.byGuardian(d.consent.guardianName ?? '') : f.bySenior,
                dateTime(d.consent.at),
                d.consent.version,
              )}
            />
            <Kv k={f.registered} v={f.registeredLine(d.registeredByName, dateTime(d.createdAt))} />
          </View>
          <Button
            className='btn-block'
            size='large'
            block
            onClick={() => {
              setSaved(null);
              setErrors({});
              update.clearError();
              setEdit(fromDetail(d));
            }}
          >
            {m.actions.edit}
          </Button>
        </>
      )}

      <PhotoConsentCard seniorId={d.id} consent={d.photoConsent} onChanged={detail.reload} />
      <HealthConsentCard seniorId={d.id} consent={d.healthConsent} onChanged={detail.reload} />

      <WechatBindingCard seniorId={d.id} />

      <View className='card senior-close-entry'>
        <Text className='section__title'>{m.close.title}</Text>
        <Text className='text'>{m.close.when}</Text>
        <Button className='btn-block' size='large' block onClick={() => go(ROUTES.socialClose, { id: d.id })}>
          {m.close.open}
        </Button>
      </View>

      <View className='section'>
        <Text className='section__title'>{m.contactsTitle}</Text>
        <CallButtons
          targets={[
            ...(d.phone ? [{ key: 'senior', who: m.callSenior(d.name), phone: d.phone }] : []),
            ...d.emergencyContacts.map((c, i) => ({ key: `c${i}`, who: m.contactWho(c.relation, c.name), phone: c.phone })),
          ]}
        />
      </View>

      <View className='section'>
        <Text className='section__title'>{m.proxiesTitle}</Text>
        {d.proxies.length === 0 ? <Text className='text'>{m.noProxies}</Text> : null}
        {d.proxies.map((p) => (
          <Text key={p.id} className='text'>
            {m.proxyLine(p.name, p.relation, m.proxyState[p.state])}
          </Text>
        ))}
      </View>
    </Screen>
  );
}
