// The elder's missed visits, under the visit history: a planned visit no one could make stays on
// record with its reason and who marked it, so the history says why there was no visit then.
import { useSchedules } from '../db/hooks';
import { formatDate } from './format';
import { useLocale, useT } from './i18n';
import { useMissedT } from './i18nMissed';

export function MissedVisits({ elderId, names }: { elderId: string; names: ReadonlyMap<string, string> }) {
  const t = useT();
  const m = useMissedT();
  const locale = useLocale();
  const schedules = useSchedules(elderId);
  // Newest first, as the visits above.
  const missed = (schedules ?? []).filter((s) => s.status === 'missed').reverse();
  if (missed.length === 0) return null;
  return (
    <section>
      <h3>{m.missedHistory}</h3>
      <ul class="list" data-testid="missed-history">
        {missed.map((schedule) => (
          <li key={schedule.id} class="row column">
            <strong>{m.missedOn(formatDate(schedule.plannedDate, locale))}</strong>
            <span>
              {schedule.missedReason ? t.missedReason[schedule.missedReason] : ''}
              {schedule.missedNote ? ` · ${schedule.missedNote}` : ''}
            </span>
            <span class="muted">
              {t.scheduleKind[schedule.kind]} · {t.visitBy} {names.get(schedule.updatedBy) ?? ''}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
