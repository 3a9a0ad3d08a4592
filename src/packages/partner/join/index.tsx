/**
 * 加入老伙伴 / 我的老伙伴资料: capacity (default 5), coarse home (an estate of the street picked
 * from `partners.estates`, whose point the server keeps to about 100 m; or an estate typed by name,
 * then without a point; on weapp also an optional map pick), the building as text, gender, dialects,
 * availability. Says what is collected and why (and what is kept of the place) before the form. A
 * volunteer not yet in the 老伙伴 team sees no form: first the apply step, then that the application
 * waits for the leader (step.ts); the form, and its 联系提醒 prompt, only once saving can succeed.
 * Saving again edits the profile.
 */
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { Field } from '@/components/Field';
import { FailureNotice } from '@/components/FailureNotice';
import { Notice } from '@/components/Notice';
import { Screen } from '@/components/Screen';
import { TextArea } from '@/components/TextArea';
import { useMutation } from '@/hooks/useMutation';
import { useQuery } from '@/hooks/useQuery';
import { useSession } from '@/hooks/useSession';
import { commonMessages } from '@/messages/common';
import { ROUTES, replace } from '@/services/routes';
import { askSubscriptions } from '@/services/subscribe';
import { Button } from '@/ui/nutui';
import { BigChoices } from '../components/BigChoices';
import { partnerMessages as pm } from '../components/messages';
import { messages as m } from './messages';
import { joinStep } from './step';
import '../components/partner.scss';
import './index.scss';

type Gender = 'female' | 'male';
type Slot = 'weekdayMorning' | 'weekdayAfternoon' | 'weekdayEvening' | 'weekend';
const SLOTS: Record<Slot, string> = { weekdayMorning: '工作日上午', weekdayAfternoon: '工作日下午', weekdayEvening: '工作日晚上', weekend: '周末' };
const CAPACITIES = ['1', '2', '3', '4', '5', '6', '7', '8'] as const;
const OTHER = 'other';
const isWeapp = process.env.TARO_ENV === 'weapp';

export default function JoinPartners() {
  const { me } = useSession('registered');
  const ready = !!me?.registered;
  const profile = useQuery('partners', 'profile', {}, ready);
  const programme = useQuery('partners', 'programme', {}, ready);
  const teams = useQuery('teams', 'mine', {}, ready);
  const estates = useQuery('partners', 'estates', {}, ready);
  const save = useMutation('partners', 'join');
  const joinTeam = useMutation('teams', 'join');
  const [capacity, setCapacity] = useState('5');
  /** An estate id of the list, or OTHER (typed in `estate`). */
  const [estateChoice, setEstateChoice] = useState<string | null>(null);
  const [estate, setEstate] = useState('');
  const [estateError, setEstateError] = useState<string | null>(null);
  const [picked, setPicked] = useState<{ latitude: number; longitude: number; name: string } | null>(null);
  const [building, setBuilding] = useState('');
  const [gender, setGender] = useState<Gender | null>(null);
  const [dialects, setDialects] = useState<string[]>([]);
  const [other, setOther] = useState('');
  const [slots, setSlots] = useState<Slot[]>([]);
  const [note, setNote] = useState('');
  const [saved, setSaved] = useState(false);
  /** The answer of applying here: a member at once (an open team), or waiting for the leader. */
  const [applied, setApplied] = useState<'member' | 'pending' | null>(null);

  useEffect(() => {
    const p = profile.data;
    if (!p || (!estates.data && !estates.error)) return;
    setCapacity(String(p.capacity));
    // Older profiles have only the estate's name: pick the listed estate of that name.
    const items = estates.data?.items ?? [];
    const listed = items.find((e) => e.id === p.estateId) ?? items.find((e) => e.name === p.estate);
    setEstateChoice(listed ? listed.id : p.estate ? OTHER : null);
    setEstate(listed ? '' : p.estate);
    setBuilding(p.building);
    setGender(p.gender);
    const known: readonly string[] = pm.dialectOptions;
    setDialects(p.dialects.filter((d) => known.includes(d)));
    setOther(p.dialects.filter((d) => !known.includes(d)).join('、'));
    setSlots(p.availability);
    setNote(p.availabilityNote);
  }, [profile.data, estates.data, estates.error]);

  if (profile.loading && !profile.data) {
    return (
      <Screen>
        <Text className='greeting'>{m.headingNew}</Text>
        <Text className='loading'>{commonMessages.loading}</Text>
      </Screen>
    );
  }

  const existing = !!profile.data && profile.data.state === 'active';
  // Who may not be a 老伙伴 (minors, outside the policy's age range) is told why, and offered no button.
  const refusal = programme.data?.joinRefusal ?? null;
  const teamId = programme.data?.teamId ?? null;
  const teamName = programme.data?.teamName ?? '老伙伴';
  const listed = teams.data?.items.find((t) => t.teamId === teamId)?.state;
  const step = joinStep({
    programmeLoaded: !!programme.data,
    refusal,
    teamId,
    leads: !!teamId && (me?.profile?.roles ?? []).some((r) => r.role === 'leader' && r.teamId === teamId),
    membership: applied === 'member' ? 'member' : teams.data ? (listed === 'member' || listed === 'pending' ? listed : null) : undefined,
    asked: applied === 'pending',
  });

  const toggleDialect = (d: string) => setDialects((xs) => (xs.includes(d) ? xs.filter((x) => x !== d) : [...xs, d]));
  const toggleSlot = (s: Slot) => setSlots((xs) => (xs.includes(s) ? xs.filter((x) => x !== s) : [...xs, s]));

  const askTeam = async () => {
    if (!teamId) return;
    const res = await joinTeam.run({ teamId });
    if (!res) return;
    setApplied(res.state === 'member' ? 'member' : 'pending');
    void teams.reload();
  };

  const pickOnMap = async () => {
    try {
      const res = await Taro.chooseLocation({});
      setPicked({ latitude: res.latitude, longitude: res.longitude, name: res.name || res.address || '' });
    } catch {
      // closed the map: nothing changes
    }
  };

  const submit = async () => {
    // Checked here too: the server names the first problem only, and the estate comes first on the page.
    setEstateError(estateChoice ? null : m.estateMissing);
    if (!estateChoice) return;
    // Asked only here, on the form a member can save: never over an error about the team.
    // The alarm chain tells a senior's 老伙伴 first: both in one WeChat prompt.
    void askSubscriptions(['contact', 'alert'], '加入老伙伴');
    const extra = other
      .split(/[、，,\s]+/)
      .map((x) => x.trim())
      .filter(Boolean);
    const res = await save.run({
      capacity: Number(capacity),
      ...(estateChoice === OTHER ? { estate: estate.trim() } : { estateId: estateChoice }),
      ...(building.trim() ? { building: building.trim() } : {}),
      ...(picked ? { location: { latitude: picked.latitude, longitude: picked.longitude } } : {}),
      gender: (gender ?? '') as Gender,
      dialects: [...dialects, ...extra.filter((x) => !dialects.includes(x))],
      availability: slots,
      ...(note.trim() ? { availabilityNote: note.trim() } : {}),
    });
    if (res) {
      setSaved(true);
      setPicked(null);
      void profile.reload();
    }
  };

  const fe = save.fieldErrors;
  const head = (
    <>
      <Text className='greeting'>{existing ? m.headingEdit : m.headingNew}</Text>
      <Text className='text field'>{m.intro}</Text>
      {profile.error ? <Notice kind='error'>{m.loadFailed + profile.error}</Notice> : null}
    </>
  );
  if (step !== 'form') {
    const loadError = programme.error ?? teams.error;
    return (
      <Screen>
        {head}
        {step === 'loading' ? (
          loadError ? (
            <Notice kind='error'>{m.loadFailed + loadError}</Notice>
          ) : (
            <Text className='loading'>{commonMessages.loading}</Text>
          )
        ) : null}
        {step === 'refused' && refusal ? <Notice kind='warning'>{refusal}</Notice> : null}
        {step === 'apply' ? (
          <View className='card pt-team-step'>
            <Text className='text'>{m.teamFirst(teamName)}</Text>
            <Button className='btn-block' type='primary' size='large' block disabled={joinTeam.busy} onClick={() => void askTeam()}>
              {joinTeam.busy ? m.teamJoining : m.teamJoin}
            </Button>
            <FailureNotice of={joinTeam} failed={m.teamFailed} />
          </View>
        ) : null}
        {step === 'waiting' ? <Notice kind='info'>{m.teamAsked(teamName)}</Notice> : null}
      </Screen>
    );
  }
  return (
    <Screen>
      {head}
      {applied === 'member' ? <Notice kind='success'>{m.teamJoined(teamName)}</Notice> : null}
      <Notice kind='info'>{m.purpose}</Notice>
      <Notice kind='info'>{m.placeNote}</Notice>
      {existing && profile.data ? <Text className='text field'>{m.load(profile.data.load, profile.data.capacity)}</Text> : null}

      <BigChoices
        label={m.capacity}
        grid
        options={CAPACITIES.map((c) => ({ value: c, label: c }))}
        value={capacity}
        onChange={setCapacity}
        error={fe.capacity}
      />
      <Text className='field__hint'>{m.capacityHint}</Text>
      {estates.error ? <Notice kind='error'>{m.estatesFailed + estates.error}</Notice> : null}
      <View className='pt-estates'>
        <BigChoices
          label={m.estate}
          grid
          options={[
            ...(estates.data?.items ?? []).map((e) => ({ value: e.id, label: e.name, hint: e.committeeName })),
            { value: OTHER, label: m.estateOther, hint: m.estateOtherHint },
          ]}
          value={estateChoice}
          onChange={(v) => {
            setEstateChoice(v);
            setEstateError(null);
          }}
          error={estateError ?? fe.estateId}
        />
      </View>
      {estateChoice === OTHER ? (
        <Field label={m.estateOtherLabel} placeholder={m.estatePlaceholder} value={estate} maxlength={30} error={fe.estate} onChange={setEstate} />
      ) : null}
      {existing && profile.data ? (
        <Text className='text field pt-place'>
          {profile.data.locationFrom === 'estate'
            ? m.placeNow.estate(profile.data.estate)
            : profile.data.locationFrom === 'map'
              ? m.placeNow.map
              : m.placeNow.none}
        </Text>
      ) : null}
      {isWeapp ? (
        <>
          {picked ? <Text className='text field'>{m.picked(picked.name)}</Text> : null}
          <Button className='btn-block' size='large' block onClick={() => void pickOnMap()}>
            {m.pickMap}
          </Button>
        </>
      ) : null}
      <Field label={m.building} placeholder={m.buildingPlaceholder} value={building} maxlength={20} error={fe.building} onChange={setBuilding} />
      <BigChoices<Gender>
        label={m.gender}
        grid
        options={[
          { value: 'female', label: pm.genders.female },
          { value: 'male', label: pm.genders.male },
        ]}
        value={gender}
        onChange={setGender}
        error={fe.gender}
      />
      <BigChoices
        label={m.dialects}
        grid
        options={pm.dialectOptions.map((d) => ({ value: d, label: d }))}
        values={dialects}
        onToggle={toggleDialect}
        error={fe.dialects}
      />
      <Field label={m.otherDialect} placeholder={m.otherDialectPlaceholder} value={other} maxlength={20} onChange={setOther} />
      <BigChoices<Slot>
        label={m.availability}
        grid
        options={(Object.keys(SLOTS) as Slot[]).map((s) => ({ value: s, label: SLOTS[s] }))}
        values={slots}
        onToggle={toggleSlot}
        error={fe.availability}
      />
      <TextArea
        label={m.availabilityNote}
        placeholder={m.availabilityNotePlaceholder}
        value={note}
        maxlength={60}
        error={fe.availabilityNote}
        onChange={setNote}
      />

      {saved ? <Notice kind='success'>{m.saved}</Notice> : null}
      <FailureNotice of={save} failed={m.failed} />
      <Button className='btn-block' type='primary' size='large' block disabled={save.busy} onClick={() => void submit()}>
        {save.busy ? m.working : existing ? m.submitEdit : m.submitNew}
      </Button>
      {existing || saved ? (
        <Button className='btn-block' size='large' block onClick={() => replace(ROUTES.partnerSeniors)}>
          {m.toSeniors}
        </Button>
      ) : null}
    </Screen>
  );
}
