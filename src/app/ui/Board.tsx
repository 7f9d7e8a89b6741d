// The coordinator's board, at the top of the Manage tab: what needs attention across their towns,
// from the device's database (so offline too). The counts and lists are src/domain/board.ts's; this
// file draws them, with the filters at the top and a worker's row narrowing the board to them.
import type { ComponentChildren } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import {
  type Board as BoardFigures,
  type BoardFilter,
  type Counts,
  computeBoard,
  dueByElder,
  NO_BOARD_FILTER,
} from '../../domain/board';
import { cadenceOf, toLocalDate } from '../../domain/cadence';
import type { Elder, User } from '../../domain/schemas';
import { useBoardData } from '../db/board';
import { readCachedPlaces } from '../places';
import { BoardFilters } from './BoardFilters';
import { ElderRows } from './BoardLists';
import { formatDate } from './format';
import { useLocale, useT } from './i18n';
import { useBoardT } from './i18nBoard';
import { useMissedT } from './i18nMissed';

export function Board({ me }: { me: User }) {
  const t = useT();
  const b = useBoardT();
  const m = useMissedT();
  const locale = useLocale();
  const data = useBoardData();
  const [filter, setFilter] = useState<BoardFilter>(NO_BOARD_FILTER);
  const today = toLocalDate(new Date());
  // Each elder is due by their town's cadence, as this device last fetched the place list (as Today).
  const cadenceFor = useMemo(() => {
    const places = readCachedPlaces();
    return (town: string) => cadenceOf(places, town);
  }, []);
  // Due dates once per change of what they depend on (not the follow-up visits, which come later);
  // a new filter is then a quick pass over the elders.
  const { elders, schedules, lastVisit } = data ?? {};
  const due = useMemo(
    () =>
      elders && schedules && lastVisit
        ? dueByElder({ manager: me, elders, schedules, lastVisit, today, cadenceFor })
        : undefined,
    [elders, schedules, lastVisit, me, today, cadenceFor],
  );
  const figures = useMemo(
    () =>
      data &&
      due &&
      computeBoard({ ...data, visits: data.visits ?? [], manager: me, today, cadenceFor, filter, due }),
    [data, due, me, today, cadenceFor, filter],
  );
  const followUpsRead = data?.visits !== undefined;
  const workerNames = useMemo(
    () => new Map(figures?.workers.map((row) => [row.workerId, row.name])),
    [figures],
  );
  if (!data || !figures) return <p class="muted">{t.loading}</p>;
  // Only active workers have a row; anyone else assigned counts as no worker (board.ts).
  const workerOf = (elder: Elder) => workerNames.get(elder.assignedWorkerId) ?? b.noWorkerName;

  return (
    <section class="board" aria-labelledby="board-title" data-testid="board">
      <h2 id="board-title" class="board-title">
        {b.title}
      </h2>
      <BoardFilters me={me} data={data} filter={filter} onChange={setFilter} />
      <Totals figures={figures} followUpsRead={followUpsRead} />
      {/* Keyed by the filter: a list opened to more rows starts short again on a new filter. */}
      <div class="board-columns" key={`${filter.town}|${filter.community}|${filter.worker}`}>
        <div>
          <WorkerTable
            figures={figures}
            filter={filter}
            onWorker={(worker) => setFilter({ ...filter, worker })}
          />
          <TierTable figures={figures} />
        </div>
        <div>
          <ElderRows
            title={b.overdueTitle}
            testId="board-overdue"
            items={figures.overdue}
            elderOf={(entry) => entry.elder}
            workerOf={workerOf}
            aside={(entry) => <span class="late">{t.overdueDays(entry.due.daysOverdue)}</span>}
          />
          <ElderRows
            title={m.toArchiveTitle}
            hint={m.toArchiveHintBoard}
            testId="board-to-archive"
            items={figures.toArchive}
            elderOf={(entry) => entry.elder}
            workerOf={workerOf}
            detail={(entry) =>
              m.reportedOn(
                formatDate(entry.missed.plannedDate, locale),
                [
                  entry.missed.missedReason ? t.missedReason[entry.missed.missedReason] : '',
                  entry.missed.missedNote ?? '',
                ]
                  .filter(Boolean)
                  .join(' · '),
              )
            }
          />
          {followUpsRead ? (
            <FollowUpRows figures={figures} workerOf={workerOf} />
          ) : (
            <>
              <h3>{b.followUpsTitle}</h3>
              <p class="muted" data-testid="board-follow-ups-loading">
                {t.loading}
              </p>
            </>
          )}
          <ElderRows
            title={b.noWorkerTitle}
            testId="board-no-worker"
            items={figures.noWorker}
            elderOf={(elder) => elder}
            detail={(elder) => elder.address}
          />
          <ElderRows
            title={b.noConsentTitle}
            testId="board-no-consent"
            items={figures.noConsent}
            elderOf={(elder) => elder}
            workerOf={workerOf}
          />
        </div>
      </div>
      <p class="muted small">{b.offlineNote}</p>
    </section>
  );
}

/** The board's totals, one figure each, as a definition list a screen reader reads in pairs. */
function Totals({ figures, followUpsRead }: { figures: BoardFigures<Elder>; followUpsRead: boolean }) {
  const b = useBoardT();
  // -1: not known yet (the follow-up visits are still being read), drawn as "…".
  const items: [string, number, string][] = [
    [b.onBoard, figures.totals.elders, 'elders'],
    [b.overdue, figures.totals.overdue, 'overdue'],
    [b.dueSoon, figures.totals.dueSoon, 'due-soon'],
    [b.followUps, followUpsRead ? figures.followUps.length : -1, 'follow-ups'],
    [b.noWorker, figures.noWorker.length, 'no-worker'],
    [b.noConsent, figures.noConsent.length, 'no-consent'],
  ];
  return (
    <dl class="board-totals" aria-label={b.totals}>
      {items.map(([label, value, key]) => (
        <div key={key} class={value > 0 && key !== 'elders' && key !== 'due-soon' ? 'attention' : ''}>
          <dt>{label}</dt>
          <dd data-testid={`total-${key}`}>{value < 0 ? '…' : value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A row per worker; the name narrows the board to that worker's elders. */
function WorkerTable({
  figures,
  filter,
  onWorker,
}: {
  figures: BoardFigures<Elder>;
  filter: BoardFilter;
  onWorker: (workerId: string) => void;
}) {
  const b = useBoardT();
  if (figures.workers.length === 0) return null;
  return (
    <CountsTable
      title={b.byWorker}
      firstColumn={b.workerColumn}
      testId="board-workers"
      rows={figures.workers.map((row) => ({
        key: row.workerId,
        attrs: { 'data-worker': row.name },
        counts: row,
        header: (
          <button
            type="button"
            class="link"
            aria-label={b.showWorker(row.name)}
            aria-pressed={filter.worker === row.workerId}
            onClick={() => onWorker(row.workerId)}
          >
            {row.name}
          </button>
        ),
      }))}
    />
  );
}

function TierTable({ figures }: { figures: BoardFigures<Elder> }) {
  const t = useT();
  const b = useBoardT();
  return (
    <CountsTable
      title={b.byTier}
      firstColumn={b.tierColumn}
      testId="board-tiers"
      rows={figures.tiers.map((row) => ({
        key: row.tier,
        attrs: { 'data-tier': row.tier },
        counts: row,
        header: <span class={`tier tier-${row.tier}`}>{t.tier[row.tier]}</span>,
      }))}
    />
  );
}

/** A table of counts: elders, overdue and due soon, a row each with its own header cell. */
function CountsTable({
  title,
  firstColumn,
  testId,
  rows,
}: {
  title: string;
  firstColumn: string;
  testId: string;
  rows: { key: string; attrs: Record<string, string>; counts: Counts; header: ComponentChildren }[];
}) {
  const b = useBoardT();
  return (
    <>
      <h3>{title}</h3>
      <div class="board-scroll">
        <table class="board-table" data-testid={testId}>
          <thead>
            <tr>
              <th scope="col">{firstColumn}</th>
              <th scope="col">{b.caseload}</th>
              <th scope="col">{b.overdue}</th>
              <th scope="col">{b.dueSoonShort}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ key, attrs, counts, header }) => (
              <tr key={key} {...attrs}>
                <th scope="row">{header}</th>
                <td>{counts.elders}</td>
                <td class={counts.overdue > 0 ? 'late' : ''}>{counts.overdue}</td>
                <td>{counts.dueSoon}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function FollowUpRows({
  figures,
  workerOf,
}: {
  figures: BoardFigures<Elder>;
  workerOf: (elder: Elder) => string;
}) {
  const t = useT();
  const b = useBoardT();
  const locale = useLocale();
  return (
    <ElderRows
      title={b.followUpsTitle}
      hint={b.followUpsHint}
      testId="board-follow-ups"
      items={figures.followUps}
      elderOf={(entry) => entry.elder}
      detail={(entry) =>
        [
          entry.urgency ? t.urgency[entry.urgency] : null,
          entry.planned
            ? `${t.scheduleKind[entry.planned.kind]} · ${b.plannedOn(formatDate(entry.planned.plannedDate, locale))}`
            : null,
          entry.note || null,
        ]
          .filter(Boolean)
          .join(' · ')
      }
      workerOf={workerOf}
      aside={(entry) => <span class="muted small">{b.since(formatDate(entry.since, locale))}</span>}
    />
  );
}
