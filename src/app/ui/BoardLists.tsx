// A board's list of elders: a heading with the count, the first rows and a button for more, each
// elder opening their register profile (where a worker is assigned or consent recorded).
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { Elder } from '../../domain/schemas';
import { useT } from './i18n';
import { useBoardT } from './i18nBoard';
import { registerHref } from './registerRoute';
import { TierBadge } from './Today';

/** Rows shown at first: the board shows several lists on one screen; more come 50 at a time. */
const FIRST_ROWS = 5;
const MORE_ROWS = 50;

export function ElderRows<T>({
  title,
  hint,
  testId,
  items,
  elderOf,
  detail,
  workerOf,
  aside,
}: {
  title: string;
  hint?: string;
  testId: string;
  items: readonly T[];
  elderOf: (item: T) => Elder;
  detail?: (item: T) => string;
  /** The elder's worker's name (or "no worker"), shown on a line of its own. */
  workerOf?: (elder: Elder) => string;
  aside?: (item: T) => ComponentChildren;
}) {
  const t = useT();
  const b = useBoardT();
  const [rows, setRows] = useState(FIRST_ROWS);
  const shown = items.slice(0, rows);
  return (
    <section class="board-list" aria-labelledby={`${testId}-title`}>
      <h3 id={`${testId}-title`}>
        {title} <span class="count">{items.length}</span>
      </h3>
      {hint ? <p class="muted small">{hint}</p> : null}
      {items.length === 0 ? (
        <p class="muted">{b.none}</p>
      ) : (
        <ul class="list" data-testid={testId}>
          {shown.map((item) => {
            const elder = elderOf(item);
            return (
              <li key={elder.id} data-elder-name={elder.name}>
                <a class="row" href={registerHref(elder.id)}>
                  <span class="grow">
                    <strong>{elder.name}</strong> <TierBadge elder={elder} t={t} />
                    <span class="muted block">
                      {elder.town} {elder.community}
                    </span>
                    {detail ? <span class="block">{detail(item)}</span> : null}
                    {workerOf ? <span class="muted block">{b.workerOf(workerOf(elder))}</span> : null}
                  </span>
                  {aside ? aside(item) : null}
                </a>
              </li>
            );
          })}
        </ul>
      )}
      {shown.length < items.length ? (
        <button type="button" class="show-all" onClick={() => setRows(rows + MORE_ROWS)}>
          {b.showMore(Math.min(MORE_ROWS, items.length - shown.length))}
        </button>
      ) : null}
    </section>
  );
}
