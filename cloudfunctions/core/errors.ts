/**
 * Stable error codes of the API and the one place where their Chinese messages live.
 * Codes never change once published; messages may be reworded.
 */
export const ERROR_CODES = {
  VALIDATION: 400,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  NOT_REGISTERED: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  UNKNOWN_FUNCTION: 404,
  UNKNOWN_ACTION: 404,
  CONFLICT: 409,
  ALREADY_REGISTERED: 409,
  CAPACITY_FULL: 409,
  INSUFFICIENT_BALANCE: 409,
  CAP_EXCEEDED: 409,
  NOT_LINKED: 403,
  CLOSE_BLOCKED: 409,
  // Activities: sign-up rules, attendance and the check-in code.
  DEADLINE_PASSED: 409,
  NOT_ELIGIBLE: 403,
  TIME_CONFLICT: 409,
  DUPLICATE_SENIOR: 409,
  DUPLICATE_HELP: 409,
  WRONG_STATE: 409,
  TOKEN_INVALID: 400,
  TOKEN_EXPIRED: 400,
  OUT_OF_AREA: 403,
  TOO_MANY_ATTEMPTS: 429,
  // Help requests: a second volunteer accepting a request already taken.
  ALREADY_TAKEN: 409,
  PAYLOAD_TOO_LARGE: 413,
  // Setting up an environment: the one-time setup and the first admin.
  NOT_SET_UP: 503,
  SETUP_FORBIDDEN: 403,
  STREET_INVALID: 400,
  MAP_INVALID: 400,
  CONSENT_REQUIRED: 403,
  ADMIN_ALREADY_CLAIMED: 409,
  BUSY: 503,
  INTERNAL: 500,
  IDEMPOTENCY_MISMATCH: 409,
  DAILY_LIMIT: 409,
  SECOND_APPROVAL_NEEDED: 409,
  RATE_LIMITED: 429,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export const DEFAULT_MESSAGES: Record<ErrorCode, string> = {
  VALIDATION: '填写的内容有误，请检查后再提交',
  BAD_REQUEST: '请求格式不正确',
  UNAUTHENTICATED: '请先登录',
  NOT_REGISTERED: '请先完成注册',
  FORBIDDEN: '您没有权限进行此操作',
  NOT_FOUND: '找不到相关内容',
  UNKNOWN_FUNCTION: '没有这项服务',
  UNKNOWN_ACTION: '没有这个操作',
  CONFLICT: '操作冲突，请刷新后重试',
  ALREADY_REGISTERED: '您已经注册过了',
  CAPACITY_FULL: '名额已满',
  INSUFFICIENT_BALANCE: '可用时间币不足',
  CAP_EXCEEDED: '超过账户上限',
  NOT_LINKED: '只能转赠给双方都已确认的亲属',
  CLOSE_BLOCKED: '还有没了结的事情，暂时不能注销，请先处理好再来',
  DEADLINE_PASSED: '已过截止时间',
  NOT_ELIGIBLE: '不符合报名条件',
  TIME_CONFLICT: '与您已有的安排时间冲突',
  DUPLICATE_SENIOR: '本居委已经登记过同名、同年出生的老人',
  DUPLICATE_HELP: '这个时间已经有一个同样的求助了，不用再发一次',
  WRONG_STATE: '当前状态下不能进行这个操作',
  TOKEN_INVALID: '签到码无效，请扫描队长手机上的二维码',
  TOKEN_EXPIRED: '签到码已过期，请扫描队长手机上最新的二维码',
  TOO_MANY_ATTEMPTS: '签到码输错次数太多，请 10 分钟后再试，或请队长在名单上为您签到',
  OUT_OF_AREA: '不在活动地点附近，请到达现场后再签到',
  ALREADY_TAKEN: '这个求助已经被其他志愿者接下了',
  PAYLOAD_TOO_LARGE: '提交的内容太大（上限 1 MB）',
  NOT_SET_UP: '系统还没有开通完成，请联系街道管理员',
  SETUP_FORBIDDEN: '开通口令不正确',
  STREET_INVALID: '街道定义文件有误，请按提示修改后再运行开通',
  MAP_INVALID: '地图文件有误，请按提示修改后再导入',
  CONSENT_REQUIRED: '照片里的老人没有登记同意拍照，不能上传',
  ADMIN_ALREADY_CLAIMED: '街道管理员已经开通过了；如需增加管理员，请由现有管理员授权',
  BUSY: '系统繁忙，请稍后再试',
  INTERNAL: '系统出了点问题，请稍后再试',
  IDEMPOTENCY_MISMATCH: '请求编号已用于另一项操作',
  DAILY_LIMIT: '超过每人每天可记录的服务时长上限',
  SECOND_APPROVAL_NEEDED: '这条记录需要另一位队长或管理员复核',
  RATE_LIMITED: '操作太频繁，请稍后再试',
};

interface ErrorBody {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

/** An expected failure: carries a stable code and a message a person can read. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;

  constructor(code: ErrorCode, message?: string, details?: unknown) {
    super(message ?? DEFAULT_MESSAGES[code]);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  toBody(): ErrorBody {
    const body: ErrorBody = { code: this.code, message: this.message };
    if (this.details !== undefined) body.details = this.details;
    return body;
  }
}

export function httpStatusOf(code: ErrorCode): number {
  return ERROR_CODES[code] ?? 500;
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
