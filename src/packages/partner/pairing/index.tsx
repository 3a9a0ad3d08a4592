/**
 * 结对: the suggestions for the 居委's unpaired seniors, each explained (distance and reasons);
 * the social worker confirms, changes (picks from `candidates`, ranked with reasons) or rejects
 * each one; seniors without a suggestion say why; the active pairs, each of which can be ended
 * (with a reason; history is kept). Every decision is a second step in place, never a pop-up.
 */
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { SuggestionView } from '../../../../cloudfunctions/core/api';
import { ConfirmStep } from '../../../components/ConfirmStep';
import { LoadMore } from '../../../components/LoadMore';
import { Notice } from '../../../components/Notice';
import { Screen } from '../../../components/Screen';
import { TextArea } from '../../../components/TextArea';
import { useMutation } from '../../../hooks/useMutation';
import { usePaged } from '../../../hooks/usePaged';
import { useQuery } from '../../../hooks/useQuery';
import { useSession } from '../../../hooks/useSession';
import { commonMessages } from '../../../messages/common';
import { dateTime } from '../../../services/format';
import { Button } from '../../../ui/nutui';
import { messages as m } from './messages';
import '../components/partner.scss';

type Mode = { seniorId: string; kind: 'change' | 'reject' } | null;

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

export default function Pairing() {
  const { me } = useSession('registered');
  const ready = !!me?.registered;
  const suggest = useQuery('partners', 'suggest', {}, ready);
  const pairs = usePaged('partners', 'pairs', { state: 'active', limit: 20 }, ready);
  const confirm = useMutation('partners', 'confirm');
  const reject = useMutation('partners', 'reject');
  const end = useMutation('partners', 'end');
  const [mode, setMode] = useState<Mode>(null);
  const [reason, setReason] = useState('');
  const [ending, setEnding] = useState<string | null>(null);
  const [endReason, setEndReason] = useState('');
  const [done, setDone] = useState<string | null>(null);

  const refresh = () => {
    void suggest.reload();
    void pairs.reload();
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
    const res = await end.run({ pairId, reason: endReason.trim() });
    if (!res) return;
    setEnding(null);
    setEndReason('');
    setDone(m.ended);
    refresh();
  };

  const data = suggest.data;
  const busy = confirm.busy || reject.busy;

  return (
    <Screen>
      <Text className='greeting'>{m.heading}</Text>
      <Text className='text field'>{m.intro}</Text>
      {done ? <Notice kind='success'>{done}</Notice> : null}
      {confirm.error ? <Notice kind='error'>{m.failed + confirm.error}</Notice> : null}

      <View className='section'>
        <Text className='section__title'>{m.suggestions}</Text>
        {suggest.error ? <Notice kind='error'>{m.loadFailed + suggest.error}</Notice> : null}
        {suggest.loading && !data ? <Text className='loading'>{commonMessages.loading}</Text> : null}
        {data ? <Text className='muted field'>{m.summary(data.seniors, data.volunteers)}</Text> : null}
        {data && data.suggestions.length === 0 ? <Text className='text field'>{m.noSuggestions}</Text> : null}
        {data?.suggestions.map((s) => {
          const open = mode?.seniorId === s.seniorId ? mode.kind : null;
          return (
            <View key={s.seniorId} className='card pt-suggestion'>
              <Text className='pt-senior__name'>{m.line(s.seniorName, s.volunteerName)}</Text>
              <Text className='muted pt-line'>{m.estate(s.volunteerEstate)}</Text>
              <Reasons reasons={s.reasons} />
              {!open ? (
                <View className='btn-row'>
                  <Button className='btn-block' type='primary' size='large' block disabled={busy} onClick={() => void doConfirm(s, s.volunteerId, s.volunteerName)}>
                    {confirm.busy ? m.confirming : m.confirm}
                  </Button>
                  <Button className='btn-block' size='large' block onClick={() => setMode({ seniorId: s.seniorId, kind: 'change' })}>
                    {m.change}
                  </Button>
                  <Button className='btn-block' size='large' block onClick={() => setMode({ seniorId: s.seniorId, kind: 'reject' })}>
                    {m.reject}
                  </Button>
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
                  <TextArea label={m.rejectReason} placeholder={m.rejectPlaceholder} value={reason} maxlength={200} error={reject.fieldErrors.reason} onChange={setReason} />
                  <ConfirmStep confirmLabel={m.rejectConfirm} busy={reject.busy} backLabel={m.back} onConfirm={() => void doReject(s)} onBack={() => setMode(null)}>
                    <Text className='text'>{m.rejectText(s.seniorName, s.volunteerName)}</Text>
                    {reject.error ? <Notice kind='error'>{m.failed + reject.error}</Notice> : null}
                  </ConfirmStep>
                </View>
              ) : null}
            </View>
          );
        })}
        {data?.unassigned.length ? (
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
            {ending === p.id ? (
              <View className='section'>
                <TextArea label={m.endReason} placeholder={m.endPlaceholder} value={endReason} maxlength={200} error={end.fieldErrors.reason} onChange={setEndReason} />
                <ConfirmStep confirmLabel={m.endConfirm} busyLabel={m.ending} busy={end.busy} danger backLabel={m.back} onConfirm={() => void doEnd(p.id)} onBack={() => setEnding(null)}>
                  <Text className='text'>{m.endText(p.seniorName, p.volunteerName)}</Text>
                  {end.error ? <Notice kind='error'>{m.failed + end.error}</Notice> : null}
                </ConfirmStep>
              </View>
            ) : (
              <Button className='btn-block' size='large' block onClick={() => setEnding(p.id)}>
                {m.end}
              </Button>
            )}
          </View>
        ))}
        <LoadMore next={pairs.next} loading={pairs.loading} onMore={() => void pairs.more()} quietEnd={pairs.items.length === 0} />
      </View>
    </Screen>
  );
}
