/**
 * The typed base for errors a user can act on. Each feature declares its codes once, each with its
 * HTTP status (`<feature>.errors.ts`), and throws `new XError(code, message, details?)`; the global
 * filter writes `{ statusCode, code, message, details? }`.
 */
export class AppError<Code extends string = string> extends Error {
  constructor(
    readonly code: Code,
    message: string,
    readonly status: number,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** Each error code of a feature with its HTTP status. */
export type ErrorStatuses<Code extends string> = Readonly<Record<Code, number>>;

/** The constructor of a feature's error class: the status comes from the code, never from the thrower. */
export type FeatureErrorClass<Code extends string> = new (
  code: Code,
  message: string,
  details?: unknown,
) => AppError<Code>;

/**
 * The base class of a feature's errors, mapping each code to its status:
 * `export class CampaignsError extends featureError(CAMPAIGNS_ERRORS) {}`.
 */
export function featureError<Code extends string>(statuses: ErrorStatuses<Code>): FeatureErrorClass<Code> {
  return class extends AppError<Code> {
    constructor(code: Code, message: string, details?: unknown) {
      super(code, message, statuses[code], details);
    }
  };
}
