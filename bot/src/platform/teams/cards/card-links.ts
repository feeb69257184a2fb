import { isHttpsUrl, safeMarkdown } from '../../../contracts/safe-links';

/**
 * Every card the bot builds passes through here (`finishCard` and `expandCard` call it), so no
 * text anyone typed can put a link on a card that is not https:, mailto: or msteams:, and no
 * button opens anything but https:. Teams renders Markdown in TextBlocks and FactSets; those get
 * `safeMarkdown` (bot/src/contracts/safe-links.ts, which the tab's preview applies too). An
 * `Action.OpenUrl` (a button, or a `selectAction`) whose address is not https is removed.
 * Works in place; Action data and inputs are not rendered and are left alone.
 */
export function safeCardLinks(node: unknown): void {
  if (Array.isArray(node)) {
    for (let i = node.length - 1; i >= 0; i -= 1) {
      if (isBadOpenUrl(node[i])) node.splice(i, 1);
      else safeCardLinks(node[i]);
    }
    return;
  }
  if (!node || typeof node !== 'object') return;
  const o = node as Record<string, unknown>;
  if (o.type === 'TextBlock' && typeof o.text === 'string') o.text = safeMarkdown(o.text);
  if (o.type === 'FactSet' && Array.isArray(o.facts)) {
    for (const fact of o.facts as Record<string, unknown>[]) {
      if (typeof fact.title === 'string') fact.title = safeMarkdown(fact.title);
      if (typeof fact.value === 'string') fact.value = safeMarkdown(fact.value);
    }
  }
  if (isBadOpenUrl(o.selectAction)) delete o.selectAction;
  for (const [key, value] of Object.entries(o)) {
    if (key !== 'data' && key !== 'facts') safeCardLinks(value);
  }
}

function isBadOpenUrl(node: unknown): boolean {
  if (!node || typeof node !== 'object') return false;
  const o = node as Record<string, unknown>;
  return o.type === 'Action.OpenUrl' && !(typeof o.url === 'string' && isHttpsUrl(o.url));
}
