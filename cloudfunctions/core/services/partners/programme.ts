/**
 * The 老伙伴 programme's settings (`settings/partners`): the programme's team, contacts a week, and
 * the weather alert; the staff actions that read and change them.
 */
import type { ParsedInput, PartnersResults, ProgrammeView } from '../../api';
import { AppError } from '../../errors';
import { DEFAULT_SCHEDULE, WEATHER_LABELS, weatherActive, type ContactSchedule, type WeatherAlert } from '../../domain/contacts';
import { partnerRefusal } from '../../domain/eligibility';
import type { ProgrammeDoc } from '../../domain/partners';
import type { Tx } from '../../store/port';
import { loadPolicy } from '../policy';
import { requireUser, type ServiceContext } from '../shared/context';
import type { TeamDoc } from '../../domain/street';
import { type Reader } from '../shared/acting';
import { audit } from '../shared/audit';

export const PROGRAMME_DOC_ID = 'partners';

export interface Programme {
  teamId: string | null;
  schedule: ContactSchedule;
  weather: WeatherAlert | null;
}

export async function loadProgramme(reader: Reader): Promise<Programme> {
  const doc = await reader.get<ProgrammeDoc>('settings', PROGRAMME_DOC_ID);
  return { teamId: doc?.teamId ?? null, schedule: { ...DEFAULT_SCHEDULE, perWeek: doc?.perWeek ?? DEFAULT_SCHEDULE.perWeek }, weather: doc?.weather ?? null };
}

async function programmeView(store: Reader, now: Date): Promise<ProgrammeView> {
  const p = await loadProgramme(store);
  const on = weatherActive(p.weather, now);
  const team = p.teamId ? await store.get<TeamDoc>('teams', p.teamId) : null;
  return {
    perWeek: p.schedule.perWeek,
    teamId: p.teamId,
    teamName: team?.name ?? null,
    weather: {
      on,
      kind: on ? p.weather!.kind : null,
      kindText: on ? WEATHER_LABELS[p.weather!.kind] : null,
      from: on ? p.weather!.from : null,
      until: on ? p.weather!.until : null,
      note: on ? p.weather!.note : '',
    },
  };
}

export async function programme(ctx: ServiceContext): Promise<PartnersResults['programme']> {
  const me = requireUser(ctx);
  const now = ctx.now();
  return { ...(await programmeView(ctx.store, now)), joinRefusal: partnerRefusal(me, await loadPolicy(ctx.store), now)?.message ?? null };
}

async function saveProgramme(tx: Tx, by: string, at: string, patch: Partial<ProgrammeDoc>): Promise<void> {
  const prior = await tx.get<ProgrammeDoc>('settings', PROGRAMME_DOC_ID);
  const doc: ProgrammeDoc = {
    _id: PROGRAMME_DOC_ID,
    teamId: prior?.teamId ?? null,
    perWeek: prior?.perWeek ?? DEFAULT_SCHEDULE.perWeek,
    weather: prior?.weather ?? null,
    ...patch,
    updatedAt: at,
    updatedBy: by,
  };
  await tx.set('settings', doc);
}

export async function setProgramme(ctx: ServiceContext, input: ParsedInput<'partners', 'setProgramme'>): Promise<PartnersResults['setProgramme']> {
  const me = requireUser(ctx);
  const at = ctx.now().toISOString();
  return ctx.mutate(async (tx) => {
    if (input.teamId && !(await tx.get('teams', input.teamId))) throw new AppError('NOT_FOUND', '队伍不存在');
    const patch: Partial<ProgrammeDoc> = {};
    if (input.teamId !== undefined) patch.teamId = input.teamId;
    if (input.perWeek !== undefined) patch.perWeek = input.perWeek;
    await saveProgramme(tx, me._id, at, patch);
    await audit(tx, me._id, 'partners', 'partners.programme', patch, at);
    // The answer is built inside the transaction, so a retry of this request replays it as it was.
    return programmeView(tx, ctx.now());
  });
}

export async function weather(ctx: ServiceContext, input: ParsedInput<'partners', 'weather'>): Promise<PartnersResults['weather']> {
  const me = requireUser(ctx);
  const now = ctx.now();
  const at = now.toISOString();
  return ctx.mutate(async (tx) => {
    const w: WeatherAlert | null = input.on
      ? { kind: input.kind!, from: at, until: new Date(now.getTime() + input.days! * 24 * 3600_000).toISOString(), note: input.note ?? '', by: me._id }
      : null;
    await saveProgramme(tx, me._id, at, { weather: w });
    await audit(tx, me._id, 'partners', input.on ? 'partners.weather.on' : 'partners.weather.off', w ?? {}, at);
    return programmeView(tx, now);
  });
}
