import { shownForReview } from '../../domain/merge/ruleFields';
import type { Review, ReviewSide } from '../../domain/schemas';
import { useElders, useReviewActions, useReviews, useServices, useUsers, useVolunteers } from '../db/hooks';
import { formatDateTime } from './format';
import { type Locale, useLocale, useT } from './i18n';
import { fieldLabel, type ReviewMessages, reviewMessages } from './i18nReview';
import { type ReviewNames, reviewValue, shortened, type ValueContext } from './reviewValues';

/**
 * Every field two phones changed at once, in a social worker's words: what clashed, both values
 * as a person reads them, who changed each and when, and choices named by what they do. Entries
 * about links no person edits (filed by older versions) are settled by rule and not shown.
 */
export function ReviewPage() {
  const t = useT();
  const locale = useLocale();
  const r = reviewMessages[locale];
  const { session } = useServices();
  const reviews = useReviews()?.filter(shownForReview);
  const elders = useElders();
  const users = useUsers();
  const volunteers = useVolunteers({ includeInactive: true });
  const actions = useReviewActions();
  const userName = new Map((users ?? []).map((u) => [u.id, u.displayName]));
  const volunteerName = new Map((volunteers ?? []).map((v) => [v.id, v.name]));
  const elderName = new Map((elders ?? []).map((e) => [e.id, e.name]));
  const names: ReviewNames = {
    user: (id) => userName.get(id) ?? '—',
    volunteer: (id) => volunteerName.get(id) ?? '—',
  };
  const c: ValueContext = { t, r, locale, names };
  return (
    <main>
      <h1>{t.reviewTitle}</h1>
      {reviews && reviews.length === 0 ? <p class="muted">{t.reviewNone}</p> : null}
      <ul class="list" data-testid="review-list">
        {(reviews ?? []).map((review) => (
          <ReviewEntry
            key={review.id}
            review={review}
            subject={elderName.get(review.elderId) ?? volunteerName.get(review.elderId) ?? ''}
            me={session.user.id}
            c={c}
            onKeep={(side) => actions.keep(review.id, side)}
          />
        ))}
      </ul>
    </main>
  );
}

interface EntryProps {
  review: Review;
  subject: string;
  me: string;
  c: ValueContext;
  onKeep: (side: 'kept' | 'other') => void;
}

function ReviewEntry({ review, subject, me, c, onKeep }: EntryProps) {
  const { t, r, locale } = c;
  const label = fieldLabel(locale, review.collectionName, review.field);
  const kept = reviewValue(review.collectionName, review.field, review.kept.value, c);
  const other = reviewValue(review.collectionName, review.field, review.other.value, c);
  const combined = isCombinedNote(review);
  const deletion = review.field === '_deleted';
  const [keptWhen, otherWhen] = sideTimes(review.kept.at, review.other.at, locale);
  const whoKept = who(review.kept, review.other, keptWhen, me, c);
  const whoOther = who(review.other, review.kept, otherWhen, me, c);
  const reviewer = review.reviewedBy ? c.names.user(review.reviewedBy) : '';
  return (
    <li class="row column review" data-status={review.status}>
      <strong>
        {subject} · {t.recordKinds[review.collectionName]} · {label}
      </strong>
      <span>{deletion ? r.deletedAndEdited : combined ? r.notesCombined(label) : r.bothChanged(label)}</span>
      <dl class="review-sides">
        <dt>{r.nowIs}</dt>
        <dd class="review-side">
          <b data-testid="kept-value" class={combined ? 'pre-wrap' : undefined}>
            {kept}
          </b>
          <span class="muted" data-testid="kept-by">
            {' '}
            {c.names.user(review.kept.by)} · {keptWhen}
          </span>
        </dd>
        <dt>{combined ? r.onlyThisPart : r.otherWas}</dt>
        <dd class="review-side">
          <b data-testid="other-value">{other}</b>
          <span class="muted" data-testid="other-by">
            {' '}
            {c.names.user(review.other.by)} · {otherWhen}
          </span>
        </dd>
      </dl>
      {review.status === 'open' ? (
        <span class="actions">
          <button type="button" data-testid="keep-kept" onClick={() => onKeep('kept')}>
            {deletion ? r.keepRecord : combined ? r.keepBoth : r.keep(whoKept, shortened(kept))}
          </button>
          <button type="button" data-testid="keep-other" onClick={() => onKeep('other')}>
            {deletion
              ? r.deleteAs(whoOther)
              : combined
                ? r.onlyThis(whoOther)
                : r.use(whoOther, shortened(other))}
          </button>
        </span>
      ) : (
        <span class="muted">
          {review.resolution === 'other' ? r.reviewedOther(reviewer) : r.reviewedKept(reviewer)}
        </span>
      )}
    </li>
  );
}

/** A free-text clash the merge settled by keeping both texts: the kept value holds the other. */
function isCombinedNote(review: Review): boolean {
  const kept = parsedValue(review.kept.value);
  const other = parsedValue(review.other.value);
  return typeof kept === 'string' && typeof other === 'string' && other !== '' && kept.includes(other);
}

/** A side's value; undefined for text that is not JSON (an entry from a faulty device), shown as it is. */
function parsedValue(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return undefined;
  }
}

const secondFormats = new Map<Locale, Intl.DateTimeFormat>();

/** Both sides' times; to the second when the minute alone would read the same for both. */
function sideTimes(a: string, b: string, locale: Locale): [string, string] {
  const [first, second] = [formatDateTime(a, locale), formatDateTime(b, locale)];
  if (first !== second) return [first, second];
  let format = secondFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' });
    secondFormats.set(locale, format);
  }
  return [format.format(new Date(a)), format.format(new Date(b))];
}

/** Whose a side is in a choice: mine, a named person's, or (one person made both) by its time. */
function who(side: ReviewSide, other: ReviewSide, when: string, me: string, c: ValueContext): string {
  const r: ReviewMessages = c.r;
  if (side.by === other.by) return r.at(when);
  if (side.by === me) return r.me;
  return r.whose(c.names.user(side.by));
}
