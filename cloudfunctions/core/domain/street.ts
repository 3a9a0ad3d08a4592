/**
 * The street definition (street.json at the repository root): the street, its 居委 with their estates
 * and map points, and its first teams. The operator edits that one file; setup loads it on CloudBase
 * and `npm start` loads it locally, so both runtimes describe the same street. What the file may
 * contain is checked here, with a field path and a Chinese message for every problem, before
 * anything is written. The practice map (domain/street-map.ts) lives in this same file, under `map`.
 *
 * `planStreet` decides what loading it changes: 居委 and estates follow the file (added, renamed,
 * moved; never deleted, since people and seniors point at them); teams are created from the file
 * when missing and then belong to the app, where admins and leaders edit them.
 */
import * as z from 'zod';
import type { Doc } from './doc';
import { parseStreetMap } from './street-map';

const Id = z.string().regex(/^[a-z][a-z0-9_]{1,40}$/, { error: '编号只能用小写字母、数字和下划线，以字母开头，2 到 41 个字符' });
const Name = (what: string, max: number) =>
  z
    .string()
    .trim()
    .min(2, { error: `请填写${what}（至少 2 个字）` })
    .max(max, { error: `${what}最多 ${max} 个字` });

/** Mainland China, roughly: a point outside is a typo (swapped or missing digits). */
const Latitude = z.number({ error: '纬度应为数字' }).min(18, { error: '纬度不在中国境内' }).max(54, { error: '纬度不在中国境内' });
const Longitude = z.number({ error: '经度应为数字' }).min(73, { error: '经度不在中国境内' }).max(136, { error: '经度不在中国境内' });

const EstateDef = z.strictObject({ id: Id, name: Name('小区名称', 30), latitude: Latitude, longitude: Longitude });

const CommitteeDef = z.strictObject({
  id: Id,
  name: Name('居委名称', 30),
  estates: z.array(EstateDef).min(1, { error: '每个居委至少要有一个小区' }).max(60),
});

const TeamDef = z.strictObject({
  id: Id,
  name: Name('队伍名称', 30),
  description: Name('队伍简介', 300),
  joinPolicy: z.enum(['open', 'approval'], { error: '加入方式只能是 open（直接加入）或 approval（队长审核）' }),
});

export const StreetDefinition = z.strictObject({
  $comment: z.string().optional(),
  street: z.strictObject({
    code: z.string().trim().min(1, { error: '请填写街道编码' }).max(32),
    name: Name('街道名称', 30),
    city: Name('城市', 20),
    district: Name('区', 20),
    coordinateSystem: z.literal('GCJ-02', { error: '坐标系只能是 GCJ-02（微信地图选点给出的坐标）' }),
    /**
     * The fictitious street shipped with the code. The street admin is warned while it is loaded:
     * a real street run on it would number its volunteers under the demo's code.
     */
    sample: z.boolean({ error: 'sample 只能是 true 或 false' }).optional(),
  }),
  committees: z.array(CommitteeDef).min(1, { error: '至少要有一个居委' }).max(60),
  teams: z.array(TeamDef).max(100),
  /** The street's own map (GeoJSON, domain/street-map.ts), in `street.coordinateSystem`. */
  map: z.unknown().optional(),
});
export type StreetDefinition = z.infer<typeof StreetDefinition>;

interface StreetProblem {
  path: string;
  message: string;
}

/** The definition, or every problem with its path (e.g. `committees.1.estates.0.latitude`). */
export function parseStreetDefinition(raw: unknown): { ok: true; street: StreetDefinition } | { ok: false; problems: StreetProblem[] } {
  const parsed = StreetDefinition.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) };
  }
  const problems: StreetProblem[] = [];
  const seen = new Map<string, string>();
  const unique = (id: string, path: string) => {
    const first = seen.get(id);
    if (first) problems.push({ path, message: `编号 ${id} 重复（已用于 ${first}）` });
    else seen.set(id, path);
  };
  parsed.data.committees.forEach((c, i) => {
    unique(c.id, `committees.${i}.id`);
    c.estates.forEach((e, j) => unique(e.id, `committees.${i}.estates.${j}.id`));
  });
  parsed.data.teams.forEach((t, i) => unique(t.id, `teams.${i}.id`));
  if (parsed.data.map !== undefined) {
    const map = parseStreetMap(parsed.data.map, parsed.data.street.coordinateSystem);
    if (!map.ok) problems.push(...map.problems.map((p) => ({ path: p.path ? `map.${p.path}` : 'map', message: p.message })));
  }
  return problems.length ? { ok: false, problems } : { ok: true, street: parsed.data };
}

// ---- what loading the definition changes --------------------------------------------------------

interface EstateFields {
  id: string;
  name: string;
  latitude: number;
  longitude: number;
}

export interface CommitteeFields {
  _id: string;
  name: string;
  order: number;
  estates?: EstateFields[];
}

interface TeamFields {
  _id: string;
  name: string;
  description: string;
  order: number;
  joinPolicy: 'open' | 'approval';
}

interface StreetPlan {
  createCommittees: CommitteeFields[];
  /** Whole new values of 居委 whose name, order or estates differ from the file. */
  updateCommittees: CommitteeFields[];
  /** 居委 in the store that the file no longer lists: kept, and reported. */
  keptCommittees: string[];
  createTeams: TeamFields[];
}

const sameEstates = (a: EstateFields[] | undefined, b: EstateFields[]) =>
  JSON.stringify((a ?? []).map((e) => [e.id, e.name, e.latitude, e.longitude])) === JSON.stringify(b.map((e) => [e.id, e.name, e.latitude, e.longitude]));

/**
 * Estates already stored but dropped from the file stay, after the file's own (a person's home may
 * point at one); the file decides the names, points and order of the rest.
 */
function mergedEstates(stored: EstateFields[] | undefined, defined: EstateFields[]): EstateFields[] {
  const ids = new Set(defined.map((e) => e.id));
  return [...defined, ...(stored ?? []).filter((e) => !ids.has(e.id))];
}

export function planStreet(street: StreetDefinition, current: { committees: CommitteeFields[]; teamIds: string[] }): StreetPlan {
  const stored = new Map(current.committees.map((c) => [c._id, c]));
  const plan: StreetPlan = { createCommittees: [], updateCommittees: [], keptCommittees: [], createTeams: [] };
  street.committees.forEach((c, i) => {
    const estates = c.estates.map((e) => ({ id: e.id, name: e.name, latitude: e.latitude, longitude: e.longitude }));
    const was = stored.get(c.id);
    if (!was) {
      plan.createCommittees.push({ _id: c.id, name: c.name, order: i + 1, estates });
      return;
    }
    const next = { _id: c.id, name: c.name, order: i + 1, estates: mergedEstates(was.estates, estates) };
    if (was.name !== next.name || was.order !== next.order || !sameEstates(was.estates, next.estates)) plan.updateCommittees.push(next);
  });
  const defined = new Set(street.committees.map((c) => c.id));
  plan.keptCommittees = current.committees.filter((c) => !defined.has(c._id)).map((c) => c._id);
  const teams = new Set(current.teamIds);
  street.teams.forEach((t, i) => {
    if (!teams.has(t.id)) plan.createTeams.push({ _id: t.id, name: t.name, description: t.description, order: i + 1, joinPolicy: t.joinPolicy });
  });
  return plan;
}

/**
 * An estate (小区) of the street with its public map point (roughly its centre). The street's
 * estates are data on their 居委's document; a volunteer or a senior picked from this list is
 * placed at that point, which only feeds walking distances (docs/partners.md).
 */
export interface EstateEntry {
  /** Unique across the street, e.g. e_xyw_garden. */
  id: string;
  name: string;
  latitude: number;
  longitude: number;
}

export interface CommitteeDoc extends Doc {
  name: string;
  order: number;
  /** The estates of this 居委, in the order they are offered. */
  estates?: EstateEntry[];
}

export interface TeamDoc extends Doc {
  name: string;
  description: string;
  order: number;
  /** Kept in step with leader grants, in the same transaction. */
  leaderIds: string[];
  /** The current logo's photo id: a new logo replaces it (read inside the upload's transaction). */
  coverPhotoId?: string;
  createdAt: string;
}

/** Social workers serving each 居委, so a transaction can find them by id. */
export interface DeskDoc extends Doc {
  socialWorkerIds: string[];
  /** Only on the street's desk (id 'street'): the street admins, last link of every alarm chain. */
  adminIds?: string[];
  updatedAt: string;
}
