/**
 * Typed errors that domain functions throw and routes turn into pages. The code decides
 * the HTTP status in one place; only unexpected errors (anything else) are logged as errors.
 */
export const APP_ERROR_STATUS = {
  NOT_FOUND: 404,
  FORBIDDEN: 403,
  CONFLICT: 409,
  INVALID: 422,
  THROTTLED: 429,
} as const;

export type AppErrorCode = keyof typeof APP_ERROR_STATUS;

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "AppError";
    this.status = APP_ERROR_STATUS[code];
  }
}

export const notFound = (what = "page") =>
  new AppError("NOT_FOUND", `We could not find that ${what}.`);
export const forbidden = (message = "You do not have access to this.") =>
  new AppError("FORBIDDEN", message);
export const conflict = (message: string, details: Record<string, unknown> = {}) =>
  new AppError("CONFLICT", message, details);
export const invalid = (message: string, details: Record<string, unknown> = {}) =>
  new AppError("INVALID", message, details);
