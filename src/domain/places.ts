// The places of the programme: the city's town-level divisions (镇街) and their communities (社区,
// 村). Data, not code: the server keeps the list and an admin adds or renames communities. This
// file holds only the shapes of the list and of its requests.
import * as z from 'zod/mini';
import { CADENCE_LIMITS, type CadenceRule, tierOutOfOrder } from './cadence';

/** A 街道 (subdistrict) or a 镇 (town). */
export const TOWN_KINDS = ['subdistrict', 'town'] as const;
export type TownKind = (typeof TOWN_KINDS)[number];

const placeName = z.string().check(z.regex(/\S/, { message: 'must not be empty' }), z.maxLength(50));
const communityName = z.string().check(z.regex(/\S/, { message: 'must not be empty' }), z.maxLength(80));

const UNITS = ['day', 'week', 'month'] as const satisfies readonly CadenceRule['unit'][];

/** How often a tier is visited: every 1–90 days, 1–52 weeks or 1–12 months. */
export const CadenceRuleSchema = z
  .strictObject({ every: z.number().check(z.int(), z.gte(1)), unit: z.enum(UNITS) })
  .check(
    z.refine((rule) => rule.every <= CADENCE_LIMITS[rule.unit], {
      message: `every is at most ${CADENCE_LIMITS.day} days, ${CADENCE_LIMITS.week} weeks or ${CADENCE_LIMITS.month} months`,
      path: ['every'],
    }),
  );

/**
 * A town's cadence, one rule per risk tier. A higher tier is visited at least as often as the one
 * below it (a month counted as 365.25 / 12 days); a rule out of order is refused on its own field.
 */
export const CadenceRulesSchema = z
  .strictObject({ high: CadenceRuleSchema, key: CadenceRuleSchema, general: CadenceRuleSchema })
  .check(
    z.superRefine((rules, context) => {
      const tier = tierOutOfOrder(rules);
      if (tier === null) return;
      const lower = tier === 'high' ? 'key' : 'general';
      context.issues.push({
        code: 'custom',
        input: rules,
        path: [tier],
        message: `${tier} must be visited at least as often as ${lower}`,
      });
    }),
  );

/** A town as the place list stores it: its name, kind and communities. */
export const Place = z.strictObject({
  name: placeName,
  kind: z.enum(TOWN_KINDS),
  communities: z.array(communityName),
});
export type Place = z.infer<typeof Place>;

/** A town as the API gives it: with its cadence, the defaults (DOMAIN.md) where the town set none. */
export const Town = z.extend(Place, { cadence: CadenceRulesSchema });
export type Town = z.infer<typeof Town>;

/** `GET /api/places`: every town, in the city's order, each with its communities. */
export const PlacesResponse = z.strictObject({ towns: z.array(Town) });
export type PlacesResponse = z.infer<typeof PlacesResponse>;

/** `POST /api/places/{town}/communities`: adds a community to a town. */
export const AddCommunityRequest = z.strictObject({ name: communityName });
export type AddCommunityRequest = z.infer<typeof AddCommunityRequest>;

/** `PATCH /api/places/{town}/communities/{name}`: renames a community, and the elders' records with it. */
export const RenameCommunityRequest = z.strictObject({ name: communityName });
export type RenameCommunityRequest = z.infer<typeof RenameCommunityRequest>;

/** The answer to `POST /api/places/{town}/communities` (201): the town as it is now. */
export const TownResponse = z.strictObject({ town: Town });
export type TownResponse = z.infer<typeof TownResponse>;

/** The answer to a rename: the town as it is now, and how many elders' records were renamed. */
export const RenamedCommunityResponse = z.strictObject({
  town: Town,
  elders: z.number().check(z.int(), z.gte(0)),
});
export type RenamedCommunityResponse = z.infer<typeof RenamedCommunityResponse>;

/** `PUT /api/places/{town}/cadence`: the town's cadence, all three tiers. */
export const SetCadenceRequest = CadenceRulesSchema;
export type SetCadenceRequest = z.infer<typeof SetCadenceRequest>;
