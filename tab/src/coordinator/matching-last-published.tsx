import { Text } from '@fluentui/react-components';
import type { ApiClient } from '../app/api-client';
import { RowHeader, useTableStyles } from '../shared/data-table';
import { SectionCard, Subheading } from '../shared/section-card';
import { useApiLoad } from '../shared/use-api-load';
import { formatLocalDate } from './coordinator-api';
import { getPublishedRun } from './matching-api';
import { PairTable } from './matching-pair-table';
import { pairsCount, pairsWords } from './matching-words';

/**
 * The cohort's last published run, read-only, shown below a newer draft (a re-match): the
 * pairs it made stay in view while the draft is reviewed. Nothing here can be changed.
 */
export function LastPublishedRun({
  client,
  cohortId,
  draftId,
  onSignInExpired,
}: {
  client: ApiClient;
  cohortId: string;
  /** The draft above it: read again when another draft replaces it. */
  draftId: string;
  onSignInExpired?: () => void;
}) {
  const t = useTableStyles();
  const [load] = useApiLoad(
    () => getPublishedRun(client, cohortId),
    [client, cohortId, draftId],
    onSignInExpired,
  );
  if (load.status !== 'loaded' || !load.data) return null;
  const run = load.data;
  const by = run.published?.publishedByName ? ` by ${run.published.publishedByName}` : '';
  const when = run.published ? formatLocalDate(run.published.publishedAt) : '';
  return (
    <SectionCard title="Last published run" testId="matching-last-published">
      <Text data-testid="matching-last-published-when">
        {run.kind === 'rematch' ? 'Re-match' : 'Run'} of {formatLocalDate(run.createdAt)}
        {when ? `, published on ${when}${by}` : ', published'}: {pairsWords(pairsCount(run))} made.
        These are the cohort&apos;s pairs; the draft above changes nothing until you publish it.
      </Text>
      {run.pairs.length > 0 && (
        <PairTable
          pairs={run.pairs}
          caption="Pairs of the last published run"
          whoColumns={['Mentor', 'Mentee']}
          who={(p) => (
            <>
              <RowHeader>{p.mentorName}</RowHeader>
              <td className={t.td}>{p.menteeName}</td>
            </>
          )}
          keyOf={(p) => `${p.mentorId}|${p.menteeId}`}
          rowTestId={(p) => `matching-last-published-pair-${p.mentorId}`}
          testId="matching-last-published-pairs"
          minWidth={660}
          published
        />
      )}
      {(run.reciprocalPairs?.length ?? 0) > 0 && (
        <>
          <Subheading>Reciprocal pairs</Subheading>
          <PairTable
            pairs={run.reciprocalPairs ?? []}
            caption="Reciprocal pairs of the last published run"
            whoColumns={['Partners']}
            who={(p) => (
              <RowHeader>
                {p.personAName} and {p.personBName} (partners)
              </RowHeader>
            )}
            keyOf={(p) => `${p.personAId}+${p.personBId}`}
            rowTestId={(p) => `matching-last-published-reciprocal-${p.personAId}`}
            testId="matching-last-published-reciprocal"
            minWidth={600}
            published
          />
        </>
      )}
    </SectionCard>
  );
}
