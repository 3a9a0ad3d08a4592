/**
 * 老人卡片 (`?seniorId=`), for the senior's partner and the staff of the senior's 居委 (the server
 * refuses anyone else): facts without the door, wishes, partner, the contact schedule, open alerts,
 * the contact history (paged; a contact with a health note is marked); the address, phone, emergency
 * contacts and (when the senior agreed separately to have her health recorded) the latest health
 * notes only on "查看", each opening logged by the back end: the page says so at the top. Staff also
 * edit the senior's wishes in place, open 更正地址和位置, and see every pair of the senior (ended ones: who, when, why), and
 * which volunteers are no longer suggested for the senior (不再推荐 / 不采用), with the undo.
 */
import { Text, View } from '@tarojs/components';
import { AlertHandling } from '@/components/AlertHandling';
import { alertMessages } from '@/messages/alerts';
import { useState } from 'react';
import type { PartnersResults } from '@core/api';
import { CallButtons } from '@/components/CallButtons';
import { LoadMore } from '@/components/LoadMore';
import { Notice } from '@/components/Notice';
import { Screen } from '@/components/Screen';
import { Tag } from '@/components/Tag';
import { usePaged } from '@/hooks/usePaged';
import { useQuery } from '@/hooks/useQuery';
import { useSession } from '@/hooks/useSession';
import { useShowAgain } from '@/hooks/useShowAgain';
import { commonMessages } from '@/messages/common';
import { call, errorMessage } from '@/services/api';
import { dateTime } from '@/services/dates';
import { DueLine } from '../components/DueLine';
import { ROUTES, go, useParam } from '@/services/routes';
import { Button } from '@/ui/nutui';
import { Kv } from '@/components/Kv';
import { NotSuggested } from '../components/NotSuggested';
import { PairHistory } from '../components/PairHistory';
import { SeniorPrefsForm } from '../components/SeniorPrefsForm';
import { StatusTag } from '../components/StatusTag';
import { partnerMessages as pm } from '../components/messages';
import { lastContactText } from '../components/lastContactText';
import { messages as m } from './messages';
import { LoggedNote } from '@/components/LoggedNote';
import '../components/partner.scss';
import './index.scss';

type Field = PartnersResults['reveal']['field'];
type Revealed = Partial<Record<Field, PartnersResults['reveal']>>;

export default function SeniorCardPage() {
  const seniorId = useParam('seniorId');
  const { me } = useSession('registered');
  const ready = !!me?.registered && !!seniorId;
  const card = useQuery('partners', 'card', { seniorId }, ready);
  const contacts = usePaged('partners', 'contacts', { seniorId, limit: 10 }, ready);
  const [shown, setShown] = useState<Revealed>({});
  const [revealError, setRevealError] = useState<string | null>(null);
  const [editPrefs, setEditPrefs] = useState(false);
  const [prefsSaved, setPrefsSaved] = useState(false);
  const [againDone, setAgainDone] = useState<string | null>(null);
  useShowAgain(() => {
    void card.reload();
    void contacts.reload();
    // Health notes opened before may be out of date (a contact logged, her consent withdrawn): open again.
    setShown((s) => ({ ...s, health: undefined }));
  });

  // `reveal` is a read, but each opening is logged: call it only on a tap, never on load.
  const open = async (field: Field) => {
    setRevealError(null);
    try {
      const res = await call('partners', 'reveal', { seniorId, field });
      setShown((s) => ({ ...s, [field]: res }));
    } catch (e) {
      setRevealError(errorMessage(e));
    }
  };

  const c = card.data;
  if (!c) {
    return (
      <Screen>
        <LoggedNote text={m.logged} />
        {!seniorId ? (
          <Notice kind='warning'>{commonMessages.missingTarget}</Notice>
        ) : card.error ? (
          <Notice kind='error'>{m.loadFailed + card.error}</Notice>
        ) : (
          <Text className='loading'>{commonMessages.loading}</Text>
        )}
      </Screen>
    );
  }

  const addr = shown.address?.address;
  const ph = shown.phone;
  const ec = shown.emergencyContacts?.emergencyContacts;
  // Never shown once her consent is gone, even if opened before.
  const notes = c.healthConsent ? shown.health?.healthNotes : undefined;

  return (
    <Screen>
      <Text className='greeting'>{m.heading(c.name)}</Text>
      <LoggedNote text={c.as === 'partner' ? m.loggedPartner : m.logged} />

      <View className='card'>
        <Kv k={m.age} v={pm.age(c.age)} />
        <Kv k={m.committee} v={c.committeeName} />
        {/* The estate's name, or (an address off the street's list) its first characters: say which. */}
        <Kv k={c.addressHint.endsWith('…') ? m.areaHint : m.area} v={c.addressHint} />
        <Kv k={m.alone} v={c.livingAlone ? m.yes : m.no} />
        <Kv k={m.partner} v={c.partner ? m.partnerLine(c.partner.name, dateTime(c.partner.since)) : m.noPartner} />
        <Kv
          k={m.wishes}
          v={
            [c.genderPreference ? m.genderWish(pm.genders[c.genderPreference]) : '', c.dialects.length ? m.dialects(c.dialects.join('、')) : '']
              .filter(Boolean)
              .join('；') || m.noWish
          }
        />
      </View>

      {c.as === 'staff' ? (
        <View className='section'>
          {prefsSaved ? <Notice kind='success'>{pm.prefs.saved}</Notice> : null}
          {editPrefs ? (
            <View className='card'>
              <SeniorPrefsForm
                seniorId={c.seniorId}
                genderPreference={c.genderPreference}
                dialects={c.dialects}
                onSaved={() => {
                  setEditPrefs(false);
                  setPrefsSaved(true);
                  void card.reload();
                }}
                onCancel={() => setEditPrefs(false)}
              />
            </View>
          ) : (
            <View className='btn-row'>
              <Button
                className='btn-block'
                size='large'
                block
                onClick={() => {
                  setPrefsSaved(false);
                  setEditPrefs(true);
                }}
              >
                {pm.prefs.edit}
              </Button>
              <Button className='btn-block' size='large' block onClick={() => go(ROUTES.socialRelocate, { id: c.seniorId })}>
                {m.relocate}
              </Button>
            </View>
          )}
        </View>
      ) : null}

      <View className='section'>
        <Text className='section__title'>{m.schedule}</Text>
        <View className='card'>
          <StatusTag schedule={c.schedule} />
          {c.schedule.weather ? <Tag kind='warning'>{pm.weather}</Tag> : null}
          <Text className='text pt-line'>{lastContactText(c.schedule)}</Text>
          {c.schedule.dueAt && c.schedule.status !== 'contacted' && c.schedule.status !== 'unreachable' ? <DueLine dueAt={c.schedule.dueAt} /> : null}
        </View>
        {c.as === 'partner' ? (
          <Button className='btn-block' type='primary' size='large' block onClick={() => go(ROUTES.partnerLog, { seniorId: c.seniorId, name: c.name })}>
            {m.log}
          </Button>
        ) : null}
      </View>

      {c.openAlerts.length ? (
        <View className='section'>
          <Text className='section__title'>{m.openAlertsTitle}</Text>
          {c.openAlerts.map((a) => (
            <View key={a.id} className='alert-card' hoverClass='role-card--pressed' ariaRole='link' onClick={() => go(ROUTES.alertDetail, { id: a.id })}>
              <Text className='alert-card__icon'>!</Text>
              <View className='alert-card__body'>
                <Text className='alert-card__title'>{alertMessages.label(a)}</Text>
                <Text className='text'>{alertMessages.raised(a, dateTime(a.raisedAt))}</Text>
                <AlertHandling alert={a} />
              </View>
              <Text className='pt-go'>{m.open} ›</Text>
            </View>
          ))}
        </View>
      ) : null}

      <View className='section'>
        <Text className='section__title'>{m.reveal}</Text>
        {revealError ? <Notice kind='error'>{m.failed + revealError}</Notice> : null}
        <View className='card'>
          {addr !== undefined ? <Kv k={m.address} v={addr} /> : null}
          {ph || !c.hasPhone ? <Kv k={m.phone} v={ph?.phone ?? m.noPhone} /> : null}
          {ec ? <Kv k={m.contacts} v={ec.length ? ec.map((x) => m.contactWho(x.relation, x.name)).join('、') : m.noContacts} /> : null}
          {addr === undefined ? (
            <Button className='btn-block' size='large' block onClick={() => void open('address')}>
              {m.showAddress}
            </Button>
          ) : null}
          {!ph && c.hasPhone ? (
            <Button className='btn-block' size='large' block onClick={() => void open('phone')}>
              {m.showPhone}
            </Button>
          ) : null}
          {!ec && c.as === 'staff' ? (
            <Button className='btn-block' size='large' block onClick={() => void open('emergencyContacts')}>
              {m.showContacts}
            </Button>
          ) : null}
        </View>
        <CallButtons
          targets={[
            ...(ph?.phone ? [{ key: 'senior', who: m.callSenior(c.name), phone: ph.phone }] : []),
            ...(ec ?? []).map((x, i) => ({ key: `c${i}`, who: m.contactWho(x.relation, x.name), phone: x.phone })),
          ]}
        />
      </View>

      <View className='section pt-health'>
        <Text className='section__title'>{m.health.title}</Text>
        {c.healthConsent ? (
          <View className='card'>
            <Text className='text pt-health__about'>{notes ? m.health.seen : m.health.logged}</Text>
            {!notes ? (
              <Button className='btn-block' size='large' block onClick={() => void open('health')}>
                {m.health.show}
              </Button>
            ) : notes.length ? (
              <>
                <Text className='line__sub'>{m.health.count(notes.length)}</Text>
                {notes.map((x) => (
                  <View key={x.contactId} className='line pt-health__note'>
                    <Text className='line__sub'>{m.health.when(dateTime(x.at), x.volunteerName)}</Text>
                    <Text className='text pt-health__text'>{x.text}</Text>
                  </View>
                ))}
              </>
            ) : (
              <Text className='text'>{m.health.none}</Text>
            )}
          </View>
        ) : (
          <Text className='text'>{m.health.noConsent}</Text>
        )}
      </View>

      {c.as === 'staff' ? (
        <View className='section'>
          <Text className='section__title'>{m.history}</Text>
          {againDone ? <Notice kind='success'>{againDone}</Notice> : null}
          <View className='card'>
            <PairHistory seniorId={c.seniorId} onChanged={setAgainDone} />
          </View>
          <NotSuggested seniorId={c.seniorId} onDone={setAgainDone} />
        </View>
      ) : null}

      <View className='section'>
        <Text className='section__title'>{m.recent}</Text>
        {contacts.error ? <Notice kind='error'>{m.loadFailed + contacts.error}</Notice> : null}
        {contacts.loaded && contacts.items.length === 0 ? <Text className='text'>{m.noContactsYet}</Text> : null}
        {contacts.items.length ? (
          <View className='card'>
            {contacts.items.map((x) => (
              <View key={x.id} className='line pt-contact'>
                <Text className='line__sub'>{dateTime(x.at)}</Text>
                <Text className='line__title pt-line'>{m.contactLine(x.channelText, x.outcomeText, x.volunteerName)}</Text>
                {x.needsText.length ? <Text className='text pt-line'>{m.needs(x.needsText.join('、'))}</Text> : null}
                {x.followUp ? <Text className='text pt-line'>{m.followUp(x.followUp)}</Text> : null}
                {x.note ? <Text className='text pt-line'>{m.note(x.note)}</Text> : null}
                {x.hasHealth ? <Tag kind='info'>{m.hasHealth}</Tag> : null}
                {m.record[x.recordState] ? (
                  <Tag kind={x.recordState === 'approved' ? 'success' : x.recordState === 'rejected' ? 'error' : 'neutral'}>{m.record[x.recordState]}</Tag>
                ) : null}
              </View>
            ))}
          </View>
        ) : null}
        <LoadMore next={contacts.next} loading={contacts.loading} onMore={() => void contacts.more()} quietEnd={contacts.items.length === 0} />
      </View>
    </Screen>
  );
}
