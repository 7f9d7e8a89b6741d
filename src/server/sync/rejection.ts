// A push or pull the server refuses. Thrown inside the write transaction so that it rolls back, and
// turned into the ApiError body by the HTTP layer.
export class RequestRejected extends Error {
  constructor(
    readonly status: 400 | 403,
    readonly code: 'invalid_body' | 'invalid_query' | 'forbidden',
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'RequestRejected';
  }
}

export const invalid = (message: string, field?: string) =>
  new RequestRejected(400, 'invalid_body', message, field);
export const forbidden = (message: string, field?: string) =>
  new RequestRejected(403, 'forbidden', message, field);
