// The person's display choices, kept on the device: language and text size.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { type Locale, messages, preferredLocale } from './i18n';

export type TextSize = 'normal' | 'large';

export interface Preferences {
  locale: Locale;
  textSize: TextSize;
}

const KEY = 'tanfang.preferences';

export function loadPreferences(storage: Storage, languages: readonly string[]): Preferences {
  const fallback: Preferences = { locale: preferredLocale(languages), textSize: 'normal' };
  try {
    const saved = JSON.parse(storage.getItem(KEY) ?? 'null') as Partial<Preferences> | null;
    return {
      locale: saved?.locale && saved.locale in messages ? saved.locale : fallback.locale,
      textSize: saved?.textSize === 'large' ? 'large' : 'normal',
    };
  } catch {
    return fallback;
  }
}

export function savePreferences(storage: Storage, preferences: Preferences): void {
  storage.setItem(KEY, JSON.stringify(preferences));
}

/** Applies the choices to the page: its language (for screen readers and fonts) and its text size. */
export function applyPreferences(root: HTMLElement, preferences: Preferences): void {
  root.lang = preferences.locale;
  root.dataset.textSize = preferences.textSize;
}

export const PreferencesContext = createContext<{
  preferences: Preferences;
  setPreferences: (next: Preferences) => void;
} | null>(null);

export function usePreferences() {
  const value = useContext(PreferencesContext);
  if (!value) throw new Error('usePreferences outside <PreferencesContext.Provider>');
  return value;
}
