import { useState } from 'preact/hooks';
import { toLocalDate } from '../../domain/cadence';
import type { Visit, Wish } from '../../domain/schemas';
import { useElder, useUpdateVisit, useUsers, useVisits } from '../db/hooks';
import { FollowUps } from './FollowUps';
import { takeFlash } from './flash';
import { ageOn, formatDateTime, listOf } from './format';
import { useLocale, useT } from './i18n';
import { MajorEventButton } from './MajorEvent';
import { MissedVisits } from './MissedVisits';
import { hrefFor } from './router';
import { TierBadge } from './Today';

export function ElderPage({ elderId }: { elderId: string }) {
  const t = useT();
  const locale = useLocale();
  const elder = useElder(elderId);
  const visits = useVisits(elderId);
  const users = useUsers();
  // What the screen before left to say, once ("visit saved" after the visit form).
  const [flash] = useState(takeFlash);
  if (elder === undefined) return <p class="muted">{t.loading}</p>;
  if (elder === null) return <p class="error">{t.notFound}</p>;
  const names = new Map((users ?? []).map((u) => [u.id, u.displayName]));
  const today = toLocalDate(new Date());

  return (
    <main>
      <a class="back" href={hrefFor({ name: 'today' })}>
        ← {t.back}
      </a>
      <h1>
        {elder.name} <TierBadge elder={elder} t={t} />
      </h1>
      {flash ? (
        <p class="ok" role="status" data-testid="flash">
          {flash}
        </p>
      ) : null}
      <p class="muted">
        {t.age(ageOn(elder.birthDate, today))} · {elder.town} {elder.community}
      </p>
      <a class="button primary" href={hrefFor({ name: 'visit', elderId, scheduleId: null })}>
        {t.recordVisit}
      </a>
      <a class="button" href={hrefFor({ name: 'editElder', elderId })}>
        {t.editElder}
      </a>
      {elder.archivedOn == null ? <MajorEventButton elderId={elderId} /> : null}
      <dl class="facts">
        <dt>{t.address}</dt>
        <dd data-testid="elder-address">{elder.address}</dd>
        <dt>{t.phone}</dt>
        <dd data-testid="elder-phone">
          {elder.phone ? <a href={`tel:${elder.phone}`}>{elder.phone}</a> : '—'}
        </dd>
        <dt>{t.categories}</dt>
        <dd data-testid="elder-categories">
          {listOf(
            elder.categories.map((c) => t.category[c]),
            locale,
          ) || '—'}
        </dd>
        <dt>{t.capabilityLabel}</dt>
        <dd>{t.capability[elder.capability]}</dd>
        <dt>{t.consentLabel}</dt>
        <dd>{elder.consentGiven ? t.consentGiven : t.consentMissing}</dd>
        <dt>{t.livingSituationProfile}</dt>
        <dd>{elder.livingSituation || '—'}</dd>
        <dt>{t.health}</dt>
        <dd data-testid="elder-health">{elder.health || '—'}</dd>
        <dt>{t.notes}</dt>
        <dd data-testid="elder-notes">{elder.notes || '—'}</dd>
        <dt>{t.contacts}</dt>
        <dd data-testid="elder-contacts">
          {elder.contacts.map((c) => (
            <div key={c.name + c.phone}>
              {c.name}
              {c.relation ? `（${c.relation}）` : ' '}
              {c.phone ? <a href={`tel:${c.phone}`}>{c.phone}</a> : null}
              {c.emergency ? <span class="tag">{t.emergency}</span> : null}
            </div>
          ))}
        </dd>
      </dl>
      <FollowUps visits={visits ?? []} names={names} />
      <Wishes visits={visits ?? []} />
      <h2>{t.visitHistory}</h2>
      {visits && visits.length === 0 ? <p class="muted">{t.noVisits}</p> : null}
      <ul class="list" data-testid="visit-history">
        {(visits ?? []).map((visit) => (
          <li key={visit.id}>
            {/* The whole entry opens the visit: everything it recorded, and its author's correction. */}
            <a class="row column" href={hrefFor({ name: 'visitRecord', elderId, visitId: visit.id })}>
              <strong>
                {formatDateTime(visit.startedAt, locale)} · <span class="nowrap">{t.mode[visit.mode]}</span>
              </strong>
              <span class="muted">
                {t.visitBy} {names.get(visit.workerId) ?? ''}
                {visit.services.length > 0
                  ? ` · ${listOf(
                      visit.services.map((s) => t.service[s]),
                      locale,
                    )}`
                  : ''}
              </span>
              {visit.notes ? <span>{visit.notes}</span> : null}
            </a>
          </li>
        ))}
      </ul>
      <MissedVisits elderId={elderId} names={names} />
    </main>
  );
}

/** Small wishes (微心愿) stated in visits, open ones first; one tap marks a wish fulfilled. */
function Wishes({ visits }: { visits: Visit[] }) {
  const t = useT();
  const locale = useLocale();
  const updateVisit = useUpdateVisit();
  const withWish = visits
    .filter((v): v is Visit & { wish: Wish } => v.wish !== undefined)
    .sort((a, b) => Number(a.wish.fulfilledAt !== null) - Number(b.wish.fulfilledAt !== null));
  if (withWish.length === 0) return null;
  return (
    <>
      <h2>{t.wishesTitle}</h2>
      <ul class="list" data-testid="wishes">
        {withWish.map((visit) => (
          <li key={visit.id} class="row column">
            <strong>{visit.wish.text}</strong>
            <span class="muted">{formatDateTime(visit.startedAt, locale)}</span>
            {visit.wish.fulfilledAt ? (
              <span class="ok">
                {t.wishFulfilled} · {formatDateTime(visit.wish.fulfilledAt, locale)}
              </span>
            ) : (
              <button
                type="button"
                onClick={() =>
                  void updateVisit(visit.id, {
                    wish: { ...visit.wish, fulfilledAt: new Date().toISOString() },
                  })
                }
              >
                {t.markWishFulfilled}
              </button>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
