/**
 * 街道管理: the people list (`admin.listUsers`, phones masked, paged) and role grant / revoke.
 * Revoking asks for a second tap in place (no dialog); results show inline under the person.
 */
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Choices } from '@/components/Choices';
import { Field } from '@/components/Field';
import { NotForYou } from '@/components/NotForYou';
import { FailureNotice } from '@/components/FailureNotice';
import { Notice } from '@/components/Notice';
import { Screen } from '@/components/Screen';
import { SubscribeCard } from '@/components/SubscribeCard';
import { TeamForm } from '@/components/TeamForm';
import { useMutation } from '@/hooks/useMutation';
import { useQuery } from '@/hooks/useQuery';
import { useSession } from '@/hooks/useSession';
import { useShowAgain } from '@/hooks/useShowAgain';
import { commonMessages } from '@/messages/common';
import { call, errorMessage, type Role, type RoleView, type UserListItem } from '@/services/api';
import { ROUTES, go } from '@/services/routes';
import { useSubscriptions } from '@/services/subscribe';
import { ROLES, ROLE_LABELS, ROLE_SCOPE } from '@/services/rules';
import { Button } from '@/ui/nutui';
import { messages as m } from './messages';
import './index.scss';

const PAGE = 20;
/** Search once typing pauses, not on every keystroke. */
const SEARCH_DELAY_MS = 400;

type Outcome = { userId: string; kind: 'granted' | 'revoked' | 'failed'; text?: string };

function roleText(r: RoleView): string {
  const where = r.teamName ?? r.committeeName ?? '';
  return where ? `${r.label}（${where}）` : r.label;
}

export default function AdminHome() {
  const { me } = useSession('registered');
  const isAdmin = !!me?.roles.includes('admin');
  const teams = useQuery('teams', 'list', {}, isAdmin);
  const options = useQuery('account', 'options', {}, isAdmin);
  const grant = useMutation('admin', 'grantRole');
  const revoke = useMutation('admin', 'revokeRole');
  const subs = useSubscriptions();
  // Only the count (one record read): the approvals page lists them.
  const reviews = useQuery('records', 'awaitingReview', { limit: 1 }, isAdmin);
  const appeals = useQuery('records', 'appeals', { limit: 1 }, isAdmin);
  // What a newly opened street still lacks: a duty roster, time in the pool, WeChat alarms for the admin.
  const roster = useQuery('alerts', 'roster', {}, isAdmin);
  const pool = useQuery('timebank', 'pool', { limit: 1 }, isAdmin);
  useShowAgain(() => {
    if (!isAdmin) return;
    void reviews.reload();
    void appeals.reload();
    void roster.reload();
    void pool.reload();
  });

  const [newTeam, setNewTeam] = useState(false);
  const [createdTeam, setCreatedTeam] = useState<{ id: string; name: string } | null>(null);
  const [users, setUsers] = useState<UserListItem[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [loading, setLoading] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);

  const [grantFor, setGrantFor] = useState<string | null>(null);
  const [role, setRole] = useState<Role | null>(null);
  const [scope, setScope] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [query, setQuery] = useState('');

  const q = query.trim();
  // The search the list shows; an answer to an older search is dropped.
  const latest = useRef('');
  const load = useCallback(async (search: string, after?: string) => {
    latest.current = search;
    setLoading(true);
    setLoadError(null);
    try {
      const page = await call('admin', 'listUsers', { limit: PAGE, ...(after ? { after } : {}), ...(search ? { query: search } : {}) });
      if (latest.current !== search) return;
      setUsers((prev) => (after ? [...prev, ...page.items] : page.items));
      setNext(page.next);
      setLoaded(true);
    } catch (e) {
      if (latest.current === search) setLoadError(errorMessage(e));
    } finally {
      if (latest.current === search) setLoading(false);
    }
  }, []);

  // The whole list at first; a search (by the server, over everyone) shortly after typing stops.
  useEffect(() => {
    if (!isAdmin) return undefined;
    const timer = setTimeout(() => void load(q), q ? SEARCH_DELAY_MS : 0);
    return () => clearTimeout(timer);
  }, [isAdmin, q, load]);

  const applyRoles = (userId: string, roles: RoleView[]) =>
    setUsers((prev) => prev.map((u) => (u.id === userId ? { ...u, roles, roleSet: [...new Set(roles.map((r) => r.role))] } : u)));

  const openGrant = (userId: string) => {
    setGrantFor(grantFor === userId ? null : userId);
    setRole(null);
    setScope(null);
    setOutcome(null);
    grant.clearError();
  };

  const doGrant = async (userId: string) => {
    if (!role) return;
    const field = ROLE_SCOPE[role];
    if (field && !scope) return;
    const res = await grant.run({ userId, role, ...(field && scope ? { [field]: scope } : {}) });
    if (res) {
      applyRoles(res.userId, res.roles);
      setGrantFor(null);
      setOutcome({ userId, kind: 'granted' });
    } else {
      setOutcome({ userId, kind: 'failed' });
    }
  };

  const doRevoke = async (userId: string, r: RoleView) => {
    const res = await revoke.run({
      userId,
      role: r.role,
      ...(r.teamId ? { teamId: r.teamId } : {}),
      ...(r.committeeId ? { committeeId: r.committeeId } : {}),
      ...(r.seniorId ? { seniorId: r.seniorId } : {}),
    });
    setConfirming(null);
    if (res) {
      applyRoles(res.userId, res.roles);
      setOutcome({ userId, kind: 'revoked' });
    } else {
      setOutcome({ userId, kind: 'failed' });
    }
  };

  const scopeOptions = (r: Role) => {
    const field = ROLE_SCOPE[r];
    if (field === 'teamId') return { label: m.chooseTeam, options: (teams.data?.items ?? []).map((t) => ({ value: t.id, label: t.name })) };
    if (field === 'committeeId') return { label: m.chooseCommittee, options: (options.data?.committees ?? []).map((c) => ({ value: c.id, label: c.name })) };
    if (field === 'seniorId')
      return {
        label: m.chooseSenior,
        options: users.filter((u) => u.roleSet.includes('senior')).map((u) => ({ value: u.id, label: `${u.name}（${u.phoneMasked}）` })),
      };
    return null;
  };

  if (!me?.profile) {
    return (
      <Screen>
        <Text className='loading'>{commonMessages.loading}</Text>
      </Screen>
    );
  }

  if (!isAdmin) return <NotForYou text={m.notAdmin} />;

  const failing = [grant, revoke].find((x) => x.error);
  const shownUsers = users;

  const alertSub = subs?.items.find((i) => i.template === 'alert');
  const firstSteps =
    roster.data && pool.data && subs
      ? [
          { key: 'people', text: m.firstSteps.people, done: null, go: () => void Taro.pageScrollTo({ selector: '#people', duration: 300 }) },
          { key: 'roster', text: m.firstSteps.roster, done: roster.data.shifts.length > 0, go: () => go(ROUTES.dutyRoster) },
          { key: 'pool', text: m.firstSteps.pool, done: pool.data.balance.balance.minutes > 0, go: () => go(ROUTES.adjustments, { target: 'pool' }) },
          {
            key: 'alert',
            text: m.firstSteps.alert,
            done: !!alertSub && (alertSub.left === null || alertSub.left > 0),
            go: () => void Taro.pageScrollTo({ selector: '#subscribe', duration: 300 }),
          },
        ]
      : [];
  // Shown until the street has a roster and time in its pool: a new street's admin sees where to start.
  const settingUp = firstSteps.some((f) => f.done === false && (f.key === 'roster' || f.key === 'pool'));

  return (
    <Screen>
      <Text className='greeting'>{m.title}</Text>
      {options.data?.street?.sample ? (
        <View className='sample-street'>
          <Notice kind='warning'>{m.sampleStreet(options.data.street.name, options.data.street.code)}</Notice>
        </View>
      ) : null}
      {settingUp ? (
        <View className='section card first-steps'>
          <Text className='section__title'>{m.firstSteps.title}</Text>
          {firstSteps.map((f) => (
            <View key={f.key} className='first-steps__row'>
              <Text className={`text first-steps__text${f.done ? ' first-steps__text--done' : ''}`}>{(f.done ? '✓ ' : '· ') + f.text}</Text>
              {!f.done ? (
                <Button size='small' onClick={f.go}>
                  {m.firstSteps.go}
                </Button>
              ) : null}
            </View>
          ))}
        </View>
      ) : null}
      <View className='section card'>
        <Text className='section__title'>{m.recordsTitle}</Text>
        <Text className='muted'>{m.reviewsWhy}</Text>
        <Button className='btn-block' type={reviews.data?.count ? 'primary' : 'default'} size='large' block onClick={() => go(ROUTES.approvals)}>
          {m.reviews(reviews.data ? reviews.data.count : null)}
        </Button>
        <Button className='btn-block' type={appeals.data?.count ? 'primary' : 'default'} size='large' block onClick={() => go(ROUTES.recordAppeals)}>
          {m.appeals(appeals.data ? appeals.data.count : null)}
        </Button>
      </View>
      <View className='section card'>
        <Text className='section__title'>{m.timebankTitle}</Text>
        <Button className='btn-block' size='large' block onClick={() => go(ROUTES.pool)}>
          {m.pool}
        </Button>
        <Button className='btn-block' size='large' block onClick={() => go(ROUTES.adjustments)}>
          {m.adjustments}
        </Button>
        <Button className='btn-block' type='primary' size='large' block onClick={() => go(ROUTES.streetReport)}>
          {m.report}
        </Button>
        <Button className='btn-block' size='large' block onClick={() => go(ROUTES.outbox)}>
          {subs?.runtime === 'local' ? m.outboxLocal : m.outbox}
        </Button>
      </View>
      {newTeam ? (
        <TeamForm
          canRename
          onSaved={(t) => {
            setNewTeam(false);
            setCreatedTeam({ id: t.id, name: t.name });
            void teams.reload();
          }}
          onCancel={() => setNewTeam(false)}
        />
      ) : (
        <View className='section card'>
          <Text className='section__title'>{m.teamsTitle}</Text>
          {createdTeam ? (
            <Notice
              kind='success'
              action={
                <Button size='large' block onClick={() => go(ROUTES.team, { id: createdTeam.id })}>
                  {m.openTeam}
                </Button>
              }
            >
              {m.teamCreated(createdTeam.name)}
            </Notice>
          ) : null}
          <Button
            className='btn-block'
            size='large'
            block
            onClick={() => {
              setCreatedTeam(null);
              setNewTeam(true);
            }}
          >
            {m.newTeam}
          </Button>
        </View>
      )}
      <View className='section card'>
        <Text className='section__title'>{m.alertsTitle}</Text>
        <Button className='btn-block' size='large' block onClick={() => go(ROUTES.alertList)}>
          {m.alerts}
        </Button>
        <Button className='btn-block' size='large' block onClick={() => go(ROUTES.dutyRoster)}>
          {m.dutyRoster}
        </Button>
      </View>
      <View className='section card'>
        <Text className='section__title'>{m.certificatesTitle}</Text>
        <Button className='btn-block' size='large' block onClick={() => go(ROUTES.certificateSeal)}>
          {m.certificateSeal}
        </Button>
        <Button className='btn-block' size='large' block onClick={() => go(ROUTES.streetMapImport)}>
          {m.streetMap}
        </Button>
      </View>
      <View id='subscribe'>
        <SubscribeCard />
      </View>
      <Text id='people' className='greeting'>
        {m.heading}
      </Text>
      <Text className='muted'>{m.intro}</Text>
      {loadError ? <Notice kind='error'>{m.loadFailed + loadError}</Notice> : null}

      <Field label={m.search.label} placeholder={m.search.placeholder} value={query} maxlength={20} onChange={setQuery} />
      {q && loaded && !loading && shownUsers.length === 0 ? <Text className='text field'>{m.search.none}</Text> : null}

      {shownUsers.map((u) => {
        const scoped = role ? scopeOptions(role) : null;
        return (
          <View key={u.id} className='card person'>
            <Text className='team__name'>{u.name}</Text>
            <Text className='text'>{u.phoneMasked}</Text>
            <Text className='muted'>
              {m.committee}
              {u.committeeName}
            </Text>
            <View className='person__roles'>
              <Text className='muted'>{m.roles}</Text>
              {u.roles.map((r) => {
                const key = `${u.id}|${r.role}|${r.teamId ?? r.committeeId ?? r.seniorId ?? ''}`;
                return (
                  <View key={key} className='person__role'>
                    <Text className='person__role-name'>{roleText(r)}</Text>
                    {confirming === key ? (
                      <Button type='danger' size='small' disabled={revoke.busy} onClick={() => void doRevoke(u.id, r)}>
                        {revoke.busy ? m.revoking : m.confirmRevoke(r.label)}
                      </Button>
                    ) : (
                      <Button size='small' onClick={() => setConfirming(key)}>
                        {m.revoke}
                      </Button>
                    )}
                    {confirming === key ? (
                      <Button size='small' onClick={() => setConfirming(null)}>
                        {m.cancel}
                      </Button>
                    ) : null}
                  </View>
                );
              })}
            </View>

            {outcome?.userId === u.id && outcome.kind !== 'failed' ? (
              <Notice kind='success'>{outcome.kind === 'granted' ? m.granted : m.revoked}</Notice>
            ) : null}
            {outcome?.userId === u.id && outcome.kind === 'failed' && failing ? <FailureNotice of={failing} failed={m.failed} /> : null}

            {grantFor === u.id ? (
              <View className='person__grant'>
                <Choices
                  label={m.chooseRole}
                  options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
                  value={role}
                  onChange={(v) => {
                    setRole(v as Role);
                    setScope(null);
                  }}
                />
                {scoped ? (
                  scoped.options.length ? (
                    <Choices label={scoped.label} options={scoped.options} value={scope} onChange={setScope} />
                  ) : (
                    <Notice kind='warning'>{m.noSeniors}</Notice>
                  )
                ) : null}
                <Button
                  className='btn-block'
                  type='primary'
                  size='large'
                  block
                  disabled={!role || (!!role && !!ROLE_SCOPE[role] && !scope) || grant.busy}
                  onClick={() => void doGrant(u.id)}
                >
                  {grant.busy ? m.granting : m.confirmGrant}
                </Button>
                <Button className='btn-block' size='large' block onClick={() => setGrantFor(null)}>
                  {m.cancel}
                </Button>
              </View>
            ) : (
              <Button className='btn-block' size='large' block onClick={() => openGrant(u.id)}>
                {m.grant}
              </Button>
            )}
          </View>
        );
      })}

      {loading ? <Text className='loading'>{commonMessages.loading}</Text> : null}
      {loaded && next ? (
        <Button className='btn-block' size='large' block disabled={loading} onClick={() => void load(q, next)}>
          {m.loadMore}
        </Button>
      ) : null}
      {loaded && !next ? <Text className='muted'>{m.noMore}</Text> : null}
      <Button className='btn-block' size='large' block onClick={() => go(ROUTES.home)}>
        {m.back}
      </Button>
    </Screen>
  );
}
