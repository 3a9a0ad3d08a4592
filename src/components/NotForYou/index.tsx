/**
 * A page opened by someone it is not for (a forwarded link, a typed address): one sentence saying
 * whose page it is and a way back, instead of an empty list or a bare 出错了.
 */
import { Button } from '@/ui/nutui';
import { Notice } from '@/components/Notice';
import { Screen } from '@/components/Screen';
import { commonMessages } from '@/messages/common';
import { ROUTES, back } from '@/services/routes';

export function NotForYou({ text }: { text: string }) {
  return (
    <Screen>
      <Notice kind='info'>{text}</Notice>
      <Button className='btn-block' size='large' block onClick={() => back(ROUTES.home)}>
        {commonMessages.back}
      </Button>
    </Screen>
  );
}
