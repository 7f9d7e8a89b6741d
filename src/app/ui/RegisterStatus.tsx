// An elder's place on the register: archive with a reason and a day (after a question that says what
// it does), or restore an archived elder.
import { useEffect, useRef, useState } from 'preact/hooks';
import { toLocalDate } from '../../domain/cadence';
import { ARCHIVE_REASONS, type ArchiveReason, type Elder } from '../../domain/schemas';
import { formatDate } from './format';
import { useLocale } from './i18n';
import { useRegisterT } from './i18nRegister';
import { useRegisterActions } from './registerActions';

export function RegisterStatus({ elder }: { elder: Elder }) {
  const r = useRegisterT();
  const locale = useLocale();
  const actions = useRegisterActions();
  const [reason, setReason] = useState<ArchiveReason | ''>('');
  const [on, setOn] = useState(() => toLocalDate(new Date()));
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) cancel.current?.focus();
  }, [confirming]);
  const archived = elder.archivedOn != null;

  async function run(action: () => Promise<unknown>, message: string) {
    try {
      await action();
      setDone(message);
      setConfirming(false);
    } catch (e) {
      setError(String(e));
    }
  }

  return (
    <section class="form section" aria-labelledby="register-status-title">
      <h2 id="register-status-title">{r.registerTitle}</h2>
      <p data-testid="register-status">
        {archived
          ? r.archivedOn(
              formatDate(elder.archivedOn ?? '', locale),
              elder.archiveReason ? r.reasons[elder.archiveReason] : '',
            )
          : r.onRegisterSince(elder.registeredOn ? formatDate(elder.registeredOn, locale) : '—')}
      </p>
      {archived ? (
        <button
          type="button"
          onClick={() => void run(() => actions.restore(elder.id), r.restoredDone(elder.name))}
        >
          {r.restore}
        </button>
      ) : (
        <>
          <div class="filters roomy">
            <label>
              {r.archiveReason}
              <select
                name="archiveReason"
                value={reason}
                onChange={(e) => {
                  setReason(e.currentTarget.value as ArchiveReason | '');
                  setDone(null);
                }}
              >
                <option value="">{r.chooseReason}</option>
                {ARCHIVE_REASONS.map((value) => (
                  <option key={value} value={value}>
                    {r.reasons[value]}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {r.archiveDate}
              <input name="archivedOn" type="date" value={on} onInput={(e) => setOn(e.currentTarget.value)} />
            </label>
          </div>
          {confirming && reason ? (
            <div class="confirm">
              <p role="alert">{r.confirmArchive(elder.name)}</p>
              <span class="actions">
                <button
                  type="button"
                  class="danger"
                  onClick={() =>
                    void run(() => actions.archive(elder.id, on, reason), r.archivedDone(elder.name))
                  }
                >
                  {r.confirmArchiveButton}
                </button>
                <button type="button" ref={cancel} onClick={() => setConfirming(false)}>
                  {r.cancel}
                </button>
              </span>
            </div>
          ) : (
            <button type="button" disabled={!reason || !on} onClick={() => setConfirming(true)}>
              {r.archive}
            </button>
          )}
        </>
      )}
      {done ? (
        <p class="ok" role="status">
          {done}
        </p>
      ) : null}
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
