import { createSecrets, generateMasterKey, issueSessionToken, parseMasterKey, readSessionToken } from '../../cloudfunctions/core/crypto';

const secrets = createSecrets(parseMasterKey(generateMasterKey()));

describe('field encryption', () => {
  it('round-trips and never repeats a ciphertext', () => {
    const a = secrets.encrypt('13812345678');
    const b = secrets.encrypt('13812345678');
    expect(a).not.toBe(b);
    expect(a).not.toContain('13812345678');
    expect(secrets.decrypt(a)).toBe('13812345678');
  });
  it('refuses a tampered ciphertext', () => {
    const sealed = secrets.encrypt('上海市某路 1 号');
    const parts = sealed.split('.');
    const body = Buffer.from(parts[2]!, 'base64url');
    body[0] = body[0]! ^ 1;
    parts[2] = body.toString('base64url');
    expect(() => secrets.decrypt(parts.join('.'))).toThrow();
  });
  it('cannot be read with another key', () => {
    const other = createSecrets(parseMasterKey(generateMasterKey()));
    expect(() => other.decrypt(secrets.encrypt('x'))).toThrow();
  });
  it('hashes lookups deterministically per kind', () => {
    expect(secrets.lookupHash('phone', '1')).toBe(secrets.lookupHash('phone', '1'));
    expect(secrets.lookupHash('phone', '1')).not.toBe(secrets.lookupHash('id', '1'));
  });
  it('rejects a master key of the wrong length', () => {
    expect(() => parseMasterKey(Buffer.alloc(16).toString('base64'))).toThrow();
  });
});

describe('session tokens', () => {
  const now = Date.parse('2026-11-27T00:00:00Z');
  it('carry the openid until they expire', () => {
    const token = issueSessionToken(secrets, 'demo-v01', now, 1000, 'development');
    expect(readSessionToken(secrets, token, now + 999, 'development')).toBe('demo-v01');
    expect(readSessionToken(secrets, token, now + 1001, 'development')).toBeNull();
  });
  it('are refused when forged or altered', () => {
    const token = issueSessionToken(secrets, 'demo-v01', now, 1000, 'development');
    const [payload, sig] = token.split('.');
    const forgedPayload = Buffer.from(JSON.stringify({ sub: 'demo-admin', exp: now + 1000 })).toString('base64url');
    expect(readSessionToken(secrets, `${forgedPayload}.${sig}`, now, 'development')).toBeNull();
    expect(readSessionToken(secrets, `${payload}.${sig}x`, now, 'development')).toBeNull();
    expect(readSessionToken(secrets, 'garbage', now, 'development')).toBeNull();
    const other = createSecrets(parseMasterKey(generateMasterKey()));
    expect(readSessionToken(other, token, now, 'development')).toBeNull();
  });
  it('are accepted only in the mode they were issued in', () => {
    const dev = issueSessionToken(secrets, 'demo-v01', now, 1000, 'development');
    expect(readSessionToken(secrets, dev, now, 'production')).toBeNull();
    const prod = issueSessionToken(secrets, 'o_real', now, 1000, 'production');
    expect(readSessionToken(secrets, prod, now, 'production')).toBe('o_real');
    expect(readSessionToken(secrets, prod, now, 'development')).toBeNull();
    // A token from before modes existed (signed, unexpired, no mode) is refused in both.
    const payload = Buffer.from(JSON.stringify({ sub: 'demo-v01', exp: now + 1000 })).toString('base64url');
    const legacy = `${payload}.${secrets.sign(payload)}`;
    expect(readSessionToken(secrets, legacy, now, 'development')).toBeNull();
    expect(readSessionToken(secrets, legacy, now, 'production')).toBeNull();
  });
});
