/**
 * 记录联系 (`?seniorId=&name=`): a few big taps — phone or visit, then how the senior is
 * (好 / 有点担心 / 联系不上 / 紧急, each a symbol and words); needs, follow-up and note are optional
 * and below. 联系不上 and 紧急 say before saving that the 居委 and the family are alerted at once;
 * after saving, the page says what happened and links to the alert. The senior's card
 * (`partners.card`) says whether she agreed, separately, to have her health recorded: then a
 * 身体情况 field is offered; else there is none, and a notice asks not to write illness or
 * medication in the note.
 */
import { Text, View } from '@tarojs/components';
import { useEffect, useRef, useState } from 'react';
import type { LoggedContact } from '@core/api';
import { FailureNotice } from '@/components/FailureNotice';
import { Notice } from '@/components/Notice';
import { commonMessages } from '@/messages/common';
import { Screen } from '@/components/Screen';
import { TextArea } from '@/components/TextArea';
import { useMutation } from '@/hooks/useMutation';
import { useQuery } from '@/hooks/useQuery';
import { useSession } from '@/hooks/useSession';
import { ROUTES, back, go, replace, useParam } from '@/services/routes';
import { Button } from '@/ui/nutui';
import { BigChoices, type BigOption } from '../components/BigChoices';
import { partnerMessages as pm } from '../components/messages';
import { messages as m } from './messages';
import '../components/partner.scss';
import './index.scss';

type Channel = 'phone' | 'visit';
type Outcome = 'ok' | 'worried' | 'unreachable' | 'emergency';
type Need = keyof typeof pm.needs;

const OUTCOMES: ReadonlyArray<BigOption<Outcome>> = [
  { value: 'ok', label: pm.outcomes.ok, icon: '✓', hint: pm.outcomeHints.ok, tone: 'ok' },
  { value: 'worried', label: pm.outcomes.worried, icon: '!', hint: pm.outcomeHints.worried, tone: 'warn' },
  { value: 'unreachable', label: pm.outcomes.unreachable, icon: '?', hint: pm.outcomeHints.unreachable, tone: 'bad' },
  { value: 'emergency', label: pm.outcomes.emergency, icon: '‼', hint: pm.outcomeHints.emergency, tone: 'bad' },
];
const NEEDS = Object.keys(pm.needs) as Need[];

export default function LogContact() {
  const seniorId = useParam('seniorId');
  const name = useParam('name');
  const { me } = useSession('registered');
  const card = useQuery('partners', 'card', { seniorId }, !!me?.registered && !!seniorId);
  const save = useMutation('partners', 'logContact');
  const [channel, setChannel] = useState<Channel>('phone');
  const chosen = useRef(false);
  // No phone on her record: a contact is a visit, unless the partner says otherwise.
  useEffect(() => {
    if (card.data && !card.data.hasPhone && !chosen.current) setChannel('visit');
  }, [card.data]);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [needs, setNeeds] = useState<Need[]>([]);
  const [followUp, setFollowUp] = useState('');
  const [note, setNote] = useState('');
  const [health, setHealth] = useState('');
  const [missing, setMissing] = useState(false);
  const [done, setDone] = useState<LoggedContact | null>(null);

  const toggle = (n: Need) => setNeeds((xs) => (xs.includes(n) ? xs.filter((x) => x !== n) : [...xs, n]));
  const alarm = outcome === 'unreachable' || outcome === 'emergency';
  /** Only with her separate consent, as the card says now; never sent otherwise. */
  const healthAllowed = card.data?.healthConsent === true;

  const submit = async () => {
    if (!outcome) {
      setMissing(true);
      return;
    }
    setMissing(false);
    const res = await save.run({
      seniorId,
      channel,
      outcome,
      ...(needs.length ? { needs } : {}),
      ...(followUp.trim() ? { followUp: followUp.trim() } : {}),
      ...(note.trim() ? { note: note.trim() } : {}),
      ...(healthAllowed && health.trim() ? { health: health.trim() } : {}),
    });
    if (res) setDone(res);
    // Refused for the health note (her consent was withdrawn meanwhile): the card says so again.
    else void card.reload();
  };

  if (done) {
    return (
      <Screen>
        <Text className='greeting'>{m.heading(done.seniorName)}</Text>
        <Notice kind={done.alertId ? 'warning' : 'success'}>
          <Text>{m.done}</Text>
        </Notice>
        <View className='card'>
          <Text className='pt-senior__name'>
            {done.channelText} · {done.outcomeText}
          </Text>
          {done.needsText.length ? <Text className='text pt-line'>{done.needsText.join('、')}</Text> : null}
          {done.hasHealth ? <Text className='text pt-line'>{m.doneHealth}</Text> : null}
          {done.recordState === 'pending' ? <Text className='text pt-line'>{m.doneRecord}</Text> : null}
          {done.alertId ? <Text className='text pt-line'>{m.doneAlert}</Text> : null}
          {done.endedAlerts ? <Text className='text pt-line'>{m.doneEnded(done.endedAlerts)}</Text> : null}
        </View>
        {done.alertId ? (
          <Button className='btn-block' type='primary' size='large' block onClick={() => replace(ROUTES.alertDetail, { id: done.alertId ?? '' })}>
            {m.openAlert}
          </Button>
        ) : null}
        <Button className='btn-block' size='large' block onClick={() => back(ROUTES.partnerSeniors)}>
          {m.another}
        </Button>
      </Screen>
    );
  }

  return (
    <Screen>
      <Text className='greeting'>{m.heading(name || card.data?.name || '')}</Text>
      <BigChoices<Channel>
        label={m.channel}
        grid
        options={[
          { value: 'phone', label: pm.channels.phone, icon: '☎' },
          { value: 'visit', label: pm.channels.visit, icon: '⌂' },
        ]}
        value={channel}
        onChange={(c) => {
          chosen.current = true;
          setChannel(c);
        }}
      />
      <BigChoices<Outcome>
        label={m.outcome}
        options={OUTCOMES}
        value={outcome}
        onChange={setOutcome}
        error={missing ? m.pickOutcome : save.fieldErrors.outcome}
      />
      {alarm ? <Notice kind='warning'>{m.alarmNotice}</Notice> : null}

      <Text className='section__title'>{m.optional}</Text>
      <BigChoices<Need> label={m.needs} grid options={NEEDS.map((n) => ({ value: n, label: pm.needs[n] }))} values={needs} onToggle={toggle} />
      <TextArea
        label={m.followUp}
        hint={m.noPhone}
        placeholder={m.followUpPlaceholder}
        value={followUp}
        maxlength={100}
        error={save.fieldErrors.followUp}
        onChange={setFollowUp}
      />
      {healthAllowed ? (
        <TextArea
          label={m.health}
          hint={m.healthHint}
          placeholder={m.healthPlaceholder}
          value={health}
          maxlength={200}
          error={save.fieldErrors.health}
          onChange={setHealth}
        />
      ) : card.data ? (
        <Notice kind='info'>{m.noHealthConsent}</Notice>
      ) : card.error ? (
        <Notice
          kind='warning'
          action={
            <Button size='large' block onClick={() => void card.reload()}>
              {commonMessages.retry}
            </Button>
          }
        >
          {m.healthUnknown(card.error)}
        </Notice>
      ) : null}
      <TextArea label={m.note} placeholder={m.notePlaceholder} value={note} maxlength={200} error={save.fieldErrors.note} onChange={setNote} />

      <FailureNotice of={save} failed={m.failed} />
      {save.retryable ? <Notice kind='warning'>{m.retry}</Notice> : null}
      <Button className='btn-block' type='primary' size='large' block disabled={save.busy} onClick={() => void submit()}>
        {save.busy ? m.working : m.submit}
      </Button>
      <Button className='btn-block' size='large' block onClick={() => go(ROUTES.partnerCard, { seniorId })}>
        {pm.cardLink}
      </Button>
    </Screen>
  );
}
