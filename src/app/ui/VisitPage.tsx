// One visit read back as a person reads it: every field of the record, with names for people and
// words for codes. Its author can correct it; everyone else reads it.
import type { Visit } from '../../domain/schemas';
import { useElder, useSchedules, useServices, useUsers, useVisits } from '../db/hooks';
import { BackLink } from './BackLink';
import { formatDate, formatDateTime, formatTime } from './format';
import { type Locale, type Messages, useLocale, useT } from './i18n';
import { joinList, useVisitT, type VisitMessages } from './i18nVisit';
import { hrefFor } from './router';

export function VisitPage({ elderId, visitId }: { elderId: string; visitId: string }) {
  const t = useT();
  const v = useVisitT();
  const locale = useLocale();
  const { session } = useServices();
  const elder = useElder(elderId);
  const visits = useVisits(elderId);
  const schedules = useSchedules(elderId);
  const users = useUsers();
  if (elder === undefined || visits === undefined) return <p class="muted">{t.loading}</p>;
  const visit = visits.find((candidate) => candidate.id === visitId);
  if (elder === null || visit === undefined) return <p class="error">{t.notFound}</p>;
  const names = new Map((users ?? []).map((u) => [u.id, u.displayName]));
  const nameOf = (id: string | undefined) => (id ? (names.get(id) ?? v.unknownPerson) : v.unknownPerson);
  const planned = visit.scheduleId ? schedules?.find((s) => s.id === visit.scheduleId) : undefined;
  const mine = visit.workerId === session.user.id;

  return (
    <main>
      <BackLink href={hrefFor({ name: 'elder', elderId })} label={t.back} />
      <h1>
        {v.title} · {elder.name}
      </h1>
      <dl class="facts visit-facts" data-testid="visit-record">
        <dt>{v.when}</dt>
        <dd>{period(visit, locale, v)}</dd>
        <dt>{t.visitMode}</dt>
        <dd>{t.mode[visit.mode]}</dd>
        <dt>{t.visitBy}</dt>
        <dd>{nameOf(visit.workerId)}</dd>
        {planned ? (
          <>
            <dt>{v.plannedFor}</dt>
            <dd>
              {formatDate(planned.plannedDate, locale)} · {t.scheduleKind[planned.kind]}
            </dd>
          </>
        ) : null}
        <dt>{t.livingSituation}</dt>
        <dd>{visit.livingSituation || '—'}</dd>
        <dt>{t.safetyRisks}</dt>
        <dd>
          {joinList(
            visit.safetyRisks.map((r) => t.risk[r]),
            locale,
          ) || v.none}
        </dd>
        <dt>{t.physicalState}</dt>
        <dd>{visit.physicalState || '—'}</dd>
        <dt>{t.mentalState}</dt>
        <dd>{visit.mentalState || '—'}</dd>
        <dt>{t.services}</dt>
        <dd>
          {joinList(
            visit.services.map((s) => t.service[s]),
            locale,
          ) || v.none}
        </dd>
        <dt>{t.needs}</dt>
        <dd>{visit.needs || '—'}</dd>
        <dt>{t.followUpNote}</dt>
        <dd data-testid="visit-follow-up">
          <FollowUpState visit={visit} t={t} v={v} locale={locale} nameOf={nameOf} />
        </dd>
        <dt>{t.participants}</dt>
        <dd data-testid="visit-participants">
          <Participants visit={visit} v={v} />
        </dd>
        <dt>{t.wishesTitle}</dt>
        <dd>
          {visit.wish
            ? `${visit.wish.text} · ${
                visit.wish.fulfilledAt
                  ? v.wishFulfilledAt(formatDateTime(visit.wish.fulfilledAt, locale))
                  : v.wishOpen
              }`
            : '—'}
        </dd>
        <dt>{t.notes}</dt>
        <dd>{visit.notes || '—'}</dd>
      </dl>
      <p class="muted" data-testid="visit-last-changed">
        {v.lastChanged(formatDateTime(visit.updatedAt, locale), nameOf(visit.updatedBy))}
        {Object.keys(visit.fieldTimes).length > 0 ? ` · ${v.corrected}` : ''}
      </p>
      {mine ? (
        <a class="button primary" href={hrefFor({ name: 'correctVisit', elderId, visitId })}>
          {v.correct}
        </a>
      ) : (
        <p class="muted">{v.onlyAuthor}</p>
      )}
    </main>
  );
}

/** "12月7日 周一 09:30–10:15 (45 分钟)": the day, the times and how long. */
function period(visit: Visit, locale: Locale, v: VisitMessages): string {
  const minutes = Math.round((Date.parse(visit.endedAt) - Date.parse(visit.startedAt)) / 60_000);
  return v.span(`${formatDateTime(visit.startedAt, locale)}–${formatTime(visit.endedAt, locale)}`, minutes);
}

function FollowUpState({
  visit,
  t,
  v,
  locale,
  nameOf,
}: {
  visit: Visit;
  t: Messages;
  v: VisitMessages;
  locale: Locale;
  nameOf: (id: string | undefined) => string;
}) {
  if (!visit.followUp.needed) return <>{v.followUpNotAsked}</>;
  return (
    <>
      <div>{v.followUpAsked(t.urgency[visit.followUp.urgency])}</div>
      {visit.followUp.note ? <div>{visit.followUp.note}</div> : null}
      <div class={visit.followUpDoneAt ? 'ok' : 'late'}>
        {visit.followUpDoneAt
          ? v.followUpClosed(formatDateTime(visit.followUpDoneAt, locale), nameOf(visit.followUpDoneBy))
          : v.followUpOpen}
      </div>
      {visit.followUpDoneNote ? <div>{visit.followUpDoneNote}</div> : null}
    </>
  );
}

function Participants({ visit, v }: { visit: Visit; v: VisitMessages }) {
  if (visit.participants.length === 0) return <>{v.none}</>;
  const total = visit.participants.reduce((sum, p) => sum + p.minutes, 0);
  return (
    <>
      <ul class="plain">
        {visit.participants.map((p, index) => (
          <li key={`${index}:${p.name}`}>
            {p.name} · {v.duration(p.minutes)} · {p.volunteerId ? v.registered : v.unregistered}
          </li>
        ))}
      </ul>
      <div class="muted">{v.totalMinutes(total)}</div>
    </>
  );
}
