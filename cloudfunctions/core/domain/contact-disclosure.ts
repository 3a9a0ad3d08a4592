/**
 * When a senior's address and phone may be disclosed for a help request: only to the volunteer who
 * accepted it, and only while it is accepted (assigned) or reported done and not yet settled. Before
 * anyone accepts, nobody sees them; every view of a request carries neither. A family member who
 * filed the request is disclosed alongside only while their proxy link is confirmed. No I/O.
 */
import { AppError } from '../errors';
import type { HelpRequestDoc } from './help';

/** Request states in which the accepted volunteer may open the senior's address and phone. */
const DISCLOSING_STATES: readonly HelpRequestDoc['state'][] = ['assigned', 'reported'];

export const mayOpenContact = (r: Pick<HelpRequestDoc, 'volunteerId' | 'state'>, userId: string): boolean =>
  r.volunteerId === userId && DISCLOSING_STATES.includes(r.state);

export function assertMayOpenContact(r: Pick<HelpRequestDoc, 'volunteerId' | 'state'>, userId: string): void {
  if (!mayOpenContact(r, userId)) throw new AppError('FORBIDDEN', '只有接下这条求助的志愿者可以查看老人的地址和电话');
}

/** The family member who filed the request by proxy is shown too, while the proxy link is confirmed. */
export const discloseFamily = (r: Pick<HelpRequestDoc, 'createdVia'>, link: { state: string } | null | undefined): boolean =>
  r.createdVia === 'proxy' && link?.state === 'confirmed';
