import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { RunReciprocalPairView, RunView } from '../../../bot/src/contracts/matching';
import { RowHeader } from '../shared/data-table';
import { Subheading } from '../shared/section-card';
import { PairTable } from './matching-pair-table';

/**
 * The reciprocal pool's side of a run (docs/matching.md, "Two pools in one run"): its pairs are
 * two partners who mentor each other, so no one here is called a mentor or a mentee.
 */

/** The reciprocal pairs with their score, reasons, warnings and lock; nothing when there are none. */
export function ReciprocalTable({
  run,
  actions,
}: {
  run: RunView;
  actions?: (pair: RunReciprocalPairView) => ReactNode;
}) {
  const pairs = run.reciprocalPairs ?? [];
  if (pairs.length === 0) return null;
  const published = run.status === 'published';
  return (
    <>
      <Subheading>Reciprocal pairs</Subheading>
      <PairTable
        pairs={pairs}
        caption={published ? 'Published reciprocal pairs' : 'Proposed reciprocal pairs'}
        whoColumns={['Partners']}
        who={(p) => (
          <RowHeader>
            {p.personAName} and {p.personBName} (partners)
          </RowHeader>
        )}
        keyOf={(p) => `${p.personAId}+${p.personBId}`}
        rowTestId={(p) => `matching-reciprocal-pair-${p.personAId}`}
        testId="matching-reciprocal-pairs"
        minWidth={published ? 600 : 700}
        published={published}
        actions={actions}
      />
    </>
  );
}

/** Locked pairs of either pool kept from the previous run that a rule now forbids. */
export function RefusedLocks({ run }: { run: RunView }) {
  const reasons = [...run.refusedLocks, ...(run.reciprocalRefusedLocks ?? [])].map((l) => l.reason);
  if (reasons.length === 0) return null;
  return (
    <MessageBar intent="warning" layout="multiline" data-testid="matching-refused-locks">
      <MessageBarBody>
        <MessageBarTitle>Locked pairs a rule now forbids</MessageBarTitle>
        {reasons.join('; ')}
      </MessageBarBody>
    </MessageBar>
  );
}
