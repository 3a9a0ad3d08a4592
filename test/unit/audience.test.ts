/** What applies to a person from their roles (src/services/audience.ts): a senior who does not volunteer, and one who does. */
import type { TemplateKey } from '@core/domain/notifications';
import { notificationsFor, onSeniorSideOnly, seesCertificates, servesAsVolunteer } from '../../src/services/audience';

const ALL: Array<{ template: TemplateKey }> = (['activity', 'hours', 'help', 'contact', 'alert', 'team'] as const).map((template) => ({ template }));
const kinds = (roles: Parameters<typeof notificationsFor>[1]) => notificationsFor(ALL, roles).map((i) => i.template);

describe('servesAsVolunteer and seesCertificates', () => {
  test('a senior alone is no volunteer and has no certificates', () => {
    expect(servesAsVolunteer(['senior'])).toBe(false);
    expect(seesCertificates(['senior'])).toBe(false);
  });
  test('a senior who also volunteers keeps both; a leader is a volunteer', () => {
    expect(servesAsVolunteer(['senior', 'volunteer'])).toBe(true);
    expect(seesCertificates(['senior', 'volunteer'])).toBe(true);
    expect(servesAsVolunteer(['leader'])).toBe(true);
  });
  test('issuers who do not volunteer still reach certificates (their queue), not volunteer things', () => {
    expect(servesAsVolunteer(['admin'])).toBe(false);
    expect(seesCertificates(['admin'])).toBe(true);
    expect(seesCertificates(['socialWorker'])).toBe(true);
    expect(seesCertificates(['proxy'])).toBe(false);
  });
});

describe('onSeniorSideOnly', () => {
  test('a senior or a family proxy who does not volunteer is on the senior side only', () => {
    expect(onSeniorSideOnly(['senior'])).toBe('senior');
    expect(onSeniorSideOnly(['proxy'])).toBe('proxy');
    expect(onSeniorSideOnly(['senior', 'proxy'])).toBe('senior');
  });
  test('volunteering, or holding no senior-side role, is not', () => {
    expect(onSeniorSideOnly(['senior', 'volunteer'])).toBeNull();
    expect(onSeniorSideOnly(['proxy', 'leader'])).toBeNull();
    expect(onSeniorSideOnly(['socialWorker'])).toBeNull();
    expect(onSeniorSideOnly(['guest'])).toBeNull();
  });
});

describe('notificationsFor', () => {
  test('a senior who does not volunteer is offered her requests and who handles her alarm, no activity reminders', () => {
    expect(kinds(['senior'])).toEqual(['help', 'alert']);
  });
  test('a senior who volunteers is offered everything a volunteer is', () => {
    expect(kinds(['senior', 'volunteer'])).toEqual(['activity', 'hours', 'help', 'contact', 'alert', 'team']);
  });
  test('a family proxy who volunteers keeps the volunteer kinds; a proxy alone gets the senior side', () => {
    expect(kinds(['volunteer', 'proxy'])).toEqual(['activity', 'hours', 'help', 'contact', 'alert', 'team']);
    expect(kinds(['proxy'])).toEqual(['help', 'alert']);
  });
  test('a street admin who does not volunteer hears of hours (复核, 异议), not of activities', () => {
    expect(kinds(['admin'])).toEqual(['hours', 'help', 'contact', 'alert']);
  });
  test('the duty officer gets alarms only; nobody without a role gets anything', () => {
    expect(kinds(['duty'])).toEqual(['alert']);
    expect(kinds(['guest'])).toEqual([]);
  });
  test('keeps the items it is given, in order, with their other fields', () => {
    const items = [
      { template: 'alert' as const, left: 3 },
      { template: 'activity' as const, left: 0 },
    ];
    expect(notificationsFor(items, ['senior'])).toEqual([{ template: 'alert', left: 3 }]);
  });
});
