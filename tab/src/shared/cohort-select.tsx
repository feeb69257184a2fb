import { Select } from '@fluentui/react-components';
import type { CohortSummary } from '../../../bot/src/contracts/cohorts';

/** A choice of cohort by name; `anyLabel` adds a first option for none in particular (''). */
export function CohortSelect({
  cohorts,
  value,
  onChange,
  anyLabel,
  className,
  testId,
}: {
  cohorts: readonly CohortSummary[];
  value: string;
  onChange: (cohortId: string) => void;
  anyLabel?: string;
  className?: string;
  testId: string;
}) {
  return (
    <Select
      className={className}
      value={value}
      onChange={(_e, d) => onChange(d.value)}
      data-testid={testId}
    >
      {anyLabel !== undefined && <option value="">{anyLabel}</option>}
      {cohorts.map((c) => (
        <option key={c.id} value={c.id}>
          {c.name}
        </option>
      ))}
    </Select>
  );
}
