/** A write refused because something it names does not exist (HTTP 404). */
export class NotFoundError extends Error {
  constructor(public readonly what: string, public readonly id: string) {
    super(`${what} "${id}" does not exist`);
  }
}

/** A write refused because of what it asks, field by field (HTTP 422); nothing was changed. */
export class InvalidChangeError extends Error {
  constructor(public readonly errors: Array<{ field: string; message: string }>) {
    super(errors.map((e) => `${e.field}: ${e.message}`).join('; '));
  }
}

/** A write refused because of the current state (HTTP 409). */
export class ConflictError extends Error {}
