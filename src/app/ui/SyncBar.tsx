import { useOpenReviewCount, usePendingCount, useServices, useSyncStatus } from '../db/hooks';
import { formatTime } from './format';
import { useLocale, useT } from './i18n';
import { hrefFor } from './router';

/** Always on screen: online or not, how many changes wait, when the last sync was, and "Sync now". */
export function SyncBar() {
  const t = useT();
  const locale = useLocale();
  const { sync } = useServices();
  const status = useSyncStatus();
  const pending = usePendingCount();
  const openReviews = useOpenReviewCount() ?? 0;
  const online = status?.online ?? true;
  return (
    <section class="syncbar" aria-label={t.syncNow}>
      <div class="syncstate">
        <span class={online ? 'dot online' : 'dot offline'} data-testid="network">
          {online ? t.online : t.offline}
        </span>
        <span data-testid="pending" data-count={pending ?? ''}>
          {pending === undefined ? '' : t.pending(pending)}
        </span>
        <span class="muted">
          {status?.lastSyncedAt
            ? `${t.lastSynced} ${formatTime(status.lastSyncedAt, locale)}`
            : t.notSyncedYet}
        </span>
        {status?.syncing ? (
          <span data-testid="progress">{t.progress(status.progress.sent, status.progress.received)}</span>
        ) : null}
        {status?.lastError && online ? <span class="error">{t.syncFailed}</span> : null}
        {openReviews > 0 ? (
          <a href={hrefFor({ name: 'review' })} class="tag warn" data-testid="open-reviews">
            {t.reviewCount(openReviews)}
          </a>
        ) : null}
      </div>
      <button
        type="button"
        class="secondary"
        disabled={status?.syncing || !online}
        onClick={() => sync.syncNow().catch(() => undefined)}
      >
        {status?.syncing ? t.syncing : t.syncNow}
      </button>
    </section>
  );
}
