/** Reference data every service reads: 居委 and teams, and how a person's roles are shown. */
import type { CommitteeView, DeskConsentView, ProfileView, RoleView } from '../../api';
import { ROLE_LABELS, type RoleGrant } from '../../domain/roles';
import type { Store } from '../../store/port';
import type { UserDoc } from '../../domain/people';
import type { EstateEntry, CommitteeDoc, TeamDoc } from '../../domain/street';

interface Estate extends EstateEntry {
  committeeId: string;
  committeeName: string;
}

export async function listCommittees(store: Store): Promise<CommitteeDoc[]> {
  const page = await store.find<CommitteeDoc>('committees', { orderBy: { field: 'order', direction: 'asc' }, limit: 100 });
  return page.items;
}

/** Every estate of the street, by 居委 order then as listed (outside transactions: it queries). */
export async function listEstates(store: Store): Promise<Estate[]> {
  const out: Estate[] = [];
  for (const c of await listCommittees(store)) {
    for (const e of c.estates ?? []) out.push({ ...e, committeeId: c._id, committeeName: c.name });
  }
  return out;
}

export async function findEstate(store: Store, id: string): Promise<Estate | null> {
  return (await listEstates(store)).find((e) => e.id === id) ?? null;
}

export async function committeeName(store: Pick<Store, 'get'>, id: string): Promise<string> {
  return (await store.get<CommitteeDoc>('committees', id))?.name ?? '未知居委';
}

export async function roleViews(store: Store, grants: readonly RoleGrant[]): Promise<RoleView[]> {
  return Promise.all(
    grants.map(async (g) => {
      const view: RoleView = { role: g.role, label: ROLE_LABELS[g.role] };
      if (g.teamId) {
        view.teamId = g.teamId;
        view.teamName = (await store.get<TeamDoc>('teams', g.teamId))?.name ?? '已撤销的队伍';
      }
      if (g.committeeId) {
        view.committeeId = g.committeeId;
        view.committeeName = await committeeName(store, g.committeeId);
      }
      if (g.seniorId) view.seniorId = g.seniorId;
      return view;
    }),
  );
}

/** The person's own profile; `deskConsent`: hers, when she is a senior registered at the desk (services/desk-consent.ts). */
export async function profileView(store: Store, user: UserDoc, deskConsent: DeskConsentView | null): Promise<ProfileView> {
  const view: ProfileView = {
    id: user._id,
    name: user.name,
    phoneMasked: user.phoneMasked,
    birthYear: user.birthYear,
    committeeId: user.committeeId,
    committeeName: await committeeName(store, user.committeeId),
    elderMode: user.elderMode,
    consent: user.consent,
    roles: await roleViews(store, user.grants),
    deskConsent,
    createdAt: user.createdAt,
    volunteerNo: user.volunteerNo ?? null,
  };
  if (user.guardian) {
    view.guardian = { name: user.guardian.name, relation: user.guardian.relation, phoneMasked: user.guardian.phoneMasked };
  }
  return view;
}

export const committeeViews = (docs: CommitteeDoc[]): CommitteeView[] => docs.map((c) => ({ id: c._id, name: c.name }));
