/**
 * Typed domain errors. Each carries an HTTP status and a message key from the i18n catalogue (safe to
 * show in the user's language); internal detail goes to the log through `cause`, never to the user.
 */
export type MessageParams = Record<string, string | number>;

export interface FieldMessage {
  key: string;
  params?: MessageParams;
}

export abstract class DomainError extends Error {
  abstract readonly status: 400 | 403 | 404 | 409 | 413 | 422 | 429;
  constructor(
    readonly messageKey: string,
    readonly params: MessageParams = {},
    options?: ErrorOptions,
  ) {
    super(messageKey, options);
    this.name = new.target.name;
  }
}

export class NotFound extends DomainError {
  readonly status = 404;
  constructor(messageKey = "error.notFound", params?: MessageParams) {
    super(messageKey, params);
  }
}

/** Use only where the thing's existence is already known to the viewer; otherwise answer NotFound. */
export class Forbidden extends DomainError {
  readonly status = 403;
  constructor(messageKey = "error.forbidden", params?: MessageParams) {
    super(messageKey, params);
  }
}

export class Conflict extends DomainError {
  readonly status = 409;
}

export class TooLarge extends DomainError {
  readonly status = 413;
}

export class TooManyRequests extends DomainError {
  readonly status = 429;
  constructor(
    readonly retryAfterSeconds: number,
    messageKey = "error.tooManyRequests",
  ) {
    super(messageKey, { minutes: Math.max(1, Math.ceil(retryAfterSeconds / 60)) });
  }
}

/** A user input problem: one message per field (field "" is for the whole form). */
export class Invalid extends DomainError {
  readonly status = 422;
  constructor(readonly fields: Record<string, FieldMessage>) {
    super(Object.values(fields)[0]?.key ?? "error.invalid");
  }

  static field(field: string, key: string, params?: MessageParams): Invalid {
    return new Invalid({ [field]: params ? { key, params } : { key } });
  }
}
