// Keeps one screen's failure to that screen: a record the screen cannot read (a review entry whose
// value is not what it expects, say) shows a message in the person's language where the screen
// would be, and the tabs, the sync bar and every other screen go on working. Shell keys it by the
// route, so opening another screen starts afresh.
import { Component, type ComponentChildren } from 'preact';
import { useT } from './i18n';

interface State {
  error: Error | null;
}

export class ScreenBoundary extends Component<{ children: ComponentChildren }, State> {
  override state: State = { error: null };

  override componentDidCatch(error: unknown): void {
    console.error('a screen failed', error);
    this.setState({ error: error instanceof Error ? error : new Error(String(error)) });
  }

  override render() {
    const { error } = this.state;
    if (error === null) return this.props.children;
    return <ScreenFailed error={error} retry={() => this.setState({ error: null })} />;
  }
}

function ScreenFailed({ error, retry }: { error: Error; retry: () => void }) {
  const t = useT();
  return (
    <main>
      <h1>{t.screenFailedTitle}</h1>
      <p role="alert">{t.screenFailed}</p>
      <p class="muted">
        {t.screenFailedDetail}
        {error.message}
      </p>
      <button type="button" onClick={retry}>
        {t.screenRetry}
      </button>
    </main>
  );
}
