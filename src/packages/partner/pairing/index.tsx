/**
 * 结对: the suggestions for the 居委's unpaired seniors, each explained (distance and reasons);
 * the social worker confirms, changes (picks from `candidates`, ranked with reasons) or rejects
 * each one, or notes the senior's wishes (gender, dialects: `seniorPrefs`), after which the
 * suggestions are computed again; seniors without a suggestion say why; the active pairs, each of
 * which can be ended (with a reason, and whether the volunteer may be suggested for the senior again:
 * by default not; history is kept) and shows the senior's earlier pairs; the 居委's ended pairs (who,
 * from, to, why, 不再推荐 or not, with the undo). Every decision is a second step in place, never a pop-up.
 */
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { PairView, SuggestionView } from '@core/api';
import { ConfirmStep } from '@/components/ConfirmStep';
import { LoadMore } from '@/components/LoadMore';
import { FailureNotice } from '@/components/FailureNotice';
import { Notice } from '@/components/Notice';
import { Screen } from '@/components/Screen';
import { Tag } from '@/components/Tag';
import { TextArea } from '@/components/TextArea';
import { useMutation } from '@/hooks/useMutation';
import { usePaged } from '@/hooks/usePaged';
import { useQuery } from '@/hooks/useQuery';
import { useSession } from '@/hooks/useSession';
import { commonMessages } from '@/messages/common';
import { dateTime } from '@/services/dates';
import { useParam } from '@/services/routes';
import { AllowAgain } from '../components/AllowAgain';
import { BigChoices } from '../components/BigChoices';
import { AgainLine, PairHistory } from '../components/PairHistory';
import { SeniorPrefsForm } from '../components/SeniorPrefsForm';
import { StaffOnly, isPairingStaff } from '../components/StaffOnly';
import { partnerMessages as pm } from '../components/messages';
import { Button } from '@/ui/nutui';
import { messages as m } from './messages';
import '../components/partner.scss';
import './index.scss';

type Mode = { seniorId: string; kind: 'change' | 'reject' | 'prefs' } | null;

function Reasons({ reasons }: { reasons: string[] }) {
  return (
    <View className='pt-reasons'>
      {reasons.map((r) => (
        <Text key={r} className='text pt-reason'>
          · {r}
        </Text>
      ))}
    </View>
  );
}

function Candidates({ seniorId, onPick, busy }: { seniorId: string; onPick: (volunteerId: string, name: string) => void; busy: boolean }) {
  const list = useQuery('partners', 'candidates', { seniorId, limit: 10 });
  if (list.loading && !list.data) return <Text className='loading'>{commonMessages.loading}</Text>;
  if (list.error) return <Notice kind='error'>{m.loadFailed + list.error}</Notice>;
  const items = list.data?.items ?? [];
  if (!items.length) return <Text className='text'>{m.noCandidates}</Text>;
  return (
    <View>
      {items.map((c) => (
        <View key={c.volunteerId} className='line pt-candidate'>
          <Text className='line__title'>{c.volunteerName}</Text>
          <Text className='muted pt-line'>
            {m.estate(c.volunteerEstate)} · {m.room(c.room)}
          </Text>
          <Reasons reasons={c.reasons} />
          <Button className='btn-block' size='large' block disabled={busy} onClick={() => onPick(c.volunteerId, c.volunteerName)}>
            {m.pick}
          </Button>
        </View>
      ))}
    </View>
  );
}

/** The wishes form for one senior, filled with what is noted now (the card carries them). */
function PrefsFor({ seniorId, onSaved, onCancel }: { seniorId: string; onSaved: () => void; onCancel: () => void }) {
  const card = useQuery('partners', 'card', { seniorId });
  if (card.error) return <Notice kind='error'>{m.loadFailed + card.error}</Notice>;
  if (!card.data) return <Text className='loading'>{commonMessages.loading}</Text>;
  return (
    <SeniorPrefsForm seniorId={seniorId} genderPreference={card.data.genderPreference} dialects={card.data.dialects} onSaved={onSaved} onCancel={onCancel} />
  );
}

/** `note`: what was just done to this pair, said where the social worker is looking (the page top is far up). */
function EndedPair({ p, note, onAllowed }: { p: PairView; note: string | null; onAllowed: (pairId: string, text: string) => void }) {
  return (
    <View className='card pt-pair pt-pair--ended'>
      <View className='pt-history__head'>
        <Text className='pt-senior__name'>{m.line(p.seniorName, p.volunteerName)}</Text>
        <Tag kind='neutral' icon='–'>
          {pm.history.ended}
        </Tag>
      </View>
      <Text className='text pt-line'>{pm.history.from(dateTime(p.createdAt))}</Text>
      {p.endedAt ? <Text className='text pt-line'>{pm.history.to(dateTime(p.endedAt))}</Text> : null}
      {p.endReason ? <Text className='text pt-line'>{pm.history.why(p.endReason)}</Text> : null}
      {p.endedByName ? <Text className='text pt-line'>{pm.history.by(p.endedByName)}</Text> : null}
      {p.excluded !== null ? <AgainLine excluded={p.excluded} /> : null}
      {note ? <Notice kind='success'>{note}</Notice> : null}
      {p.excluded ? (
        <AllowAgain
          seniorId={p.seniorId}
          seniorName={p.seniorName}
          volunteerId={p.volunteerId}
          volunteerName={p.volunteerName}
          onDone={(text) => onAllowed(p.id, text)}
        />
      ) : null}
    </View>
  );
}

export default function Pairing() {
  const { me } = useSession('registered');
  const staff = isPairingStaff(me?.roles);
  const ready = !!me?.registered && staff;
  const focusId = useParam('seniorId');
  const suggest = useQuery('partners', 'suggest', {}, ready);
  const pairs = usePaged('partners', 'pairs', { state: 'active', limit: 20 }, ready);
  const endedPairs = usePaged('partners', 'pairs', { state: 'ended', limit: 10 }, ready);
  const [historyOf, setHistoryOf] = useState<string | null>(null);
  const confirm = useMutation('partners', 'confirm');
  const reject = useMutation('partners', 'reject');
  const end = useMutation('partners', 'end');
  const [mode, setMode] = useState<Mode>(null);
  const [reason, setReason] = useState('');
  const [ending, setEnding] = useState<string | null>(null);
  const [endReason, setEndReason] = useState('');
  /** May the volunteer be suggested for this senior again? Default no (the social worker's usual wish). */
  const [endAgain, setEndAgain] = useState<'no' | 'yes'>('no');
  const [done, setDone] = useState<string | null>(null);
  const [allowedPair, setAllowedPair] = useState<{ id: string; text: string } | null>(null);

  const refresh = () => {
    setAllowedPair(null);
    void suggest.reload();
    void pairs.reload();
    void endedPairs.reload();
  };

  const doConfirm = async (s: SuggestionView, volunteerId: string, volunteerName: string) => {
    setDone(null);
    const res = await confirm.run({ pairs: [{ seniorId: s.seniorId, volunteerId }] });
    if (!res) return;
    setMode(null);
    setDone(m.confirmed(s.seniorName, volunteerName));
    refresh();
  };
  const doReject = async (s: SuggestionView) => {
    setDone(null);
    const res = await reject.run({ seniorId: s.seniorId, volunteerId: s.volunteerId, ...(reason.trim() ? { reason: reason.trim() } : {}) });
    if (!res) return;
    setMode(null);
    setReason('');
    setDone(m.rejected);
    refresh();
  };
  const doEnd = async (pairId: string) => {
    setDone(null);
    const res = await end.run({ pairId, reason: endReason.trim(), suggestAgain: endAgain === 'yes' });
    if (!res) return;
    setEnding(null);
    setEndReason('');
    setEndAgain('no');
    setDone(res.excluded ? m.endedNotAgain(res.seniorName, res.volunteerName) : m.endedMayAgain);
    refresh();
  };
  const allowed = (text: string) => {
    setDone(text);
    refresh();
  };

  const data = suggest.data;
  const busy = confirm.busy || reject.busy;
  // Opened for one senior (`?seniorId=`, e.g. right after registering her): her suggestion comes first.
  const focused = data && focusId ? (data.suggestions.find((s) => s.seniorId === focusId) ?? null) : null;
  const suggestions = data ? (focused ? [focused, ...data.suggestions.filter((s) => s !== focused)] : data.suggestions) : [];
  const focusedUnassigned = data && data.volunteers > 0 && focusId && !focused ? (data.unassigned.find((u) => u.seniorId === focusId) ?? null) : null;
  const focusedPair = focusId ? (pairs.items.find((p) => p.seniorId === focusId) ?? null) : null;

  if (me?.registered && !staff) return <StaffOnly />;

  return (
    <Screen>
      <Text className='greeting'>{m.heading}</Text>
      <Text className='text field'>{m.intro}</Text>
      {done ? <Notice kind='success'>{done}</Notice> : null}
      <FailureNotice of={confirm} failed={m.failed} />

      <View className='section'>
        <Text className='section__title'>{m.suggestions}</Text>
        {suggest.error ? <Notice kind='error'>{m.loadFailed + suggest.error}</Notice> : null}
        {suggest.loading && !data ? <Text className='loading'>{commonMessages.loading}</Text> : null}
        {data ? <Text className='muted field'>{m.summary(data.seniors, data.volunteers)}</Text> : null}
        {data && data.volunteers > 0 && focusId && !focused ? (
          <Notice kind='info'>
            {focusedUnassigned
              ? m.focusUnassigned(focusedUnassigned.seniorName, focusedUnassigned.text)
              : focusedPair
                ? m.focusPaired(focusedPair.seniorName, focusedPair.volunteerName)
                : m.focusNone}
          </Notice>
        ) : null}
        {/* No 老伙伴 at all (a new street): say that, not that each senior is too far from one. */}
        {data && data.volunteers === 0 && data.seniors > 0 ? <Notice kind='info'>{m.noPartnersYet}</Notice> : null}
        {data && data.suggestions.length === 0 && !(data.volunteers === 0 && data.seniors > 0) ? <Text className='text field'>{m.noSuggestions}</Text> : null}
        {suggestions.map((s) => {
          const open = mode?.seniorId === s.seniorId ? mode.kind : null;
          return (
            <View key={s.seniorId} className='card pt-suggestion'>
              {s === focused ? <Text className='pt-focus'>{m.focus}</Text> : null}
              <Text className='pt-senior__name'>{m.line(s.seniorName, s.volunteerName)}</Text>
              <Text className='muted pt-line'>{m.estate(s.volunteerEstate)}</Text>
              <Reasons reasons={s.reasons} />
              {!open ? (
                <View className='btn-row'>
                  <Button
                    className='btn-block'
                    type='primary'
                    size='large'
                    block
                    disabled={busy}
                    onClick={() => void doConfirm(s, s.volunteerId, s.volunteerName)}
                  >
                    {confirm.busy ? m.confirming : m.confirm}
                  </Button>
                  <Button className='btn-block' size='large' block onClick={() => setMode({ seniorId: s.seniorId, kind: 'change' })}>
                    {m.change}
                  </Button>
                  <Button className='btn-block' size='large' block onClick={() => setMode({ seniorId: s.seniorId, kind: 'reject' })}>
                    {m.reject}
                  </Button>
                  <Button
                    className='btn-block'
                    size='large'
                    block
                    onClick={() => {
                      setDone(null);
                      setMode({ seniorId: s.seniorId, kind: 'prefs' });
                    }}
                  >
                    {m.prefs}
                  </Button>
                </View>
              ) : null}
              {open === 'prefs' ? (
                <View className='section'>
                  <PrefsFor
                    seniorId={s.seniorId}
                    onSaved={() => {
                      setMode(null);
                      setDone(m.prefsSaved(s.seniorName));
                      void suggest.reload();
                    }}
                    onCancel={() => setMode(null)}
                  />
                </View>
              ) : null}
              {open === 'change' ? (
                <View className='section'>
                  <Text className='section__title'>{m.candidatesTitle(s.seniorName)}</Text>
                  <Candidates seniorId={s.seniorId} busy={busy} onPick={(id, name) => void doConfirm(s, id, name)} />
                  <Button className='btn-block' size='large' block onClick={() => setMode(null)}>
                    {m.back}
                  </Button>
                </View>
              ) : null}
              {open === 'reject' ? (
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
                    backLabel={m.back}
                    onConfirm={() => void doReject(s)}
                    onBack={() => setMode(null)}
                  >
                    <Text className='text'>{m.rejectText(s.seniorName, s.volunteerName)}</Text>
                    <FailureNotice of={reject} failed={m.failed} />
                  </ConfirmStep>
                </View>
              ) : null}
            </View>
          );
        })}
        {data?.unassigned.length && data.volunteers > 0 ? (
          <View className='card'>
            <Text className='section__title'>{m.unassigned}</Text>
            {data.unassigned.map((u) => (
              <View key={u.seniorId} className='line'>
                <Text className='line__title'>{u.seniorName}</Text>
                <Text className='text pt-line'>{u.text}</Text>
              </View>
            ))}
          </View>
        ) : null}
      </View>

      <View className='section'>
        <Text className='section__title'>{m.pairs}</Text>
        {pairs.error ? <Notice kind='error'>{m.loadFailed + pairs.error}</Notice> : null}
        {pairs.loaded && pairs.items.length === 0 ? <Text className='text'>{m.noPairs}</Text> : null}
        {pairs.items.map((p) => (
          <View key={p.id} className='card pt-pair'>
            <Text className='pt-senior__name'>{m.line(p.seniorName, p.volunteerName)}</Text>
            <Text className='muted pt-line'>{m.since(p.createdByName, dateTime(p.createdAt))}</Text>
            {p.unmet?.length ? <Notice kind='warning'>{m.unmet(p.unmet.join('；'))}</Notice> : null}
            {ending === p.id ? (
              <View className='section'>
                <TextArea
                  label={m.endReason}
                  placeholder={m.endPlaceholder}
                  value={endReason}
                  maxlength={200}
                  error={end.fieldErrors.reason}
                  onChange={setEndReason}
                />
                <BigChoices<'no' | 'yes'>
                  label={m.again.label(p.volunteerName, p.seniorName)}
                  options={[
                    { value: 'no', label: m.again.no, hint: m.again.noHint, icon: '✕' },
                    { value: 'yes', label: m.again.yes, hint: m.again.yesHint, icon: '↺' },
                  ]}
                  value={endAgain}
                  onChange={setEndAgain}
                  error={end.fieldErrors.suggestAgain}
                />
                <ConfirmStep
                  confirmLabel={m.endConfirm}
                  busyLabel={m.ending}
                  busy={end.busy}
                  danger
                  backLabel={m.back}
                  onConfirm={() => void doEnd(p.id)}
                  onBack={() => setEnding(null)}
                >
                  <Text className='text'>{m.endText(p.seniorName, p.volunteerName)}</Text>
                  <Text className='text'>
                    {endAgain === 'no' ? m.again.noText(p.seniorName, p.volunteerName) : m.again.yesText(p.seniorName, p.volunteerName)}
                  </Text>
                  <FailureNotice of={end} failed={m.failed} />
                </ConfirmStep>
              </View>
            ) : (
              <View className='btn-row'>
                <Button className='btn-block' size='large' block onClick={() => setHistoryOf(historyOf === p.seniorId ? null : p.seniorId)}>
                  {historyOf === p.seniorId ? m.hideHistory : m.showHistory}
                </Button>
                <Button
                  className='btn-block'
                  size='large'
                  block
                  onClick={() => {
                    setEndAgain('no');
                    setEnding(p.id);
                  }}
                >
                  {m.end}
                </Button>
              </View>
            )}
            {historyOf === p.seniorId && ending !== p.id ? (
              <View className='section'>
                <Text className='section__title'>{pm.history.endedTitle}</Text>
                <PairHistory seniorId={p.seniorId} endedOnly onChanged={allowed} />
              </View>
            ) : null}
          </View>
        ))}
        <LoadMore next={pairs.next} loading={pairs.loading} onMore={() => void pairs.more()} quietEnd={pairs.items.length === 0} />
      </View>

      <View className='section'>
        <Text className='section__title'>{m.endedTitle}</Text>
        <Text className='text field'>{m.endedIntro}</Text>
        {endedPairs.error ? <Notice kind='error'>{m.loadFailed + endedPairs.error}</Notice> : null}
        {endedPairs.loaded && endedPairs.items.length === 0 ? <Text className='text'>{m.noEnded}</Text> : null}
        {endedPairs.items.map((p) => (
          <EndedPair
            key={p.id}
            p={p}
            note={allowedPair?.id === p.id ? allowedPair.text : null}
            onAllowed={(id, text) => {
              allowed(text);
              setAllowedPair({ id, text });
            }}
          />
        ))}
        <LoadMore next={endedPairs.next} loading={endedPairs.loading} onMore={() => void endedPairs.more()} quietEnd={endedPairs.items.length === 0} />
      </View>
    </Screen>
  );
}
