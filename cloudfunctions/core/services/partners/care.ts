/** The senior's programme state (`care/<seniorId>`): a fresh one, and a volunteer kept out of their suggestions. */
import type { SeniorDoc } from '../../domain/seniors';
import type { CareDoc, ExclusionNote } from '../../domain/partners';

export function newCare(senior: SeniorDoc, at: string): CareDoc {
  return {
    _id: senior._id,
    committeeId: senior.committeeId,
    paired: false,
    partnerId: null,
    pairId: null,
    pairedAt: null,
    lastContactAt: null,
    lastContactId: null,
    lastOutcome: null,
    anchorAt: null,
    ladder: [],
    overdueAlertId: null,
    openAlertIds: [],
    genderPreference: null,
    dialects: [],
    rejected: [],
    exclusions: [],
    updatedAt: at,
  };
}

/** The care document with `note.volunteerId` kept out of the senior's suggestions (the latest note wins). */
export function excludeIn(care: CareDoc, note: ExclusionNote, at: string): CareDoc {
  return {
    ...care,
    rejected: [...new Set([...care.rejected, note.volunteerId])],
    exclusions: [...(care.exclusions ?? []).filter((x) => x.volunteerId !== note.volunteerId), note],
    updatedAt: at,
  };
}
