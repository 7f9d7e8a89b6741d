// Shared by the seed tests: schema checks over a whole dataset, and due counts.
import { computeDue, type DueStatus } from '../../src/domain/cadence';
import type { Dataset } from '../../src/domain/dataset';
import { Elder, Schedule, User, Visit, Volunteer } from '../../src/domain/schemas';

/** One line per record that fails its schema; empty when all pass. */
export function schemaFailures(dataset: Dataset): string[] {
  const failures: string[] = [];
  const check = (
    collection: string,
    records: readonly unknown[],
    schema: { safeParse(value: unknown): { success: boolean; error?: { message: string } } },
  ) => {
    records.forEach((record, index) => {
      const result = schema.safeParse(record);
      if (!result.success) failures.push(`${collection}[${index}]: ${result.error?.message}`);
    });
  };
  // The password is the dataset's addition to a user; the User record itself has none.
  check(
    'users',
    dataset.users.map(({ password: _password, ...user }) => user),
    User,
  );
  check('elders', dataset.elders, Elder);
  check('schedules', dataset.schedules, Schedule);
  check('visits', dataset.visits, Visit);
  check('volunteers', dataset.volunteers ?? [], Volunteer);
  return failures;
}

export function dueCounts(dataset: Dataset, today: string): Record<DueStatus, number> {
  const counts: Record<DueStatus, number> = { overdue: 0, due: 0, upcoming: 0 };
  for (const item of computeDue({ ...dataset, today })) counts[item.status]++;
  return counts;
}
