/**
 * The Adaptive Cards SDK for Node. `require('adaptivecards')` fails in Node (its ESM build has
 * extensionless imports), so load the UMD bundle and type it with the library's own types.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const AC = require('adaptivecards/dist/adaptivecards.js') as typeof import('adaptivecards');
