import type { ComponentChildren } from 'preact';
import { useContext, useMemo, useState } from 'preact/hooks';
import { isManager } from '../../domain/access';
import { addInterval, cadenceOf, computeDue, type DueItem, toLocalDate } from '../../domain/cadence';
import { byName } from '../../domain/names';
import type { Elder } from '../../domain/schemas';
import { ServicesContext, useTodayInputs } from '../db/hooks';
import type { TodayElder, TodayInputs, TodaySchedule } from '../db/todaySnapshot';
import { readCachedPlaces } from '../placesCache';
import type { Session } from '../session';
import { formatDate } from './format';
import { type Messages, useLocale, useT } from './i18n';
import { type MissedMessages, useMissedT } from './i18nMissed';
import { hrefFor } from './router';

/**
 * Today: drawn from the live database once it is open, and until then from the snapshot of what it
 * last showed (todaySnapshot.ts), so a cold start on a cheap phone shows the day's work at once. The
 * screen stays the same component from one to the other: the live data replaces the snapshot's in
 * place, and rows that did not change are not drawn again (nor does anything below them move).
 */
export function Today({ snapshot, session }: { snapshot: TodayInputs | null; session: Session }) {
  const live = useTodayInputs(useContext(ServicesContext));
  return (
    <TodayView
      inputs={live ?? snapshot}
      source={live ? 'live' : 'snapshot'}
      isCoordinator={isManager(session.user)}
    />
  );
}

function TodayView({
  inputs,
  source,
  isCoordinator,
}: {
  inputs: TodayInputs | null;
  source: 'live' | 'snapshot';
  isCoordinator: boolean;
}) {
  const t = useT();
  const locale = useLocale();
  const today = toLocalDate(new Date());
  // Each elder is due by their town's cadence, as this device last fetched the place list.
  const rules = useMemo(() => {
    const places = readCachedPlaces();
    return (town: string) => cadenceOf(places, town);
  }, []);
  const due = useMemo(
    () => (inputs ? computeDue({ ...inputs, today, rules }) : undefined),
    [inputs, today, rules],
  );
  if (!inputs || !due) return <p class="muted">{t.loading}</p>;
  const { elders, workerNames } = inputs;
  // In the elder list's order (by name), so a worker finds an elder in the same place on both.
  const elderList = byName(elders);

  const byId = new Map(elders.map((e) => [e.id, e]));
  const scheduleById = new Map(inputs.schedules.map((s) => [s.id, s]));
  const weekEnd = addInterval(today, { every: 7, unit: 'day' });
  const comingWeek = due.filter((d) => d.status === 'upcoming' && d.dueDate <= weekEnd);
  const overdue = due.filter((d) => d.status === 'overdue');
  const dueToday = due.filter((d) => d.status === 'due');
  const dueByElder = new Map(due.map((d) => [d.elderId, d]));

  // data-elders says how many elders the screen was drawn from, data-source from where (the start
  // benchmark waits for them).
  return (
    <main data-testid="today" data-elders={elders.length} data-source={source}>
      <h1>
        {t.today} <span class="muted small">{formatDate(today, locale)}</span>
      </h1>
      {overdue.length + dueToday.length === 0 ? <p class="muted">{t.nothingDue}</p> : null}
      <DueList title={t.overdue} items={overdue} elders={byId} schedules={scheduleById} testId="overdue" />
      <DueList
        title={t.dueToday}
        items={dueToday}
        elders={byId}
        schedules={scheduleById}
        testId="due-today"
      />
      <DueList
        title={t.comingWeek}
        items={comingWeek}
        elders={byId}
        schedules={scheduleById}
        testId="coming-week"
      />
      <h2>
        {isCoordinator ? t.townElders : t.myElders} <span class="muted small">({elders.length})</span>
      </h2>
      <CappedList
        testId="elder-list"
        items={elderList}
        render={(elder) => {
          const item = dueByElder.get(elder.id);
          return (
            <li key={elder.id}>
              <a class="row" href={hrefFor({ name: 'elder', elderId: elder.id })}>
                <span class="grow">
                  <strong>{elder.name}</strong> <TierBadge elder={elder} t={t} />
                  <span class="muted block">
                    {elder.community}
                    {isCoordinator ? ` · ${workerNames.get(elder.assignedWorkerId) ?? ''}` : ''}
                  </span>
                </span>
                <span class="muted small right">
                  {t.lastVisit}
                  <br />
                  {item?.lastVisitDate ? formatDate(item.lastVisitDate, locale) : t.never}
                </span>
              </a>
            </li>
          );
        }}
      />
    </main>
  );
}

function DueList({
  title,
  items,
  elders,
  schedules,
  testId,
}: {
  title: string;
  items: DueItem[];
  elders: Map<string, TodayElder>;
  schedules: Map<string, TodaySchedule>;
  testId: string;
}) {
  const t = useT();
  const m = useMissedT();
  const locale = useLocale();
  if (items.length === 0) return null;
  return (
    <section>
      <h2>
        {title} <span class="count">{items.length}</span>
      </h2>
      <CappedList
        testId={testId}
        items={items}
        render={(item) => {
          const elder = elders.get(item.elderId);
          if (!elder) return null;
          return (
            <li key={item.elderId}>
              <a
                class="row"
                href={hrefFor({ name: 'visit', elderId: elder.id, scheduleId: item.scheduleId })}
              >
                <span class="grow">
                  <strong>{elder.name}</strong> <TierBadge elder={elder} t={t} />
                  <span class="block">{visitKind(item, schedules, t, m)}</span>
                  <span class="muted block">{elder.address}</span>
                </span>
                {item.status === 'overdue' ? (
                  <span class="late">{t.overdueDays(item.daysOverdue)}</span>
                ) : item.status === 'upcoming' ? (
                  <span class="muted small">{formatDate(item.dueDate, locale)}</span>
                ) : (
                  <span class="muted small">{t.recordVisit}</span>
                )}
              </a>
            </li>
          );
        }}
      />
    </section>
  );
}

/**
 * The first rows of a list and a button for the rest: a coordinator's town holds thousands of
 * elders, and drawing every row would hold up the screen on a cheap phone.
 */
const FIRST_ROWS = 50;

function CappedList<T>({
  items,
  render,
  testId,
}: {
  items: readonly T[];
  render: (item: T) => ComponentChildren;
  testId: string;
}) {
  const t = useT();
  const [all, setAll] = useState(false);
  const shown = all ? items : items.slice(0, FIRST_ROWS);
  return (
    <>
      <ul class="list" data-testid={testId}>
        {shown.map(render)}
      </ul>
      {shown.length < items.length ? (
        <button type="button" class="show-all" onClick={() => setAll(true)}>
          {t.showAll(items.length)}
        </button>
      ) : null}
    </>
  );
}

export function TierBadge({ elder, t }: { elder: Pick<Elder, 'riskTier'>; t: Messages }) {
  return <span class={`tier tier-${elder.riskTier}`}>{t.tier[elder.riskTier]}</span>;
}

/** What the visit is for: the planned visit's kind, a missed visit still owed, or the frequency. */
export function visitKind(
  item: DueItem,
  schedules: ReadonlyMap<string, TodaySchedule>,
  t: Messages,
  m: MissedMessages,
): string {
  if (item.reason === 'missed' && item.missedId) {
    const missed = schedules.get(item.missedId);
    if (missed?.missedReason) return m.missedOwed(t.missedReason[missed.missedReason]);
  }
  const schedule = item.reason === 'schedule' && item.scheduleId ? schedules.get(item.scheduleId) : undefined;
  return schedule ? t.scheduleKind[schedule.kind] : t.dueByFrequency;
}
