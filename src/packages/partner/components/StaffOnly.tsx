/**
 * A 居委/street staff page opened by someone who is not staff (a forwarded link, a typed address):
 * say whose page it is, instead of an empty list ("本居委还没有结对") or a bare 出错了.
 */
import { Button } from '@/ui/nutui';
import { Notice } from '@/components/Notice';
import { Screen } from '@/components/Screen';
import { ROUTES, back } from '@/services/routes';
import { partnerMessages as pm } from './messages';

/** Who may use the pairing and coverage pages (the server's gate: socialWorker or admin). */
export const isPairingStaff = (roles: readonly string[] | undefined): boolean => !!roles?.some((r) => r === 'socialWorker' || r === 'admin');

export function StaffOnly() {
  return (
    <Screen>
      <Notice kind='info'>{pm.staffOnly}</Notice>
      <Button className='btn-block' size='large' block onClick={() => back(ROUTES.home)}>
        {pm.staffOnlyBack}
      </Button>
    </Screen>
  );
}
