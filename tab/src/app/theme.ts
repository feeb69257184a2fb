import {
  teamsDarkTheme,
  teamsHighContrastTheme,
  teamsLightTheme,
} from '@fluentui/react-components';
import type { Theme } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { TeamsHost, TeamsTheme } from './teams-context';

const themes: Record<TeamsTheme, Theme> = {
  default: teamsLightTheme,
  dark: teamsDarkTheme,
  contrast: teamsHighContrastTheme,
};

/** The Fluent theme for a Teams theme name. */
export function fluentTheme(name: TeamsTheme): Theme {
  return themes[name];
}

/** `?theme=dark|contrast|default` lets people test each theme in a plain browser. */
export function themeFromUrl(search: string): TeamsTheme | null {
  const value = new URLSearchParams(search).get('theme');
  return value === 'default' || value === 'dark' || value === 'contrast' ? value : null;
}

const darkQuery = '(prefers-color-scheme: dark)';
const contrastQuery = '(forced-colors: active)';

function systemTheme(): TeamsTheme {
  if (typeof window.matchMedia !== 'function') return 'default';
  if (window.matchMedia(contrastQuery).matches) return 'contrast';
  return window.matchMedia(darkQuery).matches ? 'dark' : 'default';
}

/**
 * The theme to show: Teams' theme inside Teams (following changes), otherwise the URL's
 * `?theme=` or the operating system's light/dark preference.
 */
export function useThemeName(host: TeamsHost | null | undefined): TeamsTheme {
  const [name, setName] = useState<TeamsTheme>(
    () => host?.theme ?? themeFromUrl(window.location.search) ?? systemTheme(),
  );

  useEffect(() => {
    if (host) {
      setName(host.theme);
      return host.onThemeChange(setName);
    }
    const fromUrl = themeFromUrl(window.location.search);
    if (fromUrl) {
      setName(fromUrl);
      return undefined;
    }
    setName(systemTheme());
    if (typeof window.matchMedia !== 'function') return undefined;
    const queries = [window.matchMedia(darkQuery), window.matchMedia(contrastQuery)];
    const update = () => setName(systemTheme());
    for (const q of queries) q.addEventListener('change', update);
    return () => {
      for (const q of queries) q.removeEventListener('change', update);
    };
  }, [host]);

  return name;
}
