/**
 * The 老伙伴 programme: partner volunteers, pairing (suggested by domain/pairing.ts, decided by the
 * social worker), the senior's card and schedule, coverage, and the alerts of the programme.
 * One file per use case in this folder: programme, volunteers, suggestions, pairs, exclusions, card,
 * coverage. Contacts are in services/contacts.ts, the clock-driven ladder in services/scheduler.ts.
 *
 * Documents (all read by id inside transactions):
 * - `partners/<userId>`: a partner volunteer's profile and the seniors they look after now;
 * - `pairs/<id>`: one pair, active or ended (history is never deleted);
 * - `care/<seniorId>`: the senior's programme state: current pair, last contact, the ladder steps
 *   taken in the current period, the social worker's notes on preferences and rejected pairs;
 * - `settings/partners`: the programme's team, contacts a week, and the weather alert.
 * Pairing also sets `seniors/<id>.partnerId`, which one-tap help reads to tell the partner.
 */
export { PROGRAMME_DOC_ID, loadProgramme, programme, setProgramme, weather, type Programme } from './programme';
export { newCare } from './care';
export { tellUsers, type PartnerMessageKind } from './messages';
export { accessTo, type Access } from './access';
export { contactView, contactViewOf, pairView, scheduleView } from './views';
export { DEFAULT_CAPACITY, estates, join, leave, profile, volunteers } from './volunteers';
export { candidates, seniorPrefs, suggest } from './suggestions';
export { confirm, end, pairs, reject } from './pairs';
export { allowAgain, exclusions } from './exclusions';
export { card, mySeniors, reveal } from './card';
export { coverage } from './coverage';
