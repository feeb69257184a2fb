/**
 * Development aids: the demo cohort (seeded for local runs), the Agents Playground's mock
 * tenant, and the development-only routes (sign in as a demo person, move time).
 */
export {
  DEMO_COORDINATOR,
  DEMO_DEV_USER,
  DEMO_PARTICIPANTS,
  DEMO_PEOPLE,
  type DemoPerson,
  type DemoStage,
  demoCohortInput,
  demoPairsByStage,
  demoRosterCsv,
} from './demo-cohort';
export { type DemoSeedDeps, seedDemoCohortIfEmpty } from './demo-seeder';
export { type DemoJourneyDeps, DemoTimeline } from './demo-timeline';
export { seedStagedDemo, stagedCohortInput } from './demo-journey';
export { type PlaygroundConfig, demoPlaygroundConfig } from './playground-config';
export { type DevDeps, DevService } from './services/dev-service';
export { type DevRouteDeps, registerDevRoutes } from './http/dev-routes';
