import type { UpdateOffer } from '../pwa/register';
import { useT } from './i18n';

/** Offers a new version. On a form, it waits until the form is saved: an update reloads the page. */
export function UpdateBanner({ offer, onForm }: { offer: UpdateOffer; onForm: boolean }) {
  const t = useT();
  return (
    <div class="banner" role="status" data-testid="update-banner">
      <span>{onForm ? t.updateAfterForm : t.updateReady}</span>
      <button type="button" disabled={onForm} onClick={() => offer.apply()}>
        {t.updateNow}
      </button>
    </div>
  );
}
