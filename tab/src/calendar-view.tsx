import type { ApiClient } from './api-client';
import { Problem } from './status-views';

export interface CalendarViewProps {
  client: ApiClient;
  cohortId: string;
  onBack: () => void;
  onSignInExpired?: () => void;
}

/** Placeholder until the programme calendar view lands. */
export function CalendarView({ onBack }: CalendarViewProps) {
  return <Problem title="Calendar" message="Coming soon." onRetry={onBack} testId="calendar" />;
}
