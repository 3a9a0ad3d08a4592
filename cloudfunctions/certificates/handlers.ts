import type { Handlers } from '../core/runtime/dispatch';
import * as certificates from '../core/services/certificates';
import { yearReview } from '../core/services/year-review';

export const handlers: Handlers<'certificates'> = {
  apply: certificates.apply,
  mine: certificates.mine,
  queue: certificates.queue,
  detail: certificates.detail,
  decide: certificates.decide,
  issue: certificates.issue,
  reissue: certificates.reissue,
  document: certificates.document,
  publicity: certificates.publicity,
  yearReview,
  issuerSettings: certificates.issuerSettings,
  setIssuer: certificates.setIssuer,
  verify: certificates.verify,
};
