/** Rules about people: who may register, and how personal data is shown; and the person document (UserDoc). No I/O. */
import type { Doc } from './doc';
import type { PermissionRole, RoleGrant } from './roles';

export const PRIVACY_POLICY_VERSION = '2026-11-01';

/** Under this age nobody is registered (national volunteer rules). */
export const MIN_REGISTRATION_AGE = 14;
/** From MIN_REGISTRATION_AGE up to (not including) this age a guardian must consent. */
export const ADULT_AGE = 18;

/**
 * Age a person reaches in the current calendar year. Registration asks for the birth year
 * only (less personal data); the rules above use this age, so a volunteer who turns 14 later
 * this year may register now, with a guardian's consent.
 */
export function ageInYear(birthYear: number, now: Date): number {
  return now.getUTCFullYear() - birthYear;
}

export type AgeBand = 'underage' | 'minor' | 'adult';

export function ageBand(birthYear: number, now: Date): AgeBand {
  const age = ageInYear(birthYear, now);
  if (age < MIN_REGISTRATION_AGE) return 'underage';
  if (age < ADULT_AGE) return 'minor';
  return 'adult';
}

/** Mainland mobile numbers: 11 digits starting with 1[3-9]. */
export const MOBILE_PHONE = /^1[3-9]\d{9}$/;

/** 138****5678: what every list shows instead of a phone number. */
export function maskPhone(phone: string): string {
  if (phone.length < 7) return '*'.repeat(phone.length);
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}

/**
 * Real names: 2 to 20 characters of Chinese, letters, the middle dot and spaces, at least two of
 * them Chinese or letters (a name of dots and spaces was accepted and greeted as "··，您好").
 */
export const REAL_NAME = /^(?=(?:[^\u4e00-\u9fa5A-Za-z]*[\u4e00-\u9fa5A-Za-z]){2})[\u4e00-\u9fa5A-Za-z·• ]{2,20}$/;

export interface UserDoc extends Doc {
  name: string;
  phoneEnc: string;
  phoneHash: string;
  phoneMasked: string;
  birthYear: number;
  committeeId: string;
  elderMode: boolean;
  consent: { version: string; at: string; withdrawnAt?: string };
  guardian?: { name: string; relation: string; phoneEnc: string; phoneMasked: string; consentAt: string };
  grants: RoleGrant[];
  /** Role names for permission checks, kept in step with grants. */
  roles: PermissionRole[];
  createdAt: string;
  updatedAt: string;
  /** Set when the person withdrew consent and closed the account (services/account-close.ts). */
  closedAt?: string;
  /** 志愿者编号 (domain/certificates.ts): given at registration, or on first use to those registered before; kept after closing. */
  volunteerNo?: string;
}
