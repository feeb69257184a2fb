import { Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { ApplicationSettingsDetail } from '../../../bot/src/contracts/applications';
import { CheckGroup } from '../shared/check-group';
import { plural } from './coordinator-api';
import {
  OPEN_CALL_REACH,
  OPEN_CALL_REACH_WORDS,
  type OpenCallReach,
} from './application-settings-values';

const useStyles = makeStyles({
  summary: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXS,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  muted: { color: tokens.colorNeutralForeground2 },
});

/**
 * Where the application window stands (in words, with the zone), how many asked to hear about
 * the next cohort, and "announce that applications are open" once a window is saved.
 */
export function ApplicationWindowSummary({
  detail,
  reach,
  onReach,
  onAnnounce,
}: {
  detail: ApplicationSettingsDetail;
  /** Who hears that applications are open (chosen here, sent through the composer). */
  reach: OpenCallReach[];
  onReach: (reach: OpenCallReach[]) => void;
  onAnnounce: () => void;
}) {
  const styles = useStyles();
  const w = detail.window;
  const canAnnounce = detail.saved && (w?.state === 'open' || w?.state === 'upcoming');
  return (
    <div className={styles.summary} data-testid="application-window-summary">
      <Text weight="semibold" data-testid="application-window-state">
        {w ? w.stateWords : 'Not set up yet: this cohort takes no applications until you save'}
      </Text>
      {w && (
        <Text>
          Opens {w.opensWords}; closes {w.closesWords}.
        </Text>
      )}
      <Text data-testid="next-cohort-count">
        {plural(detail.nextCohortInterest, 'person', 'people')} asked to hear about the next cohort.
      </Text>
      <CheckGroup
        legend="Who hears that applications are open"
        hint="Each person once, with delivery followed like any announcement."
        options={OPEN_CALL_REACH}
        words={OPEN_CALL_REACH_WORDS}
        selected={reach}
        onChange={onReach}
        firstId="open-call-reach"
        testId="open-call-reach"
      />
      <div>
        <Button
          onClick={onAnnounce}
          disabled={!canAnnounce || reach.length === 0}
          data-testid="announce-applications"
        >
          Announce that applications are open
        </Button>
      </div>
      {!canAnnounce && (
        <Text size={200} className={styles.muted}>
          Save a window that has not closed yet to announce it.
        </Text>
      )}
    </div>
  );
}
