import { useOpenReviewCount, useSetAside, useSetAsideActions, useSyncStatus } from '../db/hooks';
import { failureOfReceipt, type SyncReceipt } from '../sync/journal';
import { formatDateTime } from './format';
import { type Locale, type Messages, useLocale, useT } from './i18n';
import { describeReceipt, receiptsHeading } from './receiptWords';
import { hrefFor } from './router';
import { Settings } from './Settings';

/** End of shift: the receipts of the shift's syncs, the review list's size, what the server refused. */
export function SyncPage({ signOut }: { signOut: () => Promise<void> }) {
  const t = useT();
  const locale = useLocale();
  const status = useSyncStatus();
  const openReviews = useOpenReviewCount() ?? 0;
  const setAside = useSetAside();
  const actions = useSetAsideActions();
  const receipts = status?.receipts ?? [];
  const heading = receiptsHeading(locale);
  return (
    <main>
      <h1>{t.settingsTab}</h1>
      <h2>{heading.title}</h2>
      {receipts.length > 0 ? (
        <>
          <p class="muted">{heading.kept}</p>
          <ol class="list receipts" data-testid="receipts">
            {receipts.map((receipt) => (
              <Receipt key={receipt.finishedAt} receipt={receipt} t={t} locale={locale} />
            ))}
          </ol>
        </>
      ) : (
        <p class="muted">{t.noReceipt}</p>
      )}
      <a class="button" href={hrefFor({ name: 'review' })} data-testid="review-link">
        {t.reviewTitle} ({openReviews})
      </a>
      <h2>{t.setAsideTitle}</h2>
      {setAside && setAside.length === 0 ? <p class="muted">{t.setAsideNone}</p> : null}
      <ul class="list" data-testid="set-aside">
        {(setAside ?? []).map((entry) => (
          <li key={entry.key} class="row column">
            <strong>
              {t.recordKinds[entry.collectionName as keyof Messages['recordKinds']] ?? entry.collectionName} ·{' '}
              {formatDateTime(entry.at, locale)}
            </strong>
            <span class="error">
              {entry.status} {entry.message}
              {entry.field ? ` (${entry.field})` : ''}
            </span>
            <span class="actions">
              <button type="button" onClick={() => actions.retry(entry.key).catch(() => undefined)}>
                {t.retry}
              </button>
              <button type="button" onClick={() => actions.discard(entry.key)}>
                {t.discard}
              </button>
            </span>
          </li>
        ))}
      </ul>
      <Settings signOut={signOut} />
    </main>
  );
}

function Receipt({ receipt, t, locale }: { receipt: SyncReceipt; t: Messages; locale: Locale }) {
  const words = describeReceipt(receipt, locale);
  return (
    <li class="row column" data-testid="receipt">
      <strong>{formatDateTime(receipt.finishedAt, locale)}</strong>
      {words ? <span>{words}</span> : null}
      {receipt.error ? <span class="error">{t.syncFailedWhy[failureOfReceipt(receipt.error)]}</span> : null}
    </li>
  );
}
