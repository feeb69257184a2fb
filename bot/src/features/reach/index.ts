/**
 * Reach: who the bot cannot message yet (no chat with the app in Teams), since when it has been
 * trying, and the ways out: installing the app for them through Microsoft Graph, or a link to
 * share. Other features and app/ use this surface and `contracts/reach.ts`.
 */
export {
  APP_INSTALL_JOB,
  type InstallActor,
  type ReachDeps,
  ReachService,
} from './services/reach-service';
export { ReachRepository } from './store/reach-repository';
export { installRetryHandler, isInstallRetry } from './jobs/install-retry-job';
export { type ReachRouteDeps, registerReachRoutes } from './http/reach-routes';
