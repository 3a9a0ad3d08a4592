/**
 * The contact schedule (domain/contacts.ts) and the alarm ladder (domain/ladder.ts) as pure
 * functions of a simulated clock.
 */
import {
  compareByUrgency,
  DEFAULT_SCHEDULE,
  dueAt,
  dueStatus,
  intervalHours,
  type CareClock,
  type WeatherAlert,
} from '../../cloudfunctions/core/domain/contacts';
import { alertSteps, ladderStepId, outcomeEffect, overdueAlertId, scheduleSteps, type LadderAction } from '../../cloudfunctions/core/domain/ladder';

const H = 3600_000;
const T0 = Date.parse('2026-12-01T02:00:00.000Z'); // 10:00 in Shanghai, a Tuesday
const at = (hours: number) => new Date(T0 + hours * H);
const iso = (hours: number) => at(hours).toISOString();

describe('contact schedule', () => {
  it('is twice a week by default: due 84 h after the last contact, 24 h after pairing', () => {
    expect(intervalHours(DEFAULT_SCHEDULE)).toBe(84);
    expect(dueAt({ pairedAt: iso(0), lastContactAt: null }, DEFAULT_SCHEDULE, null, at(1))!.toISOString()).toBe(iso(24));
    expect(dueAt({ pairedAt: iso(0), lastContactAt: iso(5) }, DEFAULT_SCHEDULE, null, at(6))!.toISOString()).toBe(iso(89));
    expect(dueAt({ pairedAt: null, lastContactAt: iso(5) }, DEFAULT_SCHEDULE, null, at(6))).toBeNull();
    // A contact from before the current pair does not count for the new partner.
    expect(dueAt({ pairedAt: iso(10), lastContactAt: iso(5) }, DEFAULT_SCHEDULE, null, at(11))!.toISOString()).toBe(iso(34));
    expect(dueAt({ pairedAt: iso(0), lastContactAt: null }, { ...DEFAULT_SCHEDULE, perWeek: 3 }, null, at(1))!.toISOString()).toBe(iso(24));
    expect(intervalHours({ ...DEFAULT_SCHEDULE, perWeek: 3 })).toBe(56);
  });

  it('is daily during a weather alert, never due before the alert began, and normal again after it', () => {
    const clock: CareClock = { pairedAt: iso(-200), lastContactAt: iso(-50) };
    const weather: WeatherAlert = { kind: 'heat', from: iso(0), until: iso(72), note: '高温橙色预警', by: 'admin' };
    expect(dueAt(clock, DEFAULT_SCHEDULE, null, at(1))!.toISOString()).toBe(iso(34));
    // Last contact 50 h before the alert: due the moment the alert began.
    expect(dueAt(clock, DEFAULT_SCHEDULE, weather, at(1))!.toISOString()).toBe(iso(0));
    // Contacted during the alert: due again 24 h later.
    expect(dueAt({ ...clock, lastContactAt: iso(3) }, DEFAULT_SCHEDULE, weather, at(4))!.toISOString()).toBe(iso(27));
    // After the alert ends the normal interval applies.
    expect(dueAt({ ...clock, lastContactAt: iso(70) }, DEFAULT_SCHEDULE, weather, at(80))!.toISOString()).toBe(iso(154));
  });

  it('tells contacted, due today (Shanghai) and overdue apart', () => {
    // 10:00 Shanghai; due at 20:00 the same day → due; due tomorrow → contacted; passed → overdue.
    expect(dueStatus(at(10), at(0))).toBe('due');
    expect(dueStatus(at(15), at(0))).toBe('contacted');
    expect(dueStatus(at(0), at(0))).toBe('overdue');
    expect(dueStatus(at(-1), at(0))).toBe('overdue');
  });

  it('lists a senior with an open alert first, even one contacted yesterday, then overdue, due and contacted', () => {
    const row = (seniorId: string, status: 'overdue' | 'due' | 'contacted' | 'unpaired', dueAt: string | null, openAlerts = 0) => ({
      seniorId,
      status,
      dueAt,
      openAlerts,
    });
    const rows = [
      row('s-contacted', 'contacted', iso(40)),
      row('s-unpaired', 'unpaired', null),
      row('s-due-late', 'due', iso(8)),
      row('s-unreachable', 'contacted', iso(60), 1),
      row('s-overdue', 'overdue', iso(-30)),
      row('s-due-early', 'due', iso(2)),
      row('s-overdue-alert', 'overdue', iso(-40), 2),
    ];
    expect([...rows].sort(compareByUrgency).map((r) => r.seniorId)).toEqual([
      's-overdue-alert',
      's-unreachable',
      's-overdue',
      's-due-early',
      's-due-late',
      's-contacted',
      's-unpaired',
    ]);
  });
});

describe('alarm ladder', () => {
  /** Runs the ladder like the scheduler does: take the steps, remember their ids. */
  function runner(clock: CareClock) {
    const done = new Set<string>();
    return {
      clock,
      done,
      tick(hours: number, weather: WeatherAlert | null = null): LadderAction[] {
        const steps = scheduleSteps({ seniorId: 's1', clock, done }, DEFAULT_SCHEDULE, weather, at(hours));
        for (const s of steps) done.add(s.id);
        return steps;
      },
    };
  }

  it('reminds the volunteer when overdue, alerts the social worker 24 h later, each once, and starts over after a contact', () => {
    const r = runner({ pairedAt: iso(-100), lastContactAt: iso(-84) }); // due at 0
    expect(r.tick(-1)).toEqual([]);
    const remind = r.tick(0);
    expect(remind).toEqual([{ id: ladderStepId('s1', 'remind', iso(-84)), step: 'remind', seniorId: 's1', period: iso(-84), dueAt: iso(0) }]);
    expect(r.tick(0)).toEqual([]);
    expect(r.tick(23.9)).toEqual([]);
    const escalate = r.tick(24);
    expect(escalate.map((s) => s.step)).toEqual(['escalate']);
    expect(escalate[0]!.alertId).toBe(overdueAlertId('s1', iso(-84)));
    expect(r.tick(30)).toEqual([]);
    expect(r.tick(200)).toEqual([]);
    // A contact that reached the senior: a new period, nothing due until it is.
    r.clock.lastContactAt = iso(201);
    expect(r.tick(202)).toEqual([]);
    expect(r.tick(285).map((s) => [s.step, s.period])).toEqual([['remind', iso(201)]]);
  });

  it('fires both steps at once when the scheduler was away for more than a day', () => {
    const r = runner({ pairedAt: iso(0), lastContactAt: null });
    expect(r.tick(60).map((s) => s.step)).toEqual(['remind', 'escalate']);
    expect(r.tick(61)).toEqual([]);
  });

  it('does not fire a period twice when a weather alert moves the due time', () => {
    const r = runner({ pairedAt: iso(-200), lastContactAt: iso(-30) });
    const weather: WeatherAlert = { kind: 'cold', from: iso(-1), until: iso(48), note: '', by: 'admin' };
    expect(r.tick(0, weather).map((s) => s.step)).toEqual(['remind']);
    // The alert ends: the normal due time (54) is later, and the period already had its reminder.
    expect(r.tick(55).map((s) => s.step)).toEqual([]);
    expect(r.tick(78).map((s) => s.step)).toEqual(['escalate']);
  });

  it('raises an alert at once for 联系不上 and 紧急, and reminds once if it stays open', () => {
    expect(outcomeEffect('unreachable')).toEqual({ raise: 'unreachable', resets: false, tellStaff: true });
    expect(outcomeEffect('emergency')).toEqual({ raise: 'emergency', resets: true, tellStaff: true });
    expect(outcomeEffect('ok')).toEqual({ raise: null, resets: true, tellStaff: false });
    expect(outcomeEffect('worried').tellStaff).toBe(true);
    const done = new Set<string>();
    const alert = { alertId: 'al_1', seniorId: 's1', kind: 'unreachable', raisedAt: iso(0), state: 'open' as const, done };
    expect(alertSteps(alert, DEFAULT_SCHEDULE, at(0.5))).toEqual([]);
    const steps = alertSteps(alert, DEFAULT_SCHEDULE, at(1));
    expect(steps.map((s) => s.id)).toEqual([ladderStepId('s1', 'reminder', 'al_1')]);
    done.add(steps[0]!.id);
    expect(alertSteps(alert, DEFAULT_SCHEDULE, at(5))).toEqual([]);
    expect(alertSteps({ ...alert, done: new Set(), state: 'closed' }, DEFAULT_SCHEDULE, at(5))).toEqual([]);
    expect(alertSteps({ ...alert, done: new Set(), kind: 'help' }, DEFAULT_SCHEDULE, at(5))).toEqual([]);
  });
});
