/** Whether someone is handling an open alert about a senior, in words on a chip (lists, homes). */
import type { AlertView } from '@core/api';
import { alertMessages as am } from '@/messages/alerts';
import { Tag } from '@/components/Tag';

export function AlertHandling({ alert }: { alert: Pick<AlertView, 'acknowledgedByName' | 'nobodyReached'> }) {
  if (alert.acknowledgedByName) return <Tag kind='success'>{am.handling(alert.acknowledgedByName)}</Tag>;
  if (alert.nobodyReached) return <Tag kind='error'>{am.nobodyReached}</Tag>;
  return <Tag kind='warning'>{am.nobodyHandling}</Tag>;
}
