import {
  useOpenReviewCount,
  usePendingCount,
  usePendingKinds,
  useServices,
  useSyncStatus,
} from '../db/hooks';
import type { Session } from '../session';
import type { KindCounts } from '../sync/journal';
import { formatTime } from './format';
import { useLocale, useT } from './i18n';
import { hrefFor } from './router';
import { pendingInWords, pendingToSay } from './syncBarText';

/** Always on screen: online or not, how many changes wait, when the last sync was, and "Sync now". */
export function SyncBar() {
  const { sync, session } = useServices();
  const status = useSyncStatus();
  const pending = usePendingCount();
  const pendingKinds = usePendingKinds();
  const openReviews = useOpenReviewCount() ?? 0;
  return (
    <SyncBarView
      online={status?.online ?? true}
      pending={pending}
      pendingKinds={pendingKinds}
      // Until the sync's status is read, what the session knows (as the bar said while opening).
      lastSyncedAt={status ? status.lastSyncedAt : session.lastSyncedAt}
      progress={status?.syncing ? status.progress : null}
      failed={Boolean(status?.lastError)}
      openReviews={openReviews}
      onSync={() => sync.syncNow().catch(() => undefined)}
    />
  );
}

/** The same bar while the database opens: what the session knows, and no button to press yet. */
export function SyncBarWhileOpening({ session }: { session: Session }) {
  return (
    <SyncBarView
      online={globalThis.navigator?.onLine ?? true}
      pending={undefined}
      pendingKinds={undefined}
      lastSyncedAt={session.lastSyncedAt}
      progress={null}
      failed={false}
      openReviews={0}
      onSync={null}
    />
  );
}

function SyncBarView({
  online,
  pending,
  pendingKinds,
  lastSyncedAt,
  progress,
  failed,
  openReviews,
  onSync,
}: {
  online: boolean;
  pending: number | undefined;
  /** The same changes by collection, to name them as a worker knows them. */
  pendingKinds: KindCounts | undefined;
  lastSyncedAt: string | null;
  /** Records up and down so far, while a sync runs. */
  progress: { sent: number; received: number } | null;
  failed: boolean;
  openReviews: number;
  onSync: (() => void) | null;
}) {
  const t = useT();
  const locale = useLocale();
  // Offline, a failed sync is old news: the dot says why nothing moves.
  const failedNow = failed && online;
  const waiting = pendingToSay(pending, { syncing: progress !== null, failed: failedNow, lastSyncedAt });
  return (
    <section class="syncbar" aria-label={t.syncNow}>
      <div class="syncstate">
        <span class={online ? 'dot online' : 'dot offline'} data-testid="network">
          {online ? t.online : t.offline}
        </span>
        <span data-testid="pending" data-count={pending ?? ''} hidden={waiting === null}>
          {waiting === null
            ? ''
            : waiting === 0
              ? t.pending(0)
              : (pendingInWords(pendingKinds, locale) ?? t.pending(waiting))}
        </span>
        <span class="muted">
          {lastSyncedAt ? `${t.lastSynced} ${formatTime(lastSyncedAt, locale)}` : t.notSyncedYet}
        </span>
        {progress ? <span data-testid="progress">{t.progress(progress.sent, progress.received)}</span> : null}
        {failedNow ? <span class="error">{t.syncFailed}</span> : null}
        {openReviews > 0 ? (
          <a href={hrefFor({ name: 'review' })} class="tag warn" data-testid="open-reviews">
            {t.reviewCount(openReviews)}
          </a>
        ) : null}
      </div>
      <button
        type="button"
        class="secondary"
        disabled={progress !== null || !online || onSync === null}
        onClick={onSync ?? undefined}
      >
        {progress ? t.syncing : t.syncNow}
      </button>
    </section>
  );
}
