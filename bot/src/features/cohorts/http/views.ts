/**
 * Moved to `../domain/views.ts` and exported from the feature's index. This path stays only
 * until the last caller outside the feature imports through `features/cohorts/index.ts`.
 */
export { cohortView, pairStateView, participantView, partnerView } from '../domain/views';
