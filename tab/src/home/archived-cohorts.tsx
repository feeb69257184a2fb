import { Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { ApiClient } from '../app/api-client';
import type { CohortSummary } from '../../../bot/src/contracts/cohorts';
import { listCohorts } from '../coordinator/admin-api';
import { describeFailure } from '../shared/use-form-submit';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL },
});

/** Archived cohorts are hidden from the list; this shows them, read-only, on request. */
export function ArchivedCohorts({
  client,
  onOpenCohort,
}: {
  client: ApiClient;
  onOpenCohort: (cohortId: string) => void;
}) {
  const styles = useStyles();
  const [archived, setArchived] = useState<CohortSummary[] | null>(null);
  const [problem, setProblem] = useState<string | undefined>();
  if (archived === null) {
    return (
      <div className={styles.stack}>
        <Button
          appearance="subtle"
          onClick={() =>
            listCohorts(client, true).then(
              (all) => setArchived(all.filter((c) => c.status === 'archived')),
              (error: unknown) => setProblem(describeFailure(error)),
            )
          }
          data-testid="show-archived"
        >
          Show archived cohorts
        </Button>
        {problem && <Text role="alert">{problem}</Text>}
      </div>
    );
  }
  return (
    <div className={styles.stack} data-testid="archived-cohorts">
      <Text weight="semibold">Archived cohorts (read-only)</Text>
      {archived.length === 0 ? (
        <Text>No cohort is archived.</Text>
      ) : (
        <ul className={styles.list}>
          {archived.map((c) => (
            <li key={c.id}>
              <Button appearance="transparent" onClick={() => onOpenCohort(c.id)}>
                {c.name}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
