/** Which code a proof's PDF carries: the mini-program code on CloudBase, the verify URL locally or when WeChat refuses. */
import pino from 'pino';
import { verifyCodeOf, verifyUrlOf } from '../../cloudfunctions/core/services/certificates';
import { createCloudbaseWxacode } from '../../cloudfunctions/core/wxacode/cloudbase';
import { VERIFY_PAGE, type Wxacode } from '../../cloudfunctions/core/wxacode/port';

const log = pino({ level: 'silent' });
const CODE = '7K3M-Q9XD-2HRT-V8PA-N';
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

describe('verifyCodeOf', () => {
  it('is the verify URL where the runtime has no mini-program codes (locally)', async () => {
    expect(await verifyCodeOf(undefined, CODE, log)).toBe(verifyUrlOf(CODE));
  });

  it('is the mini-program code of the verify page with the code as its scene, where there is one', async () => {
    const asked: Array<{ scene: string; page: string }> = [];
    const fake: Wxacode = { unlimited: async (input) => (asked.push(input), PNG) };
    expect(await verifyCodeOf(fake, CODE, log)).toEqual(PNG);
    expect(asked).toEqual([{ scene: CODE, page: VERIFY_PAGE }]);
    expect(VERIFY_PAGE).toBe('packages/certificate/verify/index');
  });

  it("points to the runtime's verify address when it has one", async () => {
    expect(await verifyCodeOf(undefined, CODE, log, 'https://street.example.cn/')).toBe(`https://street.example.cn/verify/${encodeURIComponent(CODE)}`);
  });

  it('falls back to the verify URL when WeChat refuses, so the proof is still made', async () => {
    const refusing: Wxacode = {
      unlimited: async () => {
        throw new Error('41030 invalid page');
      },
    };
    expect(await verifyCodeOf(refusing, CODE, log)).toBe(verifyUrlOf(CODE));
  });
});

describe('createCloudbaseWxacode', () => {
  it('calls openapi.wxacode.getUnlimited without a path check and answers its buffer', async () => {
    const calls: unknown[] = [];
    const cloud = {
      openapi: { wxacode: { getUnlimited: async (args: unknown) => (calls.push(args), { buffer: PNG, contentType: 'image/png', errCode: 0 }) } },
    };
    expect(await createCloudbaseWxacode(cloud).unlimited({ scene: CODE, page: VERIFY_PAGE })).toEqual(PNG);
    expect(calls).toEqual([expect.objectContaining({ scene: CODE, page: VERIFY_PAGE, checkPath: false })]);
  });

  it('throws when WeChat answers an error code or no image', async () => {
    const refused = { openapi: { wxacode: { getUnlimited: async () => ({ errCode: 41030, errMsg: 'invalid page' }) } } };
    await expect(createCloudbaseWxacode(refused).unlimited({ scene: CODE, page: VERIFY_PAGE })).rejects.toThrow('41030');
    const empty = { openapi: { wxacode: { getUnlimited: async () => ({ errCode: 0 }) } } };
    await expect(createCloudbaseWxacode(empty).unlimited({ scene: CODE, page: VERIFY_PAGE })).rejects.toThrow('no image');
  });
});
