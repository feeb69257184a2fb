/**
 * Insights and testimonials (issue 16 item 7, docs/insights.md): what a pair (or one person)
 * writes for the organisation, with every author's consent, moderated by the programme team and
 * published, anonymised, to a board the cohort's sponsors read. The wire shapes are in
 * `contracts/insights.ts`.
 */

export {
  type Insight,
  type Outcome,
  authorConsent,
  authorEdit,
  draftInsight,
  everyAuthorAgreed,
  moderatorEdit,
  publishable,
  publishInsight,
  returnInsight,
} from './domain/insight';
export { authorGroupOf, insightBoard, insightView } from './domain/insight-views';
export type { InsightDeps } from './ports';
export { InsightService, type StaffActor } from './services/insight-service';
export { InsightRepository } from './store/insight-repository';
export { insightPublishedCard } from './cards/published-card';
export { registerInsightRoutes, type InsightRouteDeps } from './http/insight-routes';
export { createInsights } from './insights-feature';
