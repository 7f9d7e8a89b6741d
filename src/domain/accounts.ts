// The accounts contract: `/api/users`, for coordinators and admins (src/domain/access.ts says who may
// manage whom). Accounts live on the server only: these routes need a connection, unlike records.
import * as z from 'zod/mini';
import { ROLES, User } from './schemas';

const text = (max: number) =>
  z.string().check(z.regex(/\S/, { message: 'must not be empty' }), z.maxLength(max));

/** Letters, digits, '.', '_' and '-': a name that is easy to type on a phone and to say aloud. */
export const Username = z
  .string()
  .check(
    z.minLength(3),
    z.maxLength(40),
    z.regex(/^[A-Za-z0-9._-]+$/, { message: 'use letters, digits, ".", "_" or "-"' }),
  );

/** At least 8 characters: the phone holds elders' data, and the password is what guards it. */
export const Password = z.string().check(z.minLength(8), z.maxLength(200));

const Towns = z.array(text(50)).check(z.maxLength(40));

/** `POST /api/users`. */
export const CreateUserRequest = z.strictObject({
  username: Username,
  displayName: text(50),
  role: z.enum(ROLES),
  towns: Towns,
  password: Password,
});
export type CreateUserRequest = z.infer<typeof CreateUserRequest>;

/** `PATCH /api/users/{id}`: what a manager may change of an account; absent fields stay. */
export const UpdateUserRequest = z.strictObject({
  displayName: z.optional(text(50)),
  towns: z.optional(Towns),
  disabled: z.optional(z.boolean()),
});
export type UpdateUserRequest = z.infer<typeof UpdateUserRequest>;

/** `POST /api/users/{id}/password`: sets a new password and ends every session of the account. */
export const SetPasswordRequest = z.strictObject({ password: Password });
export type SetPasswordRequest = z.infer<typeof SetPasswordRequest>;

/** `GET /api/users`. */
export const UsersResponse = z.strictObject({ users: z.array(User) });
export type UsersResponse = z.infer<typeof UsersResponse>;

/** `POST /api/users` (201) and `PATCH /api/users/{id}`. */
export const UserResponse = z.strictObject({ user: User });
export type UserResponse = z.infer<typeof UserResponse>;
