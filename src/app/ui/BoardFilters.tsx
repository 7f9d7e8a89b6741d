// The board's filters: town, community and worker, as the register's list offers them (the same
// selects and the same workers), so a coordinator meets one way of narrowing a list.
import { useMemo } from 'preact/hooks';
import type { BoardFilter } from '../../domain/board';
import { NO_BOARD_FILTER } from '../../domain/board';
import type { User } from '../../domain/schemas';
import type { BoardData } from '../db/board';
import { useBoardT } from './i18nBoard';
import { Choice } from './RegisterPage';
import { workersOf } from './registerActions';

export function BoardFilters({
  me,
  data,
  filter,
  onChange,
}: {
  me: User;
  data: BoardData;
  filter: BoardFilter;
  onChange: (filter: BoardFilter) => void;
}) {
  const b = useBoardT();
  const towns = useMemo(
    () => (me.role === 'admin' ? [...new Set(data.elders.map((e) => e.town))].sort() : me.towns),
    [data.elders, me],
  );
  const communities = useMemo(
    () =>
      [
        ...new Set(
          data.elders
            .filter((e) => e.town === filter.town || (!filter.town && towns.includes(e.town)))
            .map((e) => e.community),
        ),
      ]
        .filter(Boolean)
        .sort((a, b) => a.localeCompare(b, 'zh-CN')),
    [data.elders, filter.town, towns],
  );
  const workers = useMemo(
    () =>
      workersOf(data.users, filter.town).filter(
        (w) => me.role === 'admin' || w.towns.some((town) => me.towns.includes(town)),
      ),
    [data.users, filter.town, me],
  );
  const set = (patch: Partial<BoardFilter>) => onChange({ ...filter, ...patch });
  const narrowed = filter.town !== '' || filter.community !== '' || filter.worker !== '';
  return (
    <fieldset class="form board-filters">
      <legend>{b.filters}</legend>
      <div class="filters">
        <Choice
          label={b.town}
          name="board-town"
          value={filter.town}
          options={towns.map((town) => [town, town])}
          onChange={(town) => set({ town, community: '', worker: '' })}
        />
        <Choice
          label={b.community}
          name="board-community"
          value={filter.community}
          options={communities.map((community) => [community, community])}
          onChange={(community) => set({ community })}
        />
        <Choice
          label={b.worker}
          name="board-worker"
          value={filter.worker}
          options={[
            ['none', b.noWorkerOption],
            ...workers.map((w): [string, string] => [w.id, w.displayName]),
          ]}
          onChange={(worker) => set({ worker })}
        />
      </div>
      {narrowed ? (
        <button type="button" onClick={() => onChange(NO_BOARD_FILTER)}>
          {b.clearFilters}
        </button>
      ) : null}
    </fieldset>
  );
}
