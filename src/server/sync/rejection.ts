// A request the server refuses. Thrown inside the write transaction so that it rolls back, and
// turned into the ApiError body by the HTTP layer.
export class RequestRejected extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409,
    readonly code: 'invalid_body' | 'invalid_query' | 'forbidden' | 'not_found' | 'conflict',
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
export const notFound = (message: string) => new RequestRejected(404, 'not_found', message);
export const conflict = (message: string, field?: string) =>
  new RequestRejected(409, 'conflict', message, field);
