// The elder's follow-ups: open ones first, each closed with a short note of what was done; then the
// closed ones with that note, who closed them and when.
import { useState } from 'preact/hooks';
import type { Visit } from '../../domain/schemas';
import { closeFollowUp, splitFollowUps } from '../db/followUps';
import { useServices } from '../db/hooks';
import { formatDateTime } from './format';
import { useLocale, useT } from './i18n';
import { useVisitT } from './i18nVisit';

export function FollowUps({ visits, names }: { visits: Visit[]; names: ReadonlyMap<string, string> }) {
  const t = useT();
  const v = useVisitT();
  const locale = useLocale();
  const { open, closed } = splitFollowUps(visits);
  if (open.length === 0 && closed.length === 0) return null;
  return (
    <>
      {open.length > 0 ? (
        <>
          <h2>{t.followUpsTitle}</h2>
          <ul class="list" data-testid="follow-ups">
            {open.map((visit) => (
              <li key={visit.id} class="row column">
                <strong>
                  {t.urgency[visit.followUp.urgency]} · {formatDateTime(visit.startedAt, locale)}
                </strong>
                {visit.followUp.note ? <span>{visit.followUp.note}</span> : null}
                {visit.needs ? <span class="muted">{visit.needs}</span> : null}
                <CloseFollowUp visitId={visit.id} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {closed.length > 0 ? (
        <>
          <h2>{v.closedTitle}</h2>
          <ul class="list" data-testid="follow-ups-closed">
            {closed.map((visit) => (
              <li key={visit.id} class="row column">
                <strong>{visit.followUp.note || t.urgency[visit.followUp.urgency]}</strong>
                <span class="ok">
                  {v.followUpClosed(
                    formatDateTime(visit.followUpDoneAt ?? visit.updatedAt, locale),
                    visit.followUpDoneBy ? (names.get(visit.followUpDoneBy) ?? v.unknownPerson) : '—',
                  )}
                </span>
                <span>{visit.followUpDoneNote ?? v.closedBefore}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

/** "Done…" opens a short form: what was done (required), then confirm or cancel. */
function CloseFollowUp({ visitId }: { visitId: string }) {
  const v = useVisitT();
  const { db, session } = useServices();
  const [editing, setEditing] = useState(false);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  if (!editing) {
    return (
      <button type="button" onClick={() => setEditing(true)}>
        {v.closeFollowUp}
      </button>
    );
  }
  async function confirm(event: Event) {
    event.preventDefault();
    if (note.trim() === '') {
      setError(v.noteNeeded);
      return;
    }
    setSaving(true);
    try {
      await closeFollowUp(db, session.user.id, visitId, note);
    } catch (e) {
      setError(String(e));
      setSaving(false);
    }
  }
  return (
    <form class="form close-follow-up" onSubmit={confirm}>
      <label>
        {v.whatWasDone}
        <textarea name="followUpDoneNote" value={note} onInput={(e) => setNote(e.currentTarget.value)} />
      </label>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      <div class="actions">
        <button type="submit" class="primary" disabled={saving}>
          {v.confirmClosed}
        </button>
        <button
          type="button"
          onClick={() => {
            setEditing(false);
            setNote('');
            setError(null);
          }}
        >
          {v.cancel}
        </button>
      </div>
    </form>
  );
}
