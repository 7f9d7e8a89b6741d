// A whole set of records to load into an empty server at once: the demo data (seeds/load.ts) and
// the fixtures of the server tests. Passwords appear only here, in clear, and are hashed on load.
import type { Elder, Schedule, User, Visit, Volunteer } from './schemas';

export interface Dataset {
  users: Array<User & { password: string }>;
  elders: Elder[];
  schedules: Schedule[];
  visits: Visit[];
  /** The volunteers registers; absent in a dataset made before them (none). */
  volunteers?: Volunteer[];
}
