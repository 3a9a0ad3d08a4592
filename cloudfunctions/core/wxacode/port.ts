/**
 * The mini-program code of a page (小程序码): on CloudBase `cloud.openapi.wxacode.getUnlimited`
 * (a round code WeChat opens straight into the page with a `scene`), locally none — a plain URL QR
 * serves instead. Only the certificates function uses it (the proof's verify code).
 */
export interface Wxacode {
  /** The PNG of the code that opens `page` with `scene` (at most 32 characters). */
  unlimited(input: { scene: string; page: string }): Promise<Buffer>;
}

/** The verify page a proof's code opens, with the verification code as its `scene`. */
export const VERIFY_PAGE = 'packages/certificate/verify/index';
