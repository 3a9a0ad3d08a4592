/** Reads the street's time-bank policy (settings/timebankPolicy merged over the defaults of domain/policy.ts). */
import { POLICY_DOC_ID, mergePolicy, type StoredPolicy, type TimebankPolicy } from '../domain/policy';
import type { Tx } from '../store/port';

export async function loadPolicy(reader: Pick<Tx, 'get'>): Promise<TimebankPolicy> {
  return mergePolicy(await reader.get<StoredPolicy>('settings', POLICY_DOC_ID));
}
