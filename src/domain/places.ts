// The places of the programme: the city's town-level divisions (镇街) and their communities (社区,
// 村). Data, not code: the server keeps the list and an admin adds or renames communities. This
// file holds only the shapes of the list and of its requests.
import * as z from 'zod/mini';

/** A 街道 (subdistrict) or a 镇 (town). */
export const TOWN_KINDS = ['subdistrict', 'town'] as const;
export type TownKind = (typeof TOWN_KINDS)[number];

const placeName = z.string().check(z.regex(/\S/, { message: 'must not be empty' }), z.maxLength(50));
const communityName = z.string().check(z.regex(/\S/, { message: 'must not be empty' }), z.maxLength(80));

export const Town = z.strictObject({
  name: placeName,
  kind: z.enum(TOWN_KINDS),
  communities: z.array(communityName),
});
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
