// Hash routes, so the service worker only ever needs to serve index.html.
import { useEffect, useState } from 'preact/hooks';

export type Route =
  | { name: 'today' }
  | { name: 'elders' }
  | { name: 'schedule' }
  | { name: 'sync' }
  | { name: 'review' }
  | { name: 'elder'; elderId: string }
  | { name: 'editElder'; elderId: string }
  | { name: 'visit'; elderId: string; scheduleId: string | null }
  | { name: 'visitRecord'; elderId: string; visitId: string }
  | { name: 'correctVisit'; elderId: string; visitId: string }
  | { name: 'manage' }
  | { name: 'accounts' }
  | { name: 'newAccount' }
  | { name: 'account'; userId: string };

export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter(Boolean);
  if (parts[0] === 'sync') return { name: 'sync' };
  if (parts[0] === 'elders') return { name: 'elders' };
  if (parts[0] === 'schedule') return { name: 'schedule' };
  if (parts[0] === 'review') return { name: 'review' };
  if (parts[0] === 'manage') {
    if (parts[1] !== 'accounts') return { name: 'manage' };
    if (parts[2] === 'new') return { name: 'newAccount' };
    return parts[2] ? { name: 'account', userId: parts[2] } : { name: 'accounts' };
  }
  if (parts[0] === 'elder' && parts[1]) {
    if (parts[2] === 'edit') return { name: 'editElder', elderId: parts[1] };
    if (parts[2] === 'visits' && parts[3]) {
      const ids = { elderId: parts[1], visitId: parts[3] };
      return parts[4] === 'edit' ? { name: 'correctVisit', ...ids } : { name: 'visitRecord', ...ids };
    }
    if (parts[2] === 'visit') {
      return { name: 'visit', elderId: parts[1], scheduleId: new URLSearchParams(query).get('schedule') };
    }
    return { name: 'elder', elderId: parts[1] };
  }
  return { name: 'today' };
}

export function hrefFor(route: Route): string {
  switch (route.name) {
    case 'today':
      return '#/';
    case 'sync':
      return '#/sync';
    case 'elders':
      return '#/elders';
    case 'schedule':
      return '#/schedule';
    case 'review':
      return '#/review';
    case 'elder':
      return `#/elder/${route.elderId}`;
    case 'editElder':
      return `#/elder/${route.elderId}/edit`;
    case 'visit':
      return `#/elder/${route.elderId}/visit${route.scheduleId ? `?schedule=${route.scheduleId}` : ''}`;
    case 'visitRecord':
      return `#/elder/${route.elderId}/visits/${route.visitId}`;
    case 'correctVisit':
      return `#/elder/${route.elderId}/visits/${route.visitId}/edit`;
    case 'manage':
      return '#/manage';
    case 'accounts':
      return '#/manage/accounts';
    case 'newAccount':
      return '#/manage/accounts/new';
    case 'account':
      return `#/manage/accounts/${route.userId}`;
  }
}

export function navigate(route: Route): void {
  location.hash = hrefFor(route);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
