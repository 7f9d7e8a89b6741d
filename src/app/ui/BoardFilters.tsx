// The board's filters: town, community and worker, as the register's list offers them (the same
// selects and the same workers), so a coordinator meets one way of narrowing a list.
import { useMemo } from 'preact/hooks';
import type { BoardFilter } from '../../domain/board';
import { NO_BOARD_FILTER } from '../../domain/board';
import type { User } from '../../domain/schemas';
import type { BoardData } from '../db/board';
import { useBoardT } from './i18nBoard';
import { Choice, distinctValues, PlaceChoices, townsOfManager, workerOptions } from './ListFilters';
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
  const towns = useMemo(() => townsOfManager(me, data.elders), [data.elders, me]);
  const communities = useMemo(
    () =>
      distinctValues(
        data.elders
          .filter((e) => e.town === filter.town || (!filter.town && towns.includes(e.town)))
          .map((e) => e.community),
      ),
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
        <PlaceChoices
          labels={b}
          namePrefix="board-"
          town={filter.town}
          community={filter.community}
          towns={towns}
          communities={communities}
          onTown={(town) => set({ town, community: '', worker: '' })}
          onCommunity={(community) => set({ community })}
        />
        <Choice
          label={b.worker}
          name="board-worker"
          value={filter.worker}
          options={workerOptions(workers, b.noWorkerOption)}
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
