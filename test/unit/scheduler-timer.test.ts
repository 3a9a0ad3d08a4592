/**
 * The scheduler's timer is what moves an unacknowledged alarm up its chain: it must fire at least as
 * often as the shortest wait of the chain (domain/alert-chain.ts), or an alarm waits longer than the
 * chain promises. Checked on the trigger as deployed (cloudbaserc.json) and as WeChat DevTools uploads
 * it (cloudfunctions/scheduler/config.json).
 */
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_CHAIN, TIMER_MINUTES } from '../../cloudfunctions/core/domain/alert-chain';

const root = path.resolve(__dirname, '../..');
const readJson = <T>(file: string) => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')) as T;
type Trigger = { name: string; type: string; config: string };

/**
 * The longest gap in minutes between two firings of a CloudBase timer (seven fields: second minute
 * hour day month weekday year), for the forms the minute field takes here: `*`, `*\/n`, `a,b,c`, `m`.
 * The other fields must be `*` (an hour or day restriction would leave long gaps).
 */
export function longestGapMinutes(cron: string): number {
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 7) throw new Error(`a CloudBase timer has 7 fields: ${cron}`);
  const [second, minute, ...rest] = fields as [string, string, ...string[]];
  if (!/^\d+$/.test(second)) throw new Error(`second field: ${second}`);
  if (rest.some((f) => f !== '*')) throw new Error(`hour, day, month, weekday and year must be *: ${cron}`);
  let minutes: number[];
  if (minute === '*') minutes = Array.from({ length: 60 }, (_, i) => i);
  else if (/^\*\/\d+$/.test(minute)) {
    const step = Number(minute.slice(2));
    minutes = Array.from({ length: 60 }, (_, i) => i).filter((m) => m % step === 0);
  } else if (/^\d+(,\d+)*$/.test(minute))
    minutes = minute
      .split(',')
      .map(Number)
      .sort((a, b) => a - b);
  else throw new Error(`minute field not understood: ${minute}`);
  // The gaps inside the hour and the one across it.
  let longest = 60 - minutes.at(-1)! + minutes[0]!;
  for (let i = 1; i < minutes.length; i += 1) longest = Math.max(longest, minutes[i]! - minutes[i - 1]!);
  return longest;
}

it('reads the minute field of a CloudBase timer', () => {
  expect(longestGapMinutes('0 */5 * * * * *')).toBe(5);
  expect(longestGapMinutes('0 */15 * * * * *')).toBe(15);
  expect(longestGapMinutes('0 */7 * * * * *')).toBe(7); // 56 → 0 is only 4, but 49 → 56 is 7
  expect(longestGapMinutes('0 0,30 * * * * *')).toBe(30);
  expect(longestGapMinutes('0 * * * * * *')).toBe(1);
  expect(() => longestGapMinutes('0 */5 8-20 * * * *')).toThrow(/must be \*/);
  expect(() => longestGapMinutes('*/5 * * * *')).toThrow(/7 fields/);
});

it('the timer fires at least every TIMER_MINUTES, and no chain wait is shorter than that', () => {
  const deployed = readJson<{ functions: Array<{ name: string; triggers?: Trigger[] }> }>('cloudbaserc.json').functions.find(
    (f) => f.name === 'scheduler',
  )!.triggers!;
  const devtools = readJson<{ triggers: Trigger[] }>('cloudfunctions/scheduler/config.json').triggers;
  for (const t of [...deployed, ...devtools]) {
    expect(t.type).toBe('timer');
    expect(longestGapMinutes(t.config)).toBeLessThanOrEqual(TIMER_MINUTES);
  }
  for (const [kind, wait] of Object.entries(DEFAULT_CHAIN.waitMinutes)) expect([kind, wait >= TIMER_MINUTES]).toEqual([kind, true]);
});
