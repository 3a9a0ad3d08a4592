/** After registering: what was saved, and the next things a social worker does for the senior. */
import { Text } from '@tarojs/components';
import type { SeniorView } from '@core/api';
import { Notice } from '@/components/Notice';
import { Screen } from '@/components/Screen';
import { ROUTES, go } from '@/services/routes';
import { Button } from '@/ui/nutui';
import { messages as m } from './messages';

export function DoneSection({ senior, onAgain }: { senior: SeniorView; onAgain: () => void }) {
  return (
    <Screen>
      <Text className='greeting'>{m.heading}</Text>
      <Notice kind='success'>{m.done.text(senior.name, senior.age, senior.committeeName)}</Notice>
      <Button className='btn-block' type='primary' size='large' block onClick={() => go(ROUTES.seniorProxies, { seniorId: senior.id })}>
        {m.done.proxies}
      </Button>
      {/* A senior living alone is who the 老伙伴 programme is for: pairing is her next step, not a page to know of. */}
      {senior.livingAlone ? (
        <Button className='btn-block' size='large' block onClick={() => go(ROUTES.partnerPairing, { seniorId: senior.id })}>
          {m.done.pair}
        </Button>
      ) : null}
      <Button className='btn-block' size='large' block onClick={() => go(ROUTES.senior, { seniorId: senior.id })}>
        {m.done.desk}
      </Button>
      <Button className='btn-block' size='large' block onClick={() => go(ROUTES.socialSenior, { id: senior.id })}>
        {m.done.record}
      </Button>
      <Button className='btn-block' size='large' block onClick={onAgain}>
        {m.done.again}
      </Button>
    </Screen>
  );
}
