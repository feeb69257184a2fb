import type { ApiClient } from './api-client';
import { Problem } from './status-views';

export interface CoordinatorCohortViewProps {
  client: ApiClient;
  cohortId: string;
  onBack: () => void;
  onOpenCalendar: (cohortId: string) => void;
  onSignInExpired?: () => void;
}

/** Placeholder until the coordinator's cohort view lands. */
export function CoordinatorCohortView({ onBack }: CoordinatorCohortViewProps) {
  return <Problem title="Cohort" message="Coming soon." onRetry={onBack} testId="cohort" />;
}
