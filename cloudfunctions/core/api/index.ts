/**
 * The contract between the app and the functions: every function, its actions, their input
 * schemas and result types. The app imports types from here (type-only, so no zod in the app).
 */
import type { z } from 'zod';
import { accountActions, type AccountResults } from './account';
import { adminActions, type AdminResults } from './admin';
import { teamsActions, type TeamsResults } from './teams';
import { timebankActions, type TimebankResults } from './timebank';
import { recordsActions, type RecordsResults } from './records';
import { activitiesActions, type ActivitiesResults } from './activities';
import { inboxActions, type InboxResults } from './inbox';
import { seniorsActions, type SeniorsResults } from './seniors';
import { helpActions, type HelpResults } from './help';
import { partnersActions, type PartnersResults } from './partners';
import { schedulerActions, type SchedulerResults } from './scheduler';
import { setupActions, type SetupResults } from './setup';
import { alertsActions, type AlertsResults } from './alerts';
import { certificatesActions, type CertificatesResults } from './certificates';

export * from './common';
export type * from './account';
export type * from './admin';
export type * from './teams';
export type * from './timebank';
export type * from './records';
export type * from './activities';
export { ACTIVITY_LIMITS } from './activities';
export type * from './inbox';
export type * from './consent';
export type * from './seniors';
export type * from './help';
export type * from './partners';
export type * from './scheduler';
export type * from './setup';
export type * from './alerts';
export type * from './certificates';

export const CONTRACT = {
  account: accountActions,
  admin: adminActions,
  teams: teamsActions,
  timebank: timebankActions,
  records: recordsActions,
  activities: activitiesActions,
  inbox: inboxActions,
  seniors: seniorsActions,
  help: helpActions,
  partners: partnersActions,
  scheduler: schedulerActions,
  setup: setupActions,
  alerts: alertsActions,
  certificates: certificatesActions,
} as const;

export interface Results {
  account: AccountResults;
  admin: AdminResults;
  teams: TeamsResults;
  timebank: TimebankResults;
  records: RecordsResults;
  activities: ActivitiesResults;
  inbox: InboxResults;
  seniors: SeniorsResults;
  help: HelpResults;
  partners: PartnersResults;
  scheduler: SchedulerResults;
  setup: SetupResults;
  alerts: AlertsResults;
  certificates: CertificatesResults;
}

export type Contract = typeof CONTRACT;
export type FunctionName = keyof Contract;
export type ActionName<F extends FunctionName> = keyof (typeof CONTRACT)[F] & keyof Results[F] & string;
type SpecOf<F extends FunctionName, A extends ActionName<F>> = (typeof CONTRACT)[F][A];
export type Input<F extends FunctionName, A extends ActionName<F>> = SpecOf<F, A> extends { input: infer S extends z.ZodType } ? z.input<S> : never;
export type ParsedInput<F extends FunctionName, A extends ActionName<F>> = SpecOf<F, A> extends { input: infer S extends z.ZodType } ? z.output<S> : never;
export type Output<F extends FunctionName, A extends ActionName<F>> = Results[F][A];

export const FUNCTION_NAMES = Object.keys(CONTRACT) as FunctionName[];
