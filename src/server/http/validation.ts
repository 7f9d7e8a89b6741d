// Request checking with the shared zod schemas, and the error bodies the API answers with.
import type { Context } from 'hono';
import * as z from 'zod';
import type { ApiError } from '../../domain/api';
import { RequestRejected } from '../sync/rejection';

// The shared schemas use zod/mini, which carries no messages; load the English ones for clients.
z.config(z.locales.en());

/** The first issue's path, joined by '.', e.g. "0.newDocumentState.mode". */
function firstIssue(error: z.core.$ZodError): { message: string; field?: string } {
  const issue = error.issues[0];
  if (issue === undefined) return { message: 'invalid input' };
  const field = issue.path.map(String).join('.');
  return field === '' ? { message: issue.message } : { message: issue.message, field };
}

/** Checks `value`; throws RequestRejected (400) naming the first offending field. */
export function parseInput<S extends z.core.$ZodType>(
  schema: S,
  value: unknown,
  code: 'invalid_body' | 'invalid_query' = 'invalid_body',
): z.core.output<S> {
  const result = z.safeParse(schema, value);
  if (result.success) return result.data;
  const { message, field } = firstIssue(result.error);
  throw new RequestRejected(400, code, message, field);
}

export async function readJson(c: Context): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    throw new RequestRejected(400, 'invalid_body', 'the body is not valid JSON');
  }
}

export function errorBody(error: string, message: string, field?: string): ApiError {
  return field === undefined ? { error, message } : { error, message, field };
}

export function rejectionBody(rejection: RequestRejected): ApiError {
  return errorBody(rejection.code, rejection.message, rejection.field);
}

export function rejectionResponse(c: Context, rejection: RequestRejected): Response {
  return c.json(rejectionBody(rejection), rejection.status);
}
