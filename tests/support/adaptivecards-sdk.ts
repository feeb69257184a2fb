/**
 * The Adaptive Cards SDK for Node. `require('adaptivecards')` fails in Node (its ESM build has
 * extensionless imports), so load the UMD bundle and type it with the library's own types.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const AC = require('adaptivecards/dist/adaptivecards.js') as typeof import('adaptivecards');

/** Parses a card with the Adaptive Cards SDK at schema 1.5 and returns what it complained about. */
export function sdkProblems(card: object): string[] {
  const adaptive = new AC.AdaptiveCard();
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  adaptive.parse(card, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) problems.push(context.getEventAt(i).message);
  for (const event of adaptive.validateProperties().validationEvents) problems.push(event.message);
  return problems;
}
