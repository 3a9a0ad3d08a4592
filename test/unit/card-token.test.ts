/** The electronic volunteer card's QR token (domain/card-token.ts). */
import { createSecrets, generateMasterKey, parseMasterKey } from '../../cloudfunctions/core/crypto';
import { CARD_WINDOW_SECONDS, checkCardToken, isCardToken, issueCardToken } from '../../cloudfunctions/core/domain/card-token';
import { issueToken } from '../../cloudfunctions/core/domain/checkin-token';

const secrets = createSecrets(parseMasterKey(generateMasterKey()));
const sign = (p: string) => secrets.sign(p);
const t0 = new Date('2026-11-28T01:00:10.000Z');
const after = (s: number) => new Date(t0.getTime() + s * 1000);

describe('the volunteer card token', () => {
  it('names its volunteer during its window and the next, then expires', () => {
    const issued = issueCardToken(sign, 'u_alice', t0);
    expect(isCardToken(issued.token)).toBe(true);
    expect(issued.windowSeconds).toBe(CARD_WINDOW_SECONDS);
    expect(checkCardToken(sign, issued.token, t0)).toEqual({ ok: true, userId: 'u_alice' });
    expect(checkCardToken(sign, issued.token, after(49))).toEqual({ ok: true, userId: 'u_alice' });
    expect(checkCardToken(sign, issued.token, after(60))).toEqual({ ok: true, userId: 'u_alice' });
    expect(checkCardToken(sign, issued.token, after(110))).toEqual({ ok: false, reason: 'expired' });
    expect(checkCardToken(sign, issued.token, after(3600))).toEqual({ ok: false, reason: 'expired' });
    // validUntil is the last accepted moment; one millisecond later it is refused.
    expect(checkCardToken(sign, issued.token, new Date(issued.validUntil)).ok).toBe(true);
    expect(checkCardToken(sign, issued.token, new Date(Date.parse(issued.validUntil) + 1))).toEqual({ ok: false, reason: 'expired' });
  });

  it('rotates every window and differs per volunteer', () => {
    const first = issueCardToken(sign, 'u_alice', t0);
    expect(issueCardToken(sign, 'u_alice', after(40)).token).toBe(first.token);
    expect(issueCardToken(sign, 'u_alice', after(60)).token).not.toBe(first.token);
    expect(issueCardToken(sign, 'u_bob', t0).token).not.toBe(first.token);
    expect(Date.parse(first.rotatesAt)).toBe(Date.parse('2026-11-28T01:01:00.000Z'));
  });

  it('refuses a token whose volunteer, window or signature was changed', () => {
    const [p, , w, sig] = issueCardToken(sign, 'u_alice', t0).token.split('.') as [string, string, string, string];
    expect(checkCardToken(sign, `${p}.u_bob.${w}.${sig}`, t0)).toEqual({ ok: false, reason: 'invalid' });
    expect(checkCardToken(sign, `${p}.u_alice.${Number(w) + 1}.${sig}`, after(60))).toEqual({ ok: false, reason: 'invalid' });
    const flipped = sig.slice(0, -1) + (sig.endsWith('A') ? 'B' : 'A');
    expect(checkCardToken(sign, `${p}.u_alice.${w}.${flipped}`, t0)).toEqual({ ok: false, reason: 'invalid' });
    expect(checkCardToken(sign, `${p}.u_alice.${w}.${sig.slice(0, 10)}`, t0)).toEqual({ ok: false, reason: 'invalid' });
    expect(checkCardToken(sign, `${p}.u_alice.${w}`, t0)).toEqual({ ok: false, reason: 'invalid' });
    expect(checkCardToken(sign, '', t0)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('is not accepted when signed with another key or made for the future', () => {
    const other = createSecrets(parseMasterKey(generateMasterKey()));
    const forged = issueCardToken((p) => other.sign(p), 'u_alice', t0).token;
    expect(checkCardToken(sign, forged, t0)).toEqual({ ok: false, reason: 'invalid' });
    const future = issueCardToken(sign, 'u_alice', after(600)).token;
    expect(checkCardToken(sign, future, t0)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('cannot be made from an activity check-in token', () => {
    const activity = issueToken(sign, 'u_alice', t0).token;
    expect(isCardToken(activity)).toBe(false);
    const [, id, w, sig] = activity.split('.');
    expect(checkCardToken(sign, `vc1.${id}.${w}.${sig}`, t0)).toEqual({ ok: false, reason: 'invalid' });
  });
});
