// One row of 计划: an elder's visit, with the planned visit's actions (move it, or mark it missed
// with a reason). A missed visit keeps the elder due (cadence.ts), so marking one never drops them.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { MISSED_REASONS, MISSED_TO_ARCHIVE, type MissedReason, type Schedule } from '../../domain/schemas';
import { useUpdateSchedule } from '../db/hooks';
import { InvalidRecordError } from '../db/store';
import { useT } from './i18n';
import { useMissedT } from './i18nMissed';
import { explainInvalid } from './invalid';
import { hrefFor } from './router';

/** What a missed visit records, or the message why it cannot be saved (a reason 'other' unwritten). */
export function missedPatch(
  reason: MissedReason,
  note: string,
): { patch: Pick<Schedule, 'status' | 'missedReason' | 'missedNote'> } | { refused: 'noteRequired' } {
  const missedNote = reason === 'other' ? note.trim() : '';
  if (reason === 'other' && missedNote === '') return { refused: 'noteRequired' };
  return { patch: { status: 'missed', missedReason: reason, missedNote } };
}

export function ScheduleRow({
  elderId,
  elderName,
  label,
  schedule,
  aside,
  testId = 'schedule-row',
}: {
  elderId: string;
  elderName: string;
  /** What the visit is for. */
  label: string;
  /** The planned visit its actions act on; none for an elder due by frequency only. */
  schedule: Schedule | null;
  aside?: ComponentChildren;
  testId?: string;
}) {
  const t = useT();
  const [mode, setMode] = useState<'view' | 'reschedule' | 'missed'>('view');
  return (
    <li class="row column" data-testid={testId}>
      <span class="schedule-line">
        <a href={hrefFor({ name: 'visit', elderId, scheduleId: schedule?.id ?? null })}>
          {/* One run of text: a link laid out as a flex box would drop the space before the dot. */}
          <span>
            <strong>{elderName}</strong> · {label}
          </span>
        </a>
        {aside}
      </span>
      {schedule === null ? null : mode === 'view' ? (
        <span class="actions">
          <button type="button" onClick={() => setMode('reschedule')}>
            {t.reschedule}
          </button>
          <button type="button" onClick={() => setMode('missed')}>
            {t.markMissed}
          </button>
        </span>
      ) : mode === 'reschedule' ? (
        <RescheduleForm schedule={schedule} onDone={() => setMode('view')} />
      ) : (
        <MissedForm schedule={schedule} onDone={() => setMode('view')} />
      )}
    </li>
  );
}

function RescheduleForm({ schedule, onDone }: { schedule: Schedule; onDone: () => void }) {
  const t = useT();
  const m = useMissedT();
  const updateSchedule = useUpdateSchedule();
  const [date, setDate] = useState(schedule.plannedDate);
  // A day before today is refused by the store (src/domain/plausible.ts); the reason shows here.
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      class="actions"
      onSubmit={(e) => {
        e.preventDefault();
        setError(null);
        updateSchedule(schedule.id, { plannedDate: date }).then(onDone, (refused: unknown) =>
          setError(refused instanceof InvalidRecordError ? explainInvalid(refused, t) : String(refused)),
        );
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
      <button type="button" onClick={onDone}>
        {m.cancel}
      </button>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}

function MissedForm({ schedule, onDone }: { schedule: Schedule; onDone: () => void }) {
  const t = useT();
  const m = useMissedT();
  const updateSchedule = useUpdateSchedule();
  const [reason, setReason] = useState<MissedReason>('not_home');
  const [note, setNote] = useState('');
  const [refused, setRefused] = useState(false);
  const noteId = `missed-note-${schedule.id}`;
  return (
    <form
      class="actions missed-form"
      onSubmit={(e) => {
        e.preventDefault();
        const outcome = missedPatch(reason, note);
        if ('refused' in outcome) {
          setRefused(true);
          return;
        }
        // The row leaves the day's list once written; the elder stays due (and in view) until visited.
        void updateSchedule(schedule.id, outcome.patch);
      }}
    >
      <label class="missed-field">
        {t.missedReasonLabel}
        <select
          class="missed-control"
          name="missedReason"
          value={reason}
          onChange={(e) => {
            setReason(e.currentTarget.value as MissedReason);
            setRefused(false);
          }}
        >
          {MISSED_REASONS.map((r) => (
            <option key={r} value={r}>
              {t.missedReason[r]}
            </option>
          ))}
        </select>
      </label>
      {reason === 'other' ? (
        <label class="missed-field">
          {m.missedNoteLabel}
          <input
            class="missed-control"
            type="text"
            name="missedNote"
            maxLength={500}
            value={note}
            aria-invalid={refused}
            aria-describedby={refused ? `${noteId}-error` : undefined}
            onInput={(e) => {
              setNote(e.currentTarget.value);
              setRefused(false);
            }}
          />
        </label>
      ) : null}
      {refused ? (
        <p class="error block" id={`${noteId}-error`} role="alert">
          {m.missedNoteRequired}
        </p>
      ) : null}
      {MISSED_TO_ARCHIVE.includes(reason) ? <p class="muted small block">{m.toArchiveHint}</p> : null}
      <button type="submit">{t.markMissed}</button>
      <button type="button" onClick={onDone}>
        {m.cancel}
      </button>
    </form>
  );
}
