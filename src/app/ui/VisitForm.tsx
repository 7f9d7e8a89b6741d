import { useMemo, useState } from 'preact/hooks';
import { toLocalDate } from '../../domain/cadence';
import { SAFETY_RISKS, SERVICES, URGENCIES, VISIT_MODES, type Visit } from '../../domain/schemas';
import { useElder, useRecordVisit, useSchedules, useServices, useUpdateVisit, useVisits } from '../db/hooks';
import { InvalidRecordError } from '../db/store';
import { flashNext } from './flash';
import { formatDate } from './format';
import { useLocale, useT } from './i18n';
import { useVisitT } from './i18nVisit';
import { explainInvalid } from './invalid';
import { hrefFor, navigate } from './router';
import { VisitParticipants } from './VisitParticipants';
import { correctionOf, draftFromVisit } from './visitCorrection';
import {
  clearDraft,
  type DraftForm,
  emptyDraft,
  loadDraft,
  nowInput,
  saveDraft,
  toVisitDraft,
} from './visitDraft';

function toggle<T>(list: readonly T[], item: T): T[] {
  return list.includes(item) ? list.filter((x) => x !== item) : [...list, item];
}

/**
 * The visit form: a new visit (of the planned visit `scheduleId`, if any), or, with `correctingId`,
 * its author's correction of a recorded visit.
 */
export function VisitForm({
  elderId,
  scheduleId,
  correctingId,
}: {
  elderId: string;
  scheduleId: string | null;
  correctingId?: string;
}) {
  const t = useT();
  const v = useVisitT();
  const { session } = useServices();
  const visits = useVisits(elderId);
  if (!correctingId) return <VisitFormBody elderId={elderId} scheduleId={scheduleId} correcting={null} />;
  if (visits === undefined) return <p class="muted">{t.loading}</p>;
  const visit = visits.find((candidate) => candidate.id === correctingId);
  if (visit === undefined) return <p class="error">{t.notFound}</p>;
  // The server refuses anyone else's correction: the form is not offered to them.
  if (visit.workerId !== session.user.id) return <p class="error">{v.onlyAuthor}</p>;
  return <VisitFormBody key={visit.id} elderId={elderId} scheduleId={null} correcting={visit} />;
}

function VisitFormBody({
  elderId,
  scheduleId,
  correcting,
}: {
  elderId: string;
  scheduleId: string | null;
  correcting: Visit | null;
}) {
  const t = useT();
  const v = useVisitT();
  const locale = useLocale();
  const elder = useElder(elderId);
  const schedules = useSchedules(elderId);
  const recordVisit = useRecordVisit();
  const updateVisit = useUpdateVisit();
  const { session } = useServices();
  const userId = session.user.id;
  // A correction starts from the visit as it was when the form opened: only what the person changes
  // from there is written, so an edit that arrives meanwhile (another phone) is not undone. It keeps
  // no draft: a half-typed correction would later be compared with a visit that moved on.
  const [base] = useState(correcting);
  const [draft, setDraft] = useState(() =>
    base ? draftFromVisit(base) : (loadDraft(localStorage, userId, elderId) ?? emptyDraft()),
  );
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const set = (patch: Partial<DraftForm>) =>
    setDraft((d) => {
      const next = { ...d, ...patch };
      if (!base) saveDraft(localStorage, userId, elderId, next);
      return next;
    });

  // The planned visit this one fulfils: the one the worker tapped, else the earliest one due by today.
  const planned = useMemo(() => {
    const open = (schedules ?? []).filter((s) => s.status === 'planned');
    if (scheduleId) return open.find((s) => s.id === scheduleId) ?? null;
    const today = toLocalDate(new Date());
    return open.find((s) => s.plannedDate <= today) ?? null;
  }, [schedules, scheduleId]);

  if (elder === undefined) return <p class="muted">{t.loading}</p>;
  if (elder === null) return <p class="error">{t.notFound}</p>;

  async function save(event: Event) {
    event.preventDefault();
    setError(null);
    setSaving(true);
    try {
      if (base) {
        await saveCorrection(base);
        return;
      }
      await recordVisit(toVisitDraft(draft, elderId, planned?.id ?? null));
      clearDraft(localStorage, userId, elderId);
      flashNext(t.visitSaved);
      navigate({ name: 'elder', elderId });
    } catch (e) {
      setError(e instanceof InvalidRecordError ? explainInvalid(e, t) : String(e));
      setSaving(false);
    }
  }

  async function saveCorrection(visit: Visit) {
    const correction = correctionOf(visit, draft);
    if ('refused' in correction) {
      setError(v[correction.refused]);
      setSaving(false);
      return;
    }
    if (Object.keys(correction.patch).length > 0) await updateVisit(visit.id, correction.patch);
    navigate({ name: 'visitRecord', elderId, visitId: visit.id });
  }

  return (
    <main>
      <a
        class="back"
        href={hrefFor(base ? { name: 'visitRecord', elderId, visitId: base.id } : { name: 'elder', elderId })}
      >
        ← {t.back}
      </a>
      <h1>
        {base ? v.correctTitle : t.recordVisit} · {elder.name}
      </h1>
      {planned && !base ? (
        <p class="muted">
          {t.plannedVisit}: {formatDate(planned.plannedDate, locale)}
        </p>
      ) : null}
      <form onSubmit={save} class="form">
        <fieldset>
          <legend>{t.visitMode}</legend>
          {VISIT_MODES.map((mode) => (
            <label key={mode} class="choice">
              <input type="radio" name="mode" checked={draft.mode === mode} onChange={() => set({ mode })} />
              {t.mode[mode]}
            </label>
          ))}
        </fieldset>
        <div class="times">
          <label>
            {t.startedAt}
            <input
              type="datetime-local"
              name="startedAt"
              value={draft.startedAt}
              onInput={(e) => set({ startedAt: e.currentTarget.value })}
            />
          </label>
          <button type="button" onClick={() => set({ startedAt: nowInput() })}>
            {t.arrived}
          </button>
          <label>
            {t.endedAt}
            <input
              type="datetime-local"
              name="endedAt"
              value={draft.endedAt}
              onInput={(e) => set({ endedAt: e.currentTarget.value })}
            />
          </label>
          <button type="button" onClick={() => set({ endedAt: nowInput() })}>
            {t.finished}
          </button>
        </div>
        <TextArea
          label={t.livingSituation}
          name="livingSituation"
          value={draft.livingSituation}
          onInput={set}
        />
        <fieldset>
          <legend>{t.safetyRisks}</legend>
          {SAFETY_RISKS.map((risk) => (
            <label key={risk} class="choice">
              <input
                type="checkbox"
                checked={draft.safetyRisks.includes(risk)}
                onChange={() => set({ safetyRisks: toggle(draft.safetyRisks, risk) })}
              />
              {t.risk[risk]}
            </label>
          ))}
        </fieldset>
        <TextArea label={t.physicalState} name="physicalState" value={draft.physicalState} onInput={set} />
        <TextArea label={t.mentalState} name="mentalState" value={draft.mentalState} onInput={set} />
        <fieldset>
          <legend>{t.services}</legend>
          {SERVICES.map((service) => (
            <label key={service} class="choice">
              <input
                type="checkbox"
                checked={draft.services.includes(service)}
                onChange={() => set({ services: toggle(draft.services, service) })}
              />
              {t.service[service]}
            </label>
          ))}
        </fieldset>
        <TextArea label={t.needs} name="needs" value={draft.needs} onInput={set} />
        <fieldset>
          <legend>{t.followUpNote}</legend>
          <label class="choice">
            <input
              type="checkbox"
              name="followUpNeeded"
              checked={draft.followUp.needed}
              onChange={() => set({ followUp: { ...draft.followUp, needed: !draft.followUp.needed } })}
            />
            {t.followUpNeeded}
          </label>
          {draft.followUp.needed ? (
            <>
              <label>
                {t.urgencyLabel}
                <select
                  name="urgency"
                  value={draft.followUp.urgency}
                  onChange={(e) =>
                    set({
                      followUp: {
                        ...draft.followUp,
                        urgency: e.currentTarget.value as Visit['followUp']['urgency'],
                      },
                    })
                  }
                >
                  {URGENCIES.map((u) => (
                    <option key={u} value={u}>
                      {t.urgency[u]}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {t.followUpNote}
                <textarea
                  name="followUpNote"
                  value={draft.followUp.note}
                  onInput={(e) => set({ followUp: { ...draft.followUp, note: e.currentTarget.value } })}
                />
              </label>
            </>
          ) : null}
        </fieldset>
        <label>
          {t.wishLabel}
          <input name="wish" value={draft.wish} onInput={(e) => set({ wish: e.currentTarget.value })} />
        </label>
        <VisitParticipants
          elder={elder}
          participants={draft.participants}
          onChange={(participants) => set({ participants })}
        />
        <TextArea label={t.notes} name="notes" value={draft.notes} onInput={set} />
        {error ? (
          <p class="error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" class="primary" disabled={saving}>
          {saving ? t.saving : t.save}
        </button>
      </form>
    </main>
  );
}

type TextField = 'livingSituation' | 'physicalState' | 'mentalState' | 'needs' | 'notes';

function TextArea({
  label,
  name,
  value,
  onInput,
}: {
  label: string;
  name: TextField;
  value: string;
  onInput: (patch: Partial<DraftForm>) => void;
}) {
  return (
    <label>
      {label}
      <textarea name={name} value={value} onInput={(e) => onInput({ [name]: e.currentTarget.value })} />
    </label>
  );
}
