// 重大变故 (a major event): a visit planned for today for the elder's worker. Anyone may ask for one,
// so the elder's profile shows it too.
import { useState } from 'preact/hooks';
import { toLocalDate } from '../../domain/cadence';
import { useServices } from '../db/hooks';
import { flagMajorEvent } from '../db/register';
import { useRegisterT } from './i18nRegister';

export function MajorEventButton({ elderId }: { elderId: string }) {
  const r = useRegisterT();
  const { db, session } = useServices();
  const [done, setDone] = useState<string | null>(null);
  async function flag() {
    const planned = await flagMajorEvent(db, elderId, {
      userId: session.user.id,
      today: toLocalDate(new Date()),
    });
    setDone(planned.length > 0 ? r.majorEventDone : r.majorEventAlready);
  }
  return (
    <div>
      <button type="button" aria-describedby={`major-event-hint-${elderId}`} onClick={() => void flag()}>
        {r.majorEvent}
      </button>
      <span class="muted small block" id={`major-event-hint-${elderId}`}>
        {r.majorEventHint}
      </span>
      {done ? (
        <p class="ok" role="status" data-testid="major-event-done">
          {done}
        </p>
      ) : null}
    </div>
  );
}
