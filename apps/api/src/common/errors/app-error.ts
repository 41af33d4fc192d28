/**
 * The typed base for errors a user can act on. Each feature declares its own code union;
 * the global filter maps the status and writes `{ statusCode, code, message, details? }`.
 */
export class AppError<Code extends string = string> extends Error {
  constructor(
    readonly code: Code,
    message: string,
    readonly status: number = 400,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}
