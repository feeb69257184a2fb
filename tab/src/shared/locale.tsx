import { createContext, useContext } from 'react';
import type { ReactNode } from 'react';

/**
 * The person's locale, which dates are written and read in: Teams' `app.locale` inside Teams;
 * outside it (local development) `?locale=` or else en-GB, never the browser's own, so a
 * British programme never sees mm/dd/yyyy.
 */
export const DEFAULT_LOCALE = 'en-GB';

const LocaleContext = createContext<string>(DEFAULT_LOCALE);

/** A locale Intl knows, or en-GB. */
export function usableLocale(value: string | null | undefined): string {
  if (!value) return DEFAULT_LOCALE;
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([value]).length > 0 ? value : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

/** `?locale=de-DE` lets people try another locale in a plain browser. */
export function localeFromUrl(search: string): string | null {
  return new URLSearchParams(search).get('locale');
}

export function LocaleProvider({ locale, children }: { locale: string; children: ReactNode }) {
  return <LocaleContext.Provider value={usableLocale(locale)}>{children}</LocaleContext.Provider>;
}

export function useLocale(): string {
  return useContext(LocaleContext);
}
