/** Who may use the pairing and coverage pages, and what anyone else sees there. */
import { NotForYou } from '@/components/NotForYou';
import { partnerMessages as pm } from './messages';

/** The server's gate for partners.suggest / coverage: socialWorker or admin. */
export const isPairingStaff = (roles: readonly string[] | undefined): boolean => !!roles?.some((r) => r === 'socialWorker' || r === 'admin');

export const StaffOnly = () => <NotForYou text={pm.staffOnly} />;
