/** Views that need sign-in: a person's own app, or a team's channel tab. */
export type SignedInView = 'personal' | 'channel';
/** Pages the app manifest links to (developer website, privacy, terms); no sign-in needed. */
export type InfoView = 'about' | 'privacy' | 'terms';
/** Which surface the tab is shown on, from `?view=`. */
export type TabView = SignedInView | InfoView;

/** Which page the HTML file asked for: the tab itself or the channel tab's config page. */
export type TabPage = 'tab' | 'config';

const views: readonly TabView[] = ['personal', 'channel', 'about', 'privacy', 'terms'];

export function viewFromUrl(search: string): TabView {
  const value = new URLSearchParams(search).get('view');
  return views.find((v) => v === value) ?? 'personal';
}

export function isInfoView(view: TabView): view is InfoView {
  return view === 'about' || view === 'privacy' || view === 'terms';
}

export function pageFromDocument(doc: Document): TabPage {
  return doc.body.dataset.page === 'config' ? 'config' : 'tab';
}

/** The pair whose space is open, from `?pair=`; null shows the home view. */
export function pairFromUrl(search: string): string | null {
  const value = new URLSearchParams(search).get('pair');
  return value && value.trim() !== '' ? value : null;
}

/** Puts the open pair (or none) into the address, so reload and Back keep the place. */
export function pairToUrl(href: string, pairId: string | null): string {
  const url = new URL(href);
  if (pairId) url.searchParams.set('pair', pairId);
  else url.searchParams.delete('pair');
  return url.toString();
}
