import { useMemo } from 'preact/hooks';
import { addInterval, cadenceOf, computeDue, type DueItem, toLocalDate } from '../../domain/cadence';
import type { Schedule } from '../../domain/schemas';
import { useDueSchedules, useElders, useLastVisitDates } from '../db/hooks';
import { readCachedPlaces } from '../placesCache';
import { formatDate } from './format';
import { useLocale, useT } from './i18n';
import { useMissedT } from './i18nMissed';
import { ScheduleRow } from './ScheduleRow';
import { visitKind } from './Today';

/**
 * 计划: first the elders overdue, with the day count Today shows (both read cadence.ts's
 * computeDue), then the week ahead's planned visits by day. Each planned visit can be moved or
 * marked missed with a reason; a missed one keeps the elder overdue until someone visits.
 */
export function SchedulePage() {
  const t = useT();
  const locale = useLocale();
  const all = useElders();
  const schedules = useDueSchedules();
  const lastVisit = useLastVisitDates();
  const today = toLocalDate(new Date());
  const weekEnd = addInterval(today, { every: 7, unit: 'day' });
  // Due by each elder's town's cadence, as this device last fetched the place list (as Today).
  const rules = useMemo(() => {
    const places = readCachedPlaces();
    return (town: string) => cadenceOf(places, town);
  }, []);
  const elders = useMemo(() => all?.filter((elder) => elder.archivedOn == null), [all]);
  const overdue = useMemo(
    () =>
      elders && schedules && lastVisit
        ? computeDue({ elders, schedules, lastVisit, today, rules }).filter((d) => d.status === 'overdue')
        : undefined,
    [elders, schedules, lastVisit, today, rules],
  );
  if (!elders || !schedules || !overdue) return <p class="muted">{t.loading}</p>;
  const names = new Map(elders.map((e) => [e.id, e.name]));
  const byId = new Map(schedules.map((s) => [s.id, s]));
  // From today on: what came before is in the overdue list, one row per elder.
  const planned = schedules.filter(
    (s) =>
      s.status === 'planned' && s.plannedDate >= today && s.plannedDate <= weekEnd && names.has(s.elderId),
  );
  const days = [...new Set(planned.map((s) => s.plannedDate))].sort();

  return (
    <main>
      <h1>{t.scheduleTab}</h1>
      <OverdueRows items={overdue} names={names} schedules={byId} today={today} />
      {planned.length === 0 ? <p class="muted">{t.nothingPlanned}</p> : null}
      {days.map((day) => (
        <section key={day}>
          <h2>{formatDate(day, locale)}</h2>
          <ul class="list" data-testid={`schedule-${day}`}>
            {planned
              .filter((s) => s.plannedDate === day)
              .map((schedule) => (
                <ScheduleRow
                  key={schedule.id}
                  elderId={schedule.elderId}
                  elderName={names.get(schedule.elderId) ?? ''}
                  label={t.scheduleKind[schedule.kind]}
                  schedule={schedule}
                />
              ))}
          </ul>
        </section>
      ))}
    </main>
  );
}

/** The overdue elders, most days first; a planned visit already past can be moved or marked missed. */
function OverdueRows({
  items,
  names,
  schedules,
  today,
}: {
  items: DueItem[];
  names: ReadonlyMap<string, string>;
  schedules: ReadonlyMap<string, Schedule>;
  today: string;
}) {
  const t = useT();
  const m = useMissedT();
  if (items.length === 0) return null;
  return (
    <section>
      <h2>
        {t.overdue} <span class="count">{items.length}</span>
      </h2>
      <ul class="list" data-testid="schedule-overdue">
        {items.map((item) => {
          const planned = item.scheduleId ? (schedules.get(item.scheduleId) ?? null) : null;
          return (
            <ScheduleRow
              key={item.elderId}
              testId="overdue-row"
              elderId={item.elderId}
              elderName={names.get(item.elderId) ?? ''}
              label={visitKind(item, schedules, t, m)}
              schedule={planned && planned.plannedDate < today ? planned : null}
              aside={<span class="late">{t.overdueDays(item.daysOverdue)}</span>}
            />
          );
        })}
      </ul>
    </section>
  );
}
