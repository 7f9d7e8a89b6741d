import type { Review } from '../../domain/schemas';
import { useElders, useReviewActions, useReviews, useUsers } from '../db/hooks';
import { formatDateTime } from './format';
import { type Messages, useLocale, useT } from './i18n';

/** Every record where both sides changed the same thing: both values, who and when, which was kept. */
export function ReviewPage() {
  const t = useT();
  const locale = useLocale();
  const reviews = useReviews();
  const elders = useElders();
  const users = useUsers();
  const actions = useReviewActions();
  const elderName = new Map((elders ?? []).map((e) => [e.id, e.name]));
  const userName = new Map((users ?? []).map((u) => [u.id, u.displayName]));
  const name = (id: string) => userName.get(id) ?? id.slice(-6);
  return (
    <main>
      <h1>{t.reviewTitle}</h1>
      {reviews && reviews.length === 0 ? <p class="muted">{t.reviewNone}</p> : null}
      <ul class="list" data-testid="review-list">
        {(reviews ?? []).map((review) => (
          <li key={review.id} class="row column" data-status={review.status}>
            <strong>
              {elderName.get(review.elderId) ?? ''} · {t.recordKinds[review.collectionName]} ·{' '}
              {t.field[review.field] ?? review.field}
            </strong>
            <span>
              {t.keptValue}: <b data-testid="kept-value">{showValue(review, 'kept', t)}</b> (
              {name(review.kept.by)}, {formatDateTime(review.kept.at, locale)})
            </span>
            <span>
              {t.otherValue}: <b data-testid="other-value">{showValue(review, 'other', t)}</b> (
              {name(review.other.by)}, {formatDateTime(review.other.at, locale)})
            </span>
            {review.status === 'open' ? (
              <span class="actions">
                <button type="button" onClick={() => actions.keep(review.id, 'other')}>
                  {t.useOther}
                </button>
                <button type="button" onClick={() => actions.keep(review.id, 'kept')}>
                  {t.markReviewed}
                </button>
              </span>
            ) : (
              <span class="muted">
                {t.reviewedBy} · {review.reviewedBy ? name(review.reviewedBy) : ''} ·{' '}
                {review.resolution === 'other' ? t.otherValue : t.keptValue}
              </span>
            )}
          </li>
        ))}
      </ul>
    </main>
  );
}

function showValue(review: Review, side: 'kept' | 'other', t: Messages): string {
  const value: unknown = JSON.parse(review[side].value);
  if (review.field === '_deleted') return t.deletedValue(value === true);
  if (Array.isArray(value))
    return value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join('、') || '—';
  if (typeof value === 'string') return value || '—';
  return JSON.stringify(value);
}
