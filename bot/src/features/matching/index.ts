/** Matching: the reverse pool's engine (pure domain); applications, routes and the tab come later. */
export * from './domain';
