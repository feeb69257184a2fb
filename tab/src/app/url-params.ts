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

/**
 * Where a signed-in person is inside the tab: the home view, a pair's space (`?pair=`),
 * a cohort's programme calendar (`?calendar=`), a cohort the coordinator runs (`?cohort=`),
 * applying to a cohort (`?apply=`) or the person's open surveys (`?surveys=mine`).
 */
export type TabPlace =
  | { kind: 'home' }
  | { kind: 'pair'; pairId: string }
  | { kind: 'calendar'; cohortId: string }
  | { kind: 'cohort'; cohortId: string }
  | { kind: 'apply'; cohortId: string }
  | { kind: 'admin' }
  | { kind: 'surveys' };

const placeParams = ['pair', 'calendar', 'cohort', 'apply', 'admin', 'surveys'] as const;

export function placeFromUrl(search: string): TabPlace {
  const params = new URLSearchParams(search);
  const read = (name: string) => {
    const value = params.get(name);
    return value && value.trim() !== '' ? value : null;
  };
  const pairId = read('pair');
  if (pairId) return { kind: 'pair', pairId };
  const calendar = read('calendar');
  if (calendar) return { kind: 'calendar', cohortId: calendar };
  const cohort = read('cohort');
  if (cohort) return { kind: 'cohort', cohortId: cohort };
  const apply = read('apply');
  if (apply) return { kind: 'apply', cohortId: apply };
  if (read('admin')) return { kind: 'admin' };
  if (read('surveys')) return { kind: 'surveys' };
  return { kind: 'home' };
}

/** Puts the place into the address, so reload and Back keep it. */
export function placeToUrl(href: string, place: TabPlace): string {
  const url = new URL(href);
  for (const name of placeParams) url.searchParams.delete(name);
  if (place.kind === 'pair') url.searchParams.set('pair', place.pairId);
  if (place.kind === 'calendar') url.searchParams.set('calendar', place.cohortId);
  if (place.kind === 'cohort') url.searchParams.set('cohort', place.cohortId);
  if (place.kind === 'apply') url.searchParams.set('apply', place.cohortId);
  if (place.kind === 'admin') url.searchParams.set('admin', 'roles');
  if (place.kind === 'surveys') url.searchParams.set('surveys', 'mine');
  return url.toString();
}
