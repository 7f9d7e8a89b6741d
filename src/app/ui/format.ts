// Dates and numbers for people, through Intl in the chosen language.
import type { Locale } from './i18n';

// Making an Intl formatter costs far more than using one (it loads locale data): one per
// language and style, made on first use, since lists format a date on every row.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: Locale, style: 'day' | 'dateTime' | 'time'): Intl.DateTimeFormat {
  const key = `${locale}|${style}`;
  let made = formatters.get(key);
  if (!made) {
    const options: Intl.DateTimeFormatOptions =
      style === 'day'
        ? { month: 'short', day: 'numeric', weekday: 'short' }
        : style === 'dateTime'
          ? { dateStyle: 'medium', timeStyle: 'short' }
          : { hour: '2-digit', minute: '2-digit' };
    made = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, made);
  }
  return made;
}

export function formatDate(date: string, locale: Locale): string {
  const [y, m, d] = date.split('-').map(Number);
  return formatter(locale, 'day').format(new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1));
}

export function formatDateTime(instant: string, locale: Locale): string {
  return formatter(locale, 'dateTime').format(new Date(instant));
}

export function formatTime(instant: string, locale: Locale): string {
  return formatter(locale, 'time').format(new Date(instant));
}

export function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [ty, tm, td] = today.split('-').map(Number);
  const age = (ty ?? 0) - (by ?? 0);
  return (tm ?? 0) < (bm ?? 0) || ((tm ?? 0) === (bm ?? 0) && (td ?? 0) < (bd ?? 0)) ? age - 1 : age;
}

/** The value of an <input type="datetime-local"> for an instant, in local time. */
export function toLocalInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A list as the language writes one: 独居、高龄 in Chinese, "Lives alone, Advanced age" in English. */
export function listOf(items: readonly string[], locale: Locale): string {
  return items.join(locale === 'en' ? ', ' : '、');
}
