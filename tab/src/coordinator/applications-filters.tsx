import { Field, Input, Select, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import {
  REVIEW_SORTS,
  type ReviewQuery,
  TRAINING_FILTERS,
} from '../../../bot/src/contracts/application-review';
import {
  APPLICATION_ARRANGEMENTS,
  APPLICATION_ROLES,
  APPLICATION_STATUSES,
  type ApplicationStatus,
  MANAGER_SUPPORT_STATUSES,
} from '../../../bot/src/contracts/applications';
import {
  APPLICATION_STATUS_WORDS,
  ARRANGEMENT_WORDS,
  MANAGER_SUPPORT_WORDS,
  ROLE_WORDS,
  SORT_WORDS,
  TRAINING_FILTER_WORDS,
} from './review-words';

const useStyles = makeStyles({
  // As many columns as fit, each at least 200px wide; one column on a phone.
  filters: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(min(200px, 100%), 1fr))',
    alignItems: 'end',
    gap: tokens.spacingHorizontalM,
  },
  choice: { minWidth: 0 },
  // A long choice ("Sent, waiting for the programme team (3)") is cut, never widening its column.
  select: { minWidth: 0, '& select': { textOverflow: 'ellipsis' } },
});

/** How long typing pauses before the search is sent. */
const SEARCH_PAUSE_MS = 300;

const ALL = '' as const;

function options<T extends string>(
  values: readonly T[],
  words: Record<T, string>,
  all: string,
  count?: (value: T) => number | undefined,
) {
  return [
    { value: ALL as T | '', label: all },
    ...values.map((v) => {
      const n = count?.(v);
      return { value: v as T | '', label: n === undefined ? words[v] : `${words[v]} (${n})` };
    }),
  ];
}

/** One labelled choice of the filters. */
function Choice<T extends string>({
  label,
  value,
  options: list,
  onChange,
  testId,
}: {
  label: string;
  value: T;
  options: { value: T; label: string }[];
  onChange: (value: T) => void;
  testId: string;
}) {
  const styles = useStyles();
  return (
    <Field label={label} className={styles.choice}>
      <Select
        className={styles.select}
        value={value}
        onChange={(_e, d) => onChange(d.value as T)}
        data-testid={testId}
      >
        {list.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </Select>
    </Field>
  );
}

/**
 * The review list's filters, search and sort. The service does the filtering; the status
 * choices carry the cohort's count of each.
 */
export function ApplicationFilters({
  query,
  onChange,
  counts,
}: {
  query: ReviewQuery;
  onChange: (query: ReviewQuery) => void;
  counts: Partial<Record<ApplicationStatus, number>>;
}) {
  const styles = useStyles();
  const [search, setSearch] = useState(query.q ?? '');
  // Sent once typing pauses, so each key press is not a request.
  useEffect(() => {
    if (search === (query.q ?? '')) return undefined;
    const timer = window.setTimeout(() => onChange({ ...query, q: search }), SEARCH_PAUSE_MS);
    return () => window.clearTimeout(timer);
  }, [search, query, onChange]);

  const set =
    <K extends keyof ReviewQuery>(key: K) =>
    (value: string) =>
      onChange({ ...query, [key]: value === ALL ? undefined : value });
  const statuses = APPLICATION_STATUSES.filter((s) => s !== 'draft');
  return (
    <div className={styles.filters} role="search" aria-label="Find applications">
      <Field label="Search name or organisation" className={styles.choice}>
        <Input
          type="search"
          value={search}
          onChange={(_e, d) => setSearch(d.value)}
          data-testid="applications-search"
        />
      </Field>
      <Choice
        label="Status"
        value={query.status ?? ALL}
        options={options(statuses, APPLICATION_STATUS_WORDS, 'All statuses', (s) => counts[s] ?? 0)}
        onChange={set('status')}
        testId="applications-status"
      />
      <Choice
        label="Applied as"
        value={query.role ?? ALL}
        options={options(APPLICATION_ROLES, ROLE_WORDS, 'Any role')}
        onChange={set('role')}
        testId="applications-role"
      />
      <Choice
        label="Arrangement"
        value={query.arrangement ?? ALL}
        options={options(APPLICATION_ARRANGEMENTS, ARRANGEMENT_WORDS, 'Any arrangement')}
        onChange={set('arrangement')}
        testId="applications-arrangement"
      />
      <Choice
        label="Line manager"
        value={query.managerSupport ?? ALL}
        options={options(MANAGER_SUPPORT_STATUSES, MANAGER_SUPPORT_WORDS, 'Any answer')}
        onChange={set('managerSupport')}
        testId="applications-manager"
      />
      <Choice
        label="Training"
        value={query.training ?? ALL}
        options={options(TRAINING_FILTERS, TRAINING_FILTER_WORDS, 'Any training')}
        onChange={set('training')}
        testId="applications-training"
      />
      <Choice
        label="Sort by"
        value={query.sort ?? 'submitted'}
        options={REVIEW_SORTS.map((s) => ({ value: s, label: SORT_WORDS[s] }))}
        onChange={set('sort')}
        testId="applications-sort"
      />
      <Choice
        label="Order"
        value={query.order ?? (query.sort && query.sort !== 'submitted' ? 'asc' : 'desc')}
        options={[
          { value: 'asc', label: 'A to Z, oldest or lowest first' },
          { value: 'desc', label: 'Z to A, newest or highest first' },
        ]}
        onChange={set('order')}
        testId="applications-order"
      />
    </div>
  );
}
