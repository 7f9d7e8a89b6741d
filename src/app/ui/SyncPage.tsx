import { useOpenReviewCount, useSetAside, useSetAsideActions, useSyncStatus } from '../db/hooks';
import type { SyncReceipt } from '../sync/journal';
import { formatDateTime } from './format';
import { type Messages, useLocale, useT } from './i18n';
import { hrefFor } from './router';
import { Settings } from './Settings';

/** End of shift: the last sync's receipt, the review list's size, and what the server refused. */
export function SyncPage({ signOut }: { signOut: () => Promise<void> }) {
  const t = useT();
  const locale = useLocale();
  const status = useSyncStatus();
  const openReviews = useOpenReviewCount() ?? 0;
  const setAside = useSetAside();
  const actions = useSetAsideActions();
  const receipt = status?.lastReceipt ?? null;
  return (
    <main>
      <h1>{t.settingsTab}</h1>
      <h2>{t.receiptTitle}</h2>
      {receipt ? <Receipt receipt={receipt} t={t} locale={locale} /> : <p class="muted">{t.noReceipt}</p>}
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

function Receipt({ receipt, t, locale }: { receipt: SyncReceipt; t: Messages; locale: 'zh-CN' | 'en' }) {
  const kinds = ['sent', 'received', 'merged', 'review', 'refused'] as const;
  return (
    <section data-testid="receipt">
      <p class="muted">{formatDateTime(receipt.finishedAt, locale)}</p>
      <dl class="facts">
        {kinds.map((kind) => [
          <dt key={`${kind}-label`}>{t.receipt[kind]}</dt>,
          <dd key={kind} data-testid={`receipt-${kind}`}>
            {receipt[kind]}
          </dd>,
        ])}
      </dl>
      {receipt.error ? <p class="error">{t.syncError(receipt.error)}</p> : null}
    </section>
  );
}
