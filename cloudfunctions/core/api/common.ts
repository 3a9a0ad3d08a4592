/** Building blocks of the contract shared by every function. */
import * as z from 'zod';
import type { ErrorCode } from '../errors';
import { REASON_MAX_CHARS, REASON_MIN_CHARS } from '../domain/reasons';
// Only the Chinese locale: z.locales would bundle every language into each function. The
// subpath maps to itself, so pick the CommonJS file for require (jest, tsx) and let bundlers
// that prefer ESM (esbuild with mainFields module) resolve the same file.
import zhCN from 'zod/v4/locales/zh-CN.cjs';

// Every zod message a person may read is Chinese.
z.config(zhCN());

export interface ActionSpec {
  input: z.ZodType;
  /** Mutations need a requestId and are idempotent on it. */
  mutation: boolean;
  /** One line for docs/api.md. */
  summary: string;
  /** Errors specific to this action, beyond those every call may return (for docs/api.md). */
  errors?: readonly ErrorCode[];
}

export type ActionSpecs = Record<string, ActionSpec>;

export const Id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_:-]+$/, { error: '编号格式不正确' });
/** A reason others will read (domain/reasons.ts): the same rule on every decision that asks for one. */
export const Reason = z
  .string()
  .trim()
  .min(REASON_MIN_CHARS, { error: `请填写原因（至少 ${REASON_MIN_CHARS} 个字）` })
  .max(REASON_MAX_CHARS, { error: `原因最多 ${REASON_MAX_CHARS} 个字` });
export const Cursor = z.string().max(512);
export const PageLimit = z.int().min(1).max(100);
export const Empty = z.strictObject({});

export const RequestEvent = z.strictObject({
  action: z.string().min(1).max(64),
  data: z.record(z.string(), z.unknown()).optional(),
  requestId: z
    .string()
    .min(8, { error: 'requestId 至少 8 个字符' })
    .max(80)
    .regex(/^[A-Za-z0-9_-]+$/, { error: 'requestId 只能包含字母、数字、- 和 _' })
    .optional(),
});
export type RequestEvent = z.infer<typeof RequestEvent>;

export interface PageResult<T> {
  items: T[];
  next: string | null;
}

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string; details?: unknown } };

/** A place picked on the map (a senior's home, a request's "near", a 老伙伴 visit). */
export const LatLngInput = z.strictObject({
  latitude: z.number({ error: '请在地图上选择位置' }).min(-90).max(90),
  longitude: z.number({ error: '请在地图上选择位置' }).min(-180).max(180),
});
