/** Reading audit entries as lines of a senior's access log (domain/access-log.ts). */
import { ACCESS_KINDS, readAccess } from '../../cloudfunctions/core/domain/access-log';

describe('readAccess', () => {
  it('takes the capacity an entry recorded before the reader’s roles now', () => {
    expect(readAccess({ kind: 'senior.open', detail: { alertId: 'al1', as: 'partner', fields: ['address'] } }, ['admin'])).toEqual({
      as: 'partner',
      fields: ['address'],
      reason: 'alert',
      refId: 'al1',
    });
    expect(readAccess({ kind: 'senior.contacts.open', detail: { via: 'proxy', fields: ['emergencyContacts'] } }, ['socialWorker'])?.as).toBe('proxy');
  });

  it('falls back on the reader’s roles for entries written before the capacity was recorded', () => {
    const oldAlert = { kind: 'senior.open', detail: { alertId: 'al1', fields: ['address', 'phone', 'emergencyContacts'] } };
    expect(readAccess(oldAlert, ['volunteer', 'admin'])?.as).toBe('admin');
    expect(readAccess(oldAlert, ['socialWorker'])?.as).toBe('socialWorker');
    expect(readAccess(oldAlert, ['duty'])?.as).toBe('duty');
    expect(readAccess(oldAlert, ['proxy'])?.as).toBe('alertRecipient');
    expect(readAccess({ kind: 'senior.open', detail: { fields: ['address'] } }, ['admin'])).toMatchObject({ as: 'admin', reason: 'record' });
    expect(readAccess({ kind: 'senior.health.open', detail: { as: 'staff', field: 'health' } }, ['socialWorker'])).toEqual({
      as: 'socialWorker',
      fields: ['health'],
      reason: 'card',
      refId: null,
    });
  });

  it('names what was opened even when an entry’s detail lists nothing readable', () => {
    expect(readAccess({ kind: 'senior.contact.open', detail: null }, [])).toEqual({ as: 'helper', fields: ['address', 'phone'], reason: 'help', refId: null });
    expect(readAccess({ kind: 'senior.open', detail: { fields: ['password', 7] } }, ['socialWorker'])?.fields).toEqual([
      'address',
      'phone',
      'emergencyContacts',
    ]);
  });

  it('is null for audit entries that are not openings of her fields', () => {
    for (const kind of ['senior.update', 'senior.register', 'proxy.confirm', 'senior.secret.open', 'role.grant']) {
      expect(readAccess({ kind, detail: {} }, ['admin'])).toBeNull();
    }
    for (const kind of ACCESS_KINDS) expect(readAccess({ kind, detail: {} }, ['admin'])).not.toBeNull();
  });
});
