// The records of Tanfang, defined once. The app validates every local write with these, the server
// validates every request body with them, and the RxDB document types are inferred from them.
// zod/mini keeps the client's first load small; the server loads zod's English messages on top.
import * as z from 'zod/mini';

const text = (max: number) => z.string().check(z.maxLength(max));
// No transforms (trim and the like): the server stores exactly what the device sent, so both agree.
const requiredText = (max: number) =>
  z.string().check(z.regex(/\S/, { message: 'must not be empty' }), z.maxLength(max));

/** Ids are made on the device (UUID v7), so records can be created offline without collisions. */
export const Id = z.uuid();
/** A calendar day in the region's local time, YYYY-MM-DD. */
export const LocalDate = z.iso.date();
/** An instant, ISO 8601 with Z or an offset. */
export const Instant = z.iso.datetime({ offset: true });

/** Every synced record says who changed it last and when; deleting is a soft delete. */
const audit = {
  updatedAt: Instant,
  updatedBy: Id,
  _deleted: z.boolean(),
};

/**
 * When each top-level field was last edited, by the device that edited it. A field missing here was
 * last edited at the record's updatedAt. Merging compares these per field, so a device whose clock
 * is off wins at most the fields it edited, never the whole record.
 */
export const FieldTimes = z.record(z.string().check(z.maxLength(40)), Instant);
export type FieldTimes = z.infer<typeof FieldTimes>;

/**
 * The fieldTimes of a record with these fields: keyed by the record's own fields only (not its id),
 * so a device cannot fill a record with keys of its own (100,000 of them made a 7 MB record). The
 * key check is a refinement, so the JSON Schema, and the device's RxDB schema made from it, stay
 * as they are. zod drops a `__proto__` key of a record without checking it; the server refuses
 * one as it reads the body (readJson in src/server/http/validation.ts).
 */
function fieldTimesOf(fields: Record<string, unknown>) {
  const names = new Set(Object.keys(fields).filter((name) => name !== 'id'));
  const fieldName = z.string().check(
    z.maxLength(40),
    z.refine((name) => names.has(name), { message: 'not a field of this record' }),
  );
  return z.record(fieldName, Instant);
}

export const ELDER_CATEGORIES = [
  'living_alone', // 独居
  'empty_nest', // 空巢
  'left_behind', // 留守
  'advanced_age', // 高龄 80+
  'disabled', // 失能
  'dementia', // 失智
  'severely_disabled', // 重残
  'childless_widowed', // 孤寡
  'lost_only_child', // 失独
  'poor_household', // 困难家庭
  'extreme_poverty', // 特困
  'veteran', // 退伍老兵
  'party_member', // 老党员
] as const;
export type ElderCategory = (typeof ELDER_CATEGORIES)[number];

export const RISK_TIERS = ['high', 'key', 'general'] as const;
export type RiskTier = (typeof RISK_TIERS)[number];

/** 老年人能力评估: the result of the last capability assessment. */
export const CAPABILITY_LEVELS = ['intact', 'mild', 'moderate', 'severe', 'unknown'] as const;

export const Contact = z.strictObject({
  name: requiredText(50),
  relation: text(30),
  phone: text(30),
  emergency: z.boolean(),
});
export type Contact = z.infer<typeof Contact>;

/** Why an elder left the register: died, moved away, left the programme (by choice), or another reason. */
export const ARCHIVE_REASONS = ['deceased', 'moved', 'left_programme', 'other'] as const;
export type ArchiveReason = (typeof ARCHIVE_REASONS)[number];

const elderFields = {
  id: Id,
  name: requiredText(50),
  gender: z.enum(['female', 'male']),
  birthDate: LocalDate,
  town: requiredText(50),
  community: text(80),
  address: text(200),
  phone: text(30),
  categories: z.array(z.enum(ELDER_CATEGORIES)).check(z.maxLength(ELDER_CATEGORIES.length)),
  riskTier: z.enum(RISK_TIERS),
  livingSituation: text(2000),
  health: text(2000),
  capability: z.enum(CAPABILITY_LEVELS),
  contacts: z.array(Contact).check(z.maxLength(20)),
  consentGiven: z.boolean(),
  /** The day the elder (or their guardian) signed the consent; null when not signed or not known. */
  consentDate: z.optional(z.nullable(LocalDate)),
  assignedWorkerId: Id,
  notes: text(4000),
  // The register: the day the elder entered it, and the day and reason they left it. An archived
  // elder keeps their history but is no longer planned or counted (src/domain/register.ts).
  // Optional: records written by older app versions lack them (on the register since before).
  registeredOn: z.optional(LocalDate),
  archivedOn: z.optional(z.nullable(LocalDate)),
  archiveReason: z.optional(z.nullable(z.enum(ARCHIVE_REASONS))),
  /**
   * The volunteers paired with the elder (结对帮扶), ids of the volunteers register; a coordinator's
   * decision. A set: merged as one. Optional: records written before the register lack it.
   */
  volunteerIds: z.optional(z.array(Id).check(z.maxLength(20))),
};
export const Elder = z.strictObject({ ...elderFields, fieldTimes: fieldTimesOf(elderFields), ...audit });
export type Elder = z.infer<typeof Elder>;

export const SCHEDULE_KINDS = ['routine', 'follow_up', 'major_event', 'festival', 'extreme_weather'] as const;
export const SCHEDULE_STATUSES = ['planned', 'done', 'missed', 'cancelled'] as const;
export const MISSED_REASONS = ['not_home', 'in_hospital', 'refused', 'deceased', 'moved', 'other'] as const;
export type MissedReason = (typeof MISSED_REASONS)[number];
/** Missed because the elder died or moved away: for the coordinator to archive, not for another visit. */
export const MISSED_TO_ARCHIVE: readonly MissedReason[] = ['deceased', 'moved'];

/** A planned visit. `town` and `workerId` are copied from the elder when it is planned. */
const scheduleFields = {
  id: Id,
  elderId: Id,
  town: requiredText(50),
  workerId: Id,
  plannedDate: LocalDate,
  kind: z.enum(SCHEDULE_KINDS),
  status: z.enum(SCHEDULE_STATUSES),
  visitId: z.nullable(Id),
  missedReason: z.nullable(z.enum(MISSED_REASONS)),
  /**
   * Why the visit was missed, in the worker's words: required with the reason 'other'. Optional:
   * records written before it lack it, and an older app marks 'other' without it.
   */
  missedNote: z.optional(text(500)),
  note: text(1000),
};
export const Schedule = z
  .strictObject({ ...scheduleFields, fieldTimes: fieldTimesOf(scheduleFields), ...audit })
  .check(
    z.refine((s) => !(s.status === 'missed' && s.missedReason === 'other' && s.missedNote?.trim() === ''), {
      message: 'a visit missed for another reason needs the reason written',
      path: ['missedNote'],
    }),
  );
export type Schedule = z.infer<typeof Schedule>;

export const VISIT_MODES = ['home', 'call', 'third_party', 'volunteer', 'relative'] as const;
export type VisitMode = (typeof VISIT_MODES)[number];
export const SAFETY_RISKS = [
  'fall',
  'gas',
  'electricity',
  'fire',
  'no_food',
  'medication',
  'hygiene',
  'other',
] as const;
export const SERVICES = [
  'meal_help', // 助餐
  'meal_delivery', // 送餐
  'cleaning', // 助洁
  'bathing', // 助浴
  'recreation', // 助乐
  'grocery', // 买菜
  'haircut', // 义剪
  'health_guidance', // 健康指导
  'medical_care', // 医护上门
  'psychological_support', // 心理疏导
  'capability_assessment', // 老年人能力评估
  'small_wish', // 微心愿
] as const;
export const URGENCIES = ['low', 'normal', 'high', 'urgent'] as const;

export const FollowUp = z.strictObject({
  needed: z.boolean(),
  urgency: z.enum(URGENCIES),
  note: text(1000),
});

/**
 * A volunteer who took part, with minutes to credit to the time bank (时间银行). `volunteerId` names
 * the person on the volunteers register; null or absent for a helper typed by name (unregistered:
 * a one-off helper, or a visit recorded before the register), whose minutes no one can be credited.
 */
export const Participant = z.strictObject({
  name: requiredText(50),
  minutes: z.number().check(z.int(), z.gte(0), z.lte(24 * 60)),
  volunteerId: z.optional(z.nullable(Id)),
});
export type Participant = z.infer<typeof Participant>;

/** A small wish (微心愿) the elder stated during a visit; fulfilled when someone makes it come true. */
export const Wish = z.strictObject({
  text: requiredText(500),
  fulfilledAt: z.nullable(Instant),
});
export type Wish = z.infer<typeof Wish>;

const visitFields = {
  id: Id,
  elderId: Id,
  town: requiredText(50),
  workerId: Id,
  scheduleId: z.nullable(Id),
  mode: z.enum(VISIT_MODES),
  startedAt: Instant,
  endedAt: Instant,
  livingSituation: text(2000),
  safetyRisks: z.array(z.enum(SAFETY_RISKS)).check(z.maxLength(SAFETY_RISKS.length)),
  physicalState: text(2000),
  mentalState: text(2000),
  services: z.array(z.enum(SERVICES)).check(z.maxLength(SERVICES.length)),
  needs: text(2000),
  followUp: FollowUp,
  participants: z.array(Participant).check(z.maxLength(30)),
  notes: text(4000),
  // Added after the first release, so records made before may lack them.
  wish: z.optional(Wish),
  /** When the follow-up this visit asked for was done. */
  followUpDoneAt: z.optional(Instant),
  // Who closed the follow-up and what was done: kept so closing leaves a trace. Follow-ups closed
  // before these fields existed have only followUpDoneAt.
  followUpDoneBy: z.optional(Id),
  followUpDoneNote: z.optional(requiredText(500)),
};
export const Visit = z
  .strictObject({ ...visitFields, fieldTimes: fieldTimesOf(visitFields), ...audit })
  .check(
    z.refine((v) => Date.parse(v.endedAt) >= Date.parse(v.startedAt), {
      message: 'endedAt must not be before startedAt',
      path: ['endedAt'],
    }),
  );
export type Visit = z.infer<typeof Visit>;

/**
 * Who a person is in the programme: a worker (社工 or volunteer who visits), a coordinator of one or
 * more towns, or an admin of the whole city (every town, the place list, the coordinators). A role
 * never grants what is above it (src/domain/access.ts).
 */
export const ROLES = ['worker', 'coordinator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/**
 * A person who signs in. The password hash never leaves the server and is not part of this record.
 * An admin's `towns` may be empty: an admin has every town. A disabled person can no longer sign in
 * and their sessions have ended; the record stays, so their name stays on what they wrote.
 */
export const User = z
  .strictObject({
    id: Id,
    username: requiredText(40),
    displayName: requiredText(50),
    role: z.enum(ROLES),
    towns: z.array(requiredText(50)).check(z.maxLength(40)),
    // Absent means enabled: user records written by older servers lack it.
    disabled: z.optional(z.boolean()),
    ...audit,
  })
  .check(
    z.refine((user) => user.role === 'admin' || user.towns.length > 0, {
      message: 'a worker or coordinator needs at least one town',
      path: ['towns'],
    }),
  );
export type User = z.infer<typeof User>;

/** The birth years a volunteer may have: the oldest alive, and a child who helps with a parent. */
export const VOLUNTEER_BIRTH_YEARS = { min: 1920, max: 2015 } as const;

/**
 * A person on a town's volunteers register (志愿者). Volunteers do not sign in: a visit names them
 * among its participants and an elder among the volunteers paired with them, so the time bank can
 * credit the person. Coordinators (and admins) keep the register; an inactive volunteer stays on it
 * (visits name them) but is no longer offered for new visits or pairings.
 */
const volunteerFields = {
  id: Id,
  name: requiredText(50),
  phone: text(30),
  birthYear: z.number().check(z.int(), z.gte(VOLUNTEER_BIRTH_YEARS.min), z.lte(VOLUNTEER_BIRTH_YEARS.max)),
  town: requiredText(50),
  community: text(80),
  /** The volunteer team (志愿服务队) they belong to; empty when none. */
  team: text(80),
  /** Their number on 志愿中山, Zhongshan's volunteer platform; null when they have none. */
  zhiyuanNumber: z.optional(z.nullable(requiredText(40))),
  active: z.boolean(),
};
export const Volunteer = z.strictObject({
  ...volunteerFields,
  fieldTimes: fieldTimesOf(volunteerFields),
  ...audit,
});
export type Volunteer = z.infer<typeof Volunteer>;

/** The collections whose records are edited on devices and merged field by field. */
export const MERGED_COLLECTIONS = ['elders', 'schedules', 'visits', 'volunteers'] as const;
export type MergedCollection = (typeof MERGED_COLLECTIONS)[number];

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** One side of a clash: the value (as JSON text), who set it and when. */
export const ReviewSide = z.strictObject({
  value: z
    .string()
    .check(z.maxLength(20_000), z.refine(isJson, { message: 'must be a value written as JSON' })),
  by: Id,
  at: Instant,
});
export type ReviewSide = z.infer<typeof ReviewSide>;

export const REVIEW_STATUSES = ['open', 'reviewed'] as const;

/**
 * An entry of the review list: both sides changed the same field of one record. The value not kept
 * stays here, so nothing merged away is lost. `field` is '_deleted' for a delete that met an edit.
 * `elderId` is the elder the record is of (an elder's own id); a volunteer's record belongs to no
 * elder, and an entry about one holds the volunteer's own id there (and is a coordinator's to see).
 */
export const Review = z.strictObject({
  id: Id,
  collectionName: z.enum(MERGED_COLLECTIONS),
  recordId: Id,
  elderId: Id,
  town: requiredText(50),
  field: requiredText(40),
  kept: ReviewSide,
  other: ReviewSide,
  status: z.enum(REVIEW_STATUSES),
  /** 'other' when someone chose the value that was not kept (that choice is a new edit of the record). */
  resolution: z.nullable(z.enum(['kept', 'other'])),
  reviewedBy: z.nullable(Id),
  ...audit,
});
export type Review = z.infer<typeof Review>;

export const COLLECTIONS = ['elders', 'schedules', 'visits', 'reviews', 'users', 'volunteers'] as const;
export type CollectionName = (typeof COLLECTIONS)[number];

export const documentSchemas = {
  elders: Elder,
  schedules: Schedule,
  visits: Visit,
  reviews: Review,
  users: User,
  volunteers: Volunteer,
} as const;

export interface DocumentTypes {
  elders: Elder;
  schedules: Schedule;
  visits: Visit;
  reviews: Review;
  users: User;
  volunteers: Volunteer;
}
export type AnyDocument = DocumentTypes[CollectionName];
