// What the manager's long lists share (the register of elders, the volunteers, the board's filters;
// the round's group takes its towns and communities the same way): a search box, selects that
// narrow the list, and a list drawn a page at a time. One set of pieces, so that a coordinator meets
// one way of narrowing a list on every screen.
import { useState } from 'preact/hooks';
import type { Elder, User } from '../../domain/schemas';
import { useRegisterT } from './i18nRegister';

/** How many rows a list draws at first, and how many more each "show more" adds. */
const PAGE_ROWS = 50;

/** A select's options as [value, label]. */
type Options = readonly (readonly [string, string])[];

/** The distinct non-empty values, in Chinese order: the communities or teams a filter offers. */
export function distinctValues(values: readonly string[]): string[] {
  return [...new Set(values)].filter(Boolean).sort((a, b) => a.localeCompare(b, 'zh-CN'));
}

/** Options whose label is their value. */
export function pairsOf(values: readonly string[]): [string, string][] {
  return values.map((value) => [value, value]);
}

/** The towns a manager's elder lists filter by: an admin's are the elders' towns, anyone else's their own. */
export function townsOfManager(me: User, elders: readonly Pick<Elder, 'town'>[]): readonly string[] {
  return me.role === 'admin' ? [...new Set(elders.map((e) => e.town))].sort() : me.towns;
}

/** A worker filter's options: "no worker" first, then `workers` in their order. */
export function workerOptions(
  workers: readonly Pick<User, 'id' | 'displayName'>[],
  noWorkerLabel: string,
): Options {
  return [['none', noWorkerLabel], ...workers.map((w): [string, string] => [w.id, w.displayName])];
}

/**
 * A list's filter and how many of its matches are drawn. A narrowed list is a new list: it starts
 * again at one page rather than at however many the last one had been opened to.
 */
export function usePagedFilter<F extends object>(none: F) {
  const [filter, setFilter] = useState<F>(none);
  const [rows, setRows] = useState(PAGE_ROWS);
  return {
    filter,
    rows,
    narrow: (patch: Partial<F>) => {
      setFilter({ ...filter, ...patch });
      setRows(PAGE_ROWS);
    },
    showMore: () => setRows(rows + PAGE_ROWS),
  };
}

/** The button under a list drawn a page at a time; nothing once every match is drawn. */
export function ShowMore({
  shown,
  total,
  label,
  onMore,
}: {
  shown: number;
  total: number;
  /** The button's words for how many rows it adds. */
  label: (count: number) => string;
  onMore: () => void;
}) {
  if (shown >= total) return null;
  return (
    <button type="button" class="show-all" onClick={onMore}>
      {label(Math.min(PAGE_ROWS, total - shown))}
    </button>
  );
}

export function SearchField({
  label,
  placeholder,
  value,
  onInput,
}: {
  label: string;
  placeholder: string;
  value: string;
  onInput: (text: string) => void;
}) {
  return (
    <label>
      {label}
      <input
        type="search"
        name="search"
        value={value}
        placeholder={placeholder}
        onInput={(e) => onInput(e.currentTarget.value)}
      />
    </label>
  );
}

/** A filter's select: "all", then `options`. */
export function Choice({
  label,
  name,
  value,
  options,
  onChange,
}: {
  label: string;
  name: string;
  value: string;
  options: Options;
  onChange: (value: string) => void;
}) {
  const r = useRegisterT();
  return (
    <label>
      {label}
      <select name={name} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        <option value="">{r.all}</option>
        {options.map(([option, text]) => (
          <option key={option} value={option}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * The town and community selects of a list's filters. A new town offers its own communities, so the
 * caller clears the community (and what else depends on the town) in `onTown`.
 */
export function PlaceChoices({
  labels,
  namePrefix = '',
  town,
  community,
  towns,
  communities,
  onTown,
  onCommunity,
}: {
  labels: { town: string; community: string };
  /** Put before the selects' names: the board's are `board-town` and `board-community`. */
  namePrefix?: string;
  town: string;
  community: string;
  towns: readonly string[];
  communities: readonly string[];
  onTown: (town: string) => void;
  onCommunity: (community: string) => void;
}) {
  return (
    <>
      <Choice
        label={labels.town}
        name={`${namePrefix}town`}
        value={town}
        options={pairsOf(towns)}
        onChange={onTown}
      />
      <Choice
        label={labels.community}
        name={`${namePrefix}community`}
        value={community}
        options={pairsOf(communities)}
        onChange={onCommunity}
      />
    </>
  );
}
