// Pieces the register's forms share (an elder, a volunteer): the town and community from the place
// list, the duplicate warning with its "save anyway", the end of the form, and the field a refused
// write names.
import { useMemo } from 'preact/hooks';
import type { User } from '../../domain/schemas';
import type { Caller } from '../api/accounts';
import { communitiesOf, townNames, usePlaces } from '../places';
import { Field, invalidProps } from './AccountParts';

/** The field an InvalidRecordError of the device's commands (src/app/db/store.ts) names, if it is one. */
export function refusedField(error: unknown): string | undefined {
  return error instanceof Error && error.name === 'InvalidRecordError'
    ? (error as { field?: string }).field
    : undefined;
}

/** The labels of the town and community fields, in the form's own words. */
export interface PlaceLabels {
  town: string;
  community: string;
  chooseTown: string;
  chooseCommunity: string;
}

/**
 * The town (the manager's towns; an admin's: the city's) and its community from the place list,
 * waiting for a town. The community is typed only when the device has no list for the town (never
 * fetched offline, or a town without any). A value no longer on the lists stays offered.
 */
export function PlaceFields({
  api,
  me,
  idPrefix,
  town,
  community,
  labels,
  errors,
  onTown,
  onCommunity,
}: {
  api: Caller;
  me: User;
  idPrefix: string;
  town: string;
  community: string;
  labels: PlaceLabels;
  errors: { town?: string | undefined; community?: string | undefined };
  onTown: (town: string) => void;
  onCommunity: (community: string) => void;
}) {
  const places = usePlaces(api);
  const towns = useMemo(() => {
    const list = me.role === 'admin' ? townNames(places) : me.towns;
    return town && !list.includes(town) ? [town, ...list] : list;
  }, [me, places, town]);
  const communities = useMemo(() => {
    const list = communitiesOf(places, town);
    return community && !list.includes(community) ? [community, ...list] : list;
  }, [places, town, community]);
  const townId = `${idPrefix}-town`;
  const communityId = `${idPrefix}-community`;
  return (
    <>
      <Field id={townId} label={labels.town} error={errors.town}>
        <select
          name="town"
          value={town}
          {...invalidProps(townId, errors.town)}
          onChange={(e) => onTown(e.currentTarget.value)}
        >
          <option value="">{labels.chooseTown}</option>
          {towns.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </Field>
      <Field id={communityId} label={labels.community} error={errors.community}>
        {communities.length > 0 || (places !== null && town === '') ? (
          <select
            name="community"
            value={community}
            disabled={town === ''}
            {...invalidProps(communityId, errors.community)}
            onChange={(e) => onCommunity(e.currentTarget.value)}
          >
            <option value="">{labels.chooseCommunity}</option>
            {communities.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        ) : (
          <input
            name="community"
            value={community}
            {...invalidProps(communityId, errors.community)}
            onInput={(e) => onCommunity(e.currentTarget.value)}
          />
        )}
      </Field>
    </>
  );
}

/** Says a record like this one is already on the register, and offers to save it anyway. */
export function DuplicateWarning({
  message,
  button,
  onConfirm,
}: {
  message: string;
  button: string;
  onConfirm: (event: Event) => void;
}) {
  return (
    <div class="confirm" data-testid="duplicate">
      <p role="alert">{message}</p>
      <button type="button" onClick={onConfirm}>
        {button}
      </button>
    </div>
  );
}

/** The end of a register form: what is wrong or what was done, the offline note, and the button. */
export function FormEnd({
  problem,
  done,
  note,
  busy,
  busyLabel,
  label,
}: {
  /** The note that fields are marked, or null when none is. */
  problem: string | null;
  done: string | null;
  note: string;
  busy: boolean;
  busyLabel: string;
  label: string;
}) {
  return (
    <>
      {problem ? (
        <p class="error" role="alert">
          {problem}
        </p>
      ) : null}
      {done ? (
        <p class="ok" role="status">
          {done}
        </p>
      ) : null}
      <p class="muted small">{note}</p>
      <button type="submit" class="primary" disabled={busy}>
        {busy ? busyLabel : label}
      </button>
    </>
  );
}
