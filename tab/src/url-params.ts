/** Which surface the tab is shown on: a person's own app or a team channel. */
export type TabView = 'personal' | 'channel';

/** Which page the HTML file asked for: the tab itself or the channel tab's config page. */
export type TabPage = 'tab' | 'config';

export function viewFromUrl(search: string): TabView {
  return new URLSearchParams(search).get('view') === 'channel' ? 'channel' : 'personal';
}

export function pageFromDocument(doc: Document): TabPage {
  return doc.body.dataset.page === 'config' ? 'config' : 'tab';
}
