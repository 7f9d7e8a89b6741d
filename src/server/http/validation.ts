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

/**
 * The body as JSON, refusing any object key `__proto__` and any text holding a NUL character.
 * JSON.parse makes such a key an ordinary property, but code that copies it (zod's records among
 * them) sets or drops a prototype instead: a record checked one way would be stored or sent on
 * another.
 */
export async function readJson(c: Context): Promise<unknown> {
  let text: string;
  try {
    text = await c.req.text();
  } catch {
    throw new RequestRejected(400, 'invalid_body', 'the body could not be read');
  }
  let value: unknown;
  try {
    // A key spelled `__proto__` has those letters, or an escape (a backslash and u) in place of some
    // of them, and a NUL can only be written as such an escape: other bodies, nearly all, are parsed
    // without looking at each key and value.
    value = mayNameProtoOrNul(text) ? JSON.parse(text, refuseProtoAndNul) : JSON.parse(text);
  } catch (error) {
    if (error instanceof RequestRejected) throw error;
    throw new RequestRejected(400, 'invalid_body', 'the body is not valid JSON');
  }
  return value;
}

function mayNameProtoOrNul(text: string): boolean {
  return text.includes('__proto__') || text.includes('\\u');
}

function refuseProtoAndNul(this: unknown, key: string, value: unknown): unknown {
  if (key === '__proto__') {
    throw new RequestRejected(400, 'invalid_body', 'a key may not be named __proto__', '__proto__');
  }
  // PostgreSQL's text holds no NUL, and no person types one.
  if (key.includes('\0') || (typeof value === 'string' && value.includes('\0'))) {
    throw new RequestRejected(400, 'invalid_body', 'text may not contain the NUL character');
  }
  return value;
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
