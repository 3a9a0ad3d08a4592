/** The demo people a developer can sign in as (never in production). */
import { ROLE_LABELS } from '../cloudfunctions/core/domain/roles';
import type { UserDoc } from '../cloudfunctions/core/domain/people';
import type { Store } from '../cloudfunctions/core/store/port';
import { DEMO_PEOPLE } from './seed';

interface DevPerson {
  openid: string;
  name: string;
  roles: string[];
}

export async function devPeople(store: Store): Promise<DevPerson[]> {
  const people: DevPerson[] = [];
  for (const p of DEMO_PEOPLE) {
    const identity = await store.get<{ _id: string; userId: string }>('identities', p.openid);
    const user = identity ? await store.get<UserDoc>('users', identity.userId) : null;
    if (user) people.push({ openid: p.openid, name: user.name, roles: user.roles.map((r) => ROLE_LABELS[r]) });
  }
  return people;
}
