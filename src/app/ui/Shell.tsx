import { useContext } from 'preact/hooks';
import { isManager } from '../../domain/access';
import type { ApiClient } from '../api/client';
import { ServicesContext } from '../db/hooks';
import type { TodayInputs } from '../db/todaySnapshot';
import type { UpdateOffer } from '../pwa/register';
import type { Session } from '../session';
import { useT } from './i18n';
import { lazyScreen } from './lazy';
import { hrefFor, type Route, useRoute } from './router';
import { ScreenBoundary } from './ScreenBoundary';
import { SyncBar, SyncBarWhileOpening } from './SyncBar';
import { Today } from './Today';
import { UpdateBanner } from './UpdateBanner';

const ElderEdit = lazyScreen(() => import('./ElderEdit').then((m) => m.ElderEdit));
const ElderPage = lazyScreen(() => import('./ElderPage').then((m) => m.ElderPage));
const EldersPage = lazyScreen(() => import('./EldersPage').then((m) => m.EldersPage));
const ReviewPage = lazyScreen(() => import('./ReviewPage').then((m) => m.ReviewPage));
const SchedulePage = lazyScreen(() => import('./SchedulePage').then((m) => m.SchedulePage));
const SyncPage = lazyScreen(() => import('./SyncPage').then((m) => m.SyncPage));
const VisitForm = lazyScreen(() => import('./VisitForm').then((m) => m.VisitForm));
const VisitPage = lazyScreen(() => import('./VisitPage').then((m) => m.VisitPage));
const ManageScreen = lazyScreen(() => import('./ManageScreen').then((m) => m.ManageScreen));

/** The Manage tab's screens (coordinators and admins). */
const MANAGE_ROUTES: readonly Route['name'][] = ['manage', 'accounts', 'newAccount', 'account'];

/** The signed-in app: title, sync bar, the current screen and the tab bar. */
export function Shell({
  api,
  session,
  snapshot,
  signOut,
  onUnauthorized,
  updateOffer,
}: {
  api: ApiClient;
  session: Session;
  /** What Today last showed, drawn while the database opens (null when there is none). */
  snapshot: TodayInputs | null;
  signOut: () => Promise<void>;
  /** The server ended the session (a request answered 401): back to the sign-in form. */
  onUnauthorized: () => void;
  updateOffer: UpdateOffer | null;
}) {
  const t = useT();
  const route = useRoute();
  // The database opens after the first frame; until then only Today (from its snapshot) is drawn.
  const ready = useContext(ServicesContext) !== null;
  const tabs: { route: Route; label: string; active: boolean }[] = [
    { route: { name: 'today' }, label: t.today, active: route.name === 'today' },
    {
      route: { name: 'elders' },
      label: t.eldersTab,
      active: ['elders', 'elder', 'editElder', 'visit', 'visitRecord', 'correctVisit'].includes(route.name),
    },
    { route: { name: 'schedule' }, label: t.scheduleTab, active: route.name === 'schedule' },
    ...(isManager(session.user)
      ? [
          {
            route: { name: 'manage' } as Route,
            label: t.manageTab,
            active: MANAGE_ROUTES.includes(route.name),
          },
        ]
      : []),
    { route: { name: 'sync' }, label: t.settingsShort, active: ['sync', 'review'].includes(route.name) },
  ];
  const screenOf = () =>
    !ready && route.name !== 'today' ? (
      <p class="muted">{t.loading}</p>
    ) : route.name === 'sync' ? (
      <SyncPage signOut={signOut} />
    ) : route.name === 'review' ? (
      <ReviewPage />
    ) : route.name === 'schedule' ? (
      <SchedulePage />
    ) : route.name === 'elders' ? (
      <EldersPage />
    ) : route.name === 'editElder' ? (
      <ElderEdit elderId={route.elderId} />
    ) : route.name === 'elder' ? (
      <ElderPage elderId={route.elderId} />
    ) : MANAGE_ROUTES.includes(route.name) ? (
      <ManageScreen route={route} api={api} me={session.user} onUnauthorized={onUnauthorized} />
    ) : route.name === 'visit' ? (
      <VisitForm elderId={route.elderId} scheduleId={route.scheduleId} />
    ) : route.name === 'visitRecord' ? (
      <VisitPage elderId={route.elderId} visitId={route.visitId} />
    ) : route.name === 'correctVisit' ? (
      <VisitForm elderId={route.elderId} scheduleId={null} correctingId={route.visitId} />
    ) : (
      <Today snapshot={snapshot} session={session} />
    );
  return (
    <>
      <header class="topbar">
        <a href="#/" class="brand">
          {t.appName}
        </a>
      </header>
      {ready ? <SyncBar /> : <SyncBarWhileOpening session={session} />}
      {updateOffer ? (
        <UpdateBanner
          offer={updateOffer}
          onForm={['visit', 'correctVisit', 'editElder'].includes(route.name)}
        />
      ) : null}
      <ScreenBoundary key={hrefFor(route)}>{screenOf()}</ScreenBoundary>
      <nav class="tabbar" aria-label={t.appName}>
        {tabs.map((tab) => (
          <a key={tab.label} href={hrefFor(tab.route)} aria-current={tab.active ? 'page' : undefined}>
            {tab.label}
          </a>
        ))}
      </nav>
    </>
  );
}
