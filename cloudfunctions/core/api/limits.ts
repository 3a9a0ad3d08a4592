/**
 * Limits of the contract's fields that forms check before sending, importable by the app without
 * the rest of the contract (no zod, no service code): `import { ACTIVITY_LIMITS } from '@core/api/limits'`.
 */
export { ACTIVITY_LIMITS } from '../domain/activity-limits';
