/**
 * The domain rules the app applies before asking the server (which checks them again):
 * imported from their one source in cloudfunctions/core/domain (pure, no I/O).
 */
export {
  ADULT_AGE,
  MIN_REGISTRATION_AGE,
  MOBILE_PHONE,
  REAL_NAME,
  ageBand,
  ageInYear,
} from '../../cloudfunctions/core/domain/people';
export type { AgeBand } from '../../cloudfunctions/core/domain/people';
export { ROLES, ROLE_LABELS, ROLE_SCOPE } from '../../cloudfunctions/core/domain/roles';
