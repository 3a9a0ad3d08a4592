/**
 * The domain rules the app applies before asking the server (which checks them again), and the
 * domain types it names: the app's one door to cloudfunctions/core/domain (pure, no I/O).
 * Pages, components and messages import rules from here, never from `@core/domain/*`.
 */
export { ADULT_AGE, MIN_REGISTRATION_AGE, MOBILE_PHONE, REAL_NAME, ageBand, ageInYear } from '@core/domain/people';
export type { AgeBand } from '@core/domain/people';
export { ROLES, ROLE_LABELS, ROLE_SCOPE } from '@core/domain/roles';
export { LOCAL_DATE, addDays, isRealDate, localDate } from '@core/domain/schedule';
export { isPhoneNumber } from '@core/domain/seniors';
export { EMERGENCY_NUMBERS } from '@core/domain/alerts';
export { dutyGaps, overlappingShifts } from '@core/domain/duty';
export { REASON_MAX_CHARS, isTooShortReason } from '@core/domain/reasons';
export type { HelpState } from '@core/domain/help';
export type { DeliveryState, TemplateKey } from '@core/domain/notifications';
