// Screens other than Today load on first use, so the first start downloads and parses less. The
// service worker precaches every chunk, so they open offline too.
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

export function lazyScreen<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<ComponentType<P>> | null = null;
  return function LazyScreen(props: P) {
    const [Screen, setScreen] = useState<ComponentType<P> | null>(() => loaded);
    useEffect(() => {
      if (Screen) return;
      pending ??= load().then((component) => {
        loaded = component;
        return component;
      });
      let active = true;
      pending.then((component) => active && setScreen(() => component));
      return () => {
        active = false;
      };
    }, [Screen]);
    return Screen ? <Screen {...props} /> : null;
  };
}
