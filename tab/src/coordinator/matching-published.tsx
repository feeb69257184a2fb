import { Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useRef } from 'react';
import type {
  PublishedReciprocalPairView,
  PublishedRunView,
} from '../../../bot/src/contracts/matching';
import { SectionCard, Subheading } from '../shared/section-card';
import { formatLocalDate } from './coordinator-api';
import { pairsWords, partnersWords, plainCount } from './matching-words';

const useStyles = makeStyles({
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL },
  said: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXS,
    ':focus-visible': {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: tokens.strokeWidthThin,
    },
  },
});

/**
 * How the run was published, read-only: when and by whom, the pairs made (the reciprocal ones
 * named, as partners, right after publishing), and who went on the waiting list and whether
 * Teams reached them. The same after a reload as straight after publishing.
 */
export function PublishedCard({
  view,
  reciprocal,
  names,
  focusOnShow,
}: {
  view: PublishedRunView;
  /** The reciprocal pairs just made (only straight after publishing). */
  reciprocal?: PublishedReciprocalPairView[];
  names: Map<string, string>;
  /** Straight after publishing the publish button is gone: focus comes here, to be read out. */
  focusOnShow: boolean;
}) {
  const styles = useStyles();
  const said = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focusOnShow) said.current?.focus({ preventScroll: true });
  }, [focusOnShow]);
  const made = pairsWords({
    all: view.pairs + view.reciprocalPairs,
    reciprocal: view.reciprocalPairs,
  });
  return (
    <SectionCard title="Published" testId="matching-published">
      <div ref={said} tabIndex={-1} className={styles.said}>
        <Text data-testid="matching-published-when">
          Published on {formatLocalDate(view.publishedAt)}
          {view.publishedByName ? ` by ${view.publishedByName}` : ''}: {made} made,{' '}
          {plainCount(view.waitlisted.length, 'person', 'people')} on the waiting list. It can no
          longer be changed.
        </Text>
        <Text data-testid="matching-published-message">{view.message}</Text>
      </div>
      {reciprocal && reciprocal.length > 0 && (
        <>
          <Subheading>Reciprocal pairs made</Subheading>
          <ul className={styles.list} data-testid="matching-published-reciprocal">
            {reciprocal.map((p) => (
              <li key={p.pairId}>{partnersWords(p, names)}</li>
            ))}
          </ul>
        </>
      )}
      {view.waitlisted.length > 0 && (
        <>
          <Subheading>On the waiting list</Subheading>
          <ul className={styles.list} data-testid="matching-published-waitlist">
            {view.waitlisted.map((w) => (
              <li key={w.id}>
                {w.displayName}:{' '}
                {w.told ? 'told in Teams' : "we couldn't reach them in Teams; please tell them"}
              </li>
            ))}
          </ul>
        </>
      )}
    </SectionCard>
  );
}
