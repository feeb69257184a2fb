/**
 * Preloaded (`node --import <this file's URL> …`) into a child that `npm run dev` starts and that
 * cannot be told to stop with its parent (the Agents Playground): the child is given a pipe as
 * stdin, and when that pipe closes, because `npm run dev` ended however it ended (Ctrl+C, kill,
 * kill -9), the child ends too. Embedded storage does the same on its own.
 */
process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
