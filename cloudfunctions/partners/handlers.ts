import type { Handlers } from '../core/runtime/dispatch';
import * as partners from '../core/services/partners';
import * as contacts from '../core/services/contacts';

export const handlers: Handlers<'partners'> = {
  join: partners.join,
  profile: partners.profile,
  estates: partners.estates,
  leave: partners.leave,
  mySeniors: partners.mySeniors,
  card: partners.card,
  reveal: partners.reveal,
  logContact: contacts.logContact,
  contacts: contacts.contacts,
  volunteers: partners.volunteers,
  seniorPrefs: partners.seniorPrefs,
  suggest: partners.suggest,
  candidates: partners.candidates,
  confirm: partners.confirm,
  reject: partners.reject,
  end: partners.end,
  exclusions: partners.exclusions,
  allowAgain: partners.allowAgain,
  pairs: partners.pairs,
  coverage: partners.coverage,
  pendingContacts: contacts.pendingContacts,
  approveContacts: contacts.approveContacts,
  rejectContact: contacts.rejectContact,
  programme: partners.programme,
  setProgramme: partners.setProgramme,
  weather: partners.weather,
};
