import { useState } from 'preact/hooks';
import { addInterval, toLocalDate } from '../../domain/cadence';
import { MISSED_REASONS, type Schedule } from '../../domain/schemas';
import { useElders, usePlannedSchedules, useUpdateSchedule } from '../db/hooks';
import { formatDate } from './format';
import { useLocale, useT } from './i18n';
import { hrefFor } from './router';

/** The week ahead: planned visits by day, each one can be moved or marked missed with a reason. */
export function SchedulePage() {
  const t = useT();
  const locale = useLocale();
  const elders = useElders();
  const today = toLocalDate(new Date());
  const weekEnd = addInterval(today, { every: 7, unit: 'day' });
  const schedules = usePlannedSchedules(weekEnd);
  if (!elders || !schedules) return <p class="muted">{t.loading}</p>;
  const names = new Map(elders.map((e) => [e.id, e.name]));
  const planned = schedules.filter((s) => names.has(s.elderId));
  const days = [...new Set(planned.map((s) => s.plannedDate))].sort();

  return (
    <main>
      <h1>{t.scheduleTab}</h1>
      {planned.length === 0 ? <p class="muted">{t.nothingPlanned}</p> : null}
      {days.map((day) => (
        <section key={day}>
          <h2>
            {formatDate(day, locale)}
            {day < today ? <span class="late"> · {t.overdue}</span> : null}
          </h2>
          <ul class="list" data-testid={`schedule-${day}`}>
            {planned
              .filter((s) => s.plannedDate === day)
              .map((schedule) => (
                <ScheduleRow
                  key={schedule.id}
                  schedule={schedule}
                  elderName={names.get(schedule.elderId) ?? ''}
                />
              ))}
          </ul>
        </section>
      ))}
    </main>
  );
}

function ScheduleRow({ schedule, elderName }: { schedule: Schedule; elderName: string }) {
  const t = useT();
  const updateSchedule = useUpdateSchedule();
  const [mode, setMode] = useState<'view' | 'reschedule' | 'missed'>('view');
  const [date, setDate] = useState(schedule.plannedDate);
  const [reason, setReason] = useState<Schedule['missedReason']>('not_home');
  return (
    <li class="row column" data-testid="schedule-row">
      <a href={hrefFor({ name: 'visit', elderId: schedule.elderId, scheduleId: schedule.id })}>
        <strong>{elderName}</strong> · {t.scheduleKind[schedule.kind]}
      </a>
      {mode === 'view' ? (
        <span class="actions">
          <button type="button" onClick={() => setMode('reschedule')}>
            {t.reschedule}
          </button>
          <button type="button" onClick={() => setMode('missed')}>
            {t.markMissed}
          </button>
        </span>
      ) : mode === 'reschedule' ? (
        <form
          class="actions"
          onSubmit={(e) => {
            e.preventDefault();
            void updateSchedule(schedule.id, { plannedDate: date }).then(() => setMode('view'));
          }}
        >
          <label>
            {t.newDate}
            <input
              type="date"
              name="plannedDate"
              required
              value={date}
              onInput={(e) => setDate(e.currentTarget.value)}
            />
          </label>
          <button type="submit">{t.saveChanges}</button>
        </form>
      ) : (
        <form
          class="actions"
          onSubmit={(e) => {
            e.preventDefault();
            void updateSchedule(schedule.id, { status: 'missed', missedReason: reason });
          }}
        >
          <label>
            {t.missedReasonLabel}
            <select
              name="missedReason"
              value={reason ?? ''}
              onChange={(e) => setReason(e.currentTarget.value as Schedule['missedReason'])}
            >
              {MISSED_REASONS.map((r) => (
                <option key={r} value={r}>
                  {t.missedReason[r]}
                </option>
              ))}
            </select>
          </label>
          <button type="submit">{t.markMissed}</button>
        </form>
      )}
    </li>
  );
}
