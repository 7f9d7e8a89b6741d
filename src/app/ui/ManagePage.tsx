// The coordinator's hub: what they manage, one entry each. A new entry is one line in ENTRIES (and
// its title and description in i18nManage.ts, under `hub`).

import { isManager } from '../../domain/access';
import type { User } from '../../domain/schemas';
import { Board } from './Board';
import { CADENCE_HREF } from './cadenceRoute';
import { useBoardT } from './i18nBoard';
import { type ManageMessages, useManageT } from './i18nManage';
import { registerHref } from './registerRoute';
import { ROUND_HREF } from './roundRoute';
import { hrefFor } from './router';
import { volunteersHref } from './volunteersRoute';

const ENTRIES: { key: keyof ManageMessages['hub']; href: string }[] = [
  { key: 'accounts', href: hrefFor({ name: 'accounts' }) },
  { key: 'register', href: registerHref() },
  { key: 'round', href: ROUND_HREF },
  { key: 'cadence', href: CADENCE_HREF },
  { key: 'volunteers', href: volunteersHref() },
];

export function ManagePage({ me }: { me: User }) {
  const m = useManageT();
  const b = useBoardT();
  return (
    <main>
      <h1>{m.manageTitle}</h1>
      {isManager(me) ? (
        <>
          {/* What needs attention first, what to manage under it (the entries are one tap away). */}
          <Board me={me} />
          <h2>{b.hubTitle}</h2>
          <ul class="list" data-testid="manage-hub">
            {ENTRIES.map(({ key, href }) => (
              <li key={key}>
                <a class="row column" href={href}>
                  <strong>{m.hub[key].title}</strong>
                  <span class="muted">{m.hub[key].description}</span>
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p class="notice">{m.notManager}</p>
      )}
    </main>
  );
}
