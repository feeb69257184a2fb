import { Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { ApplicationSettingsDetail } from '../../../bot/src/contracts/applications';
import { plural } from './coordinator-api';

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
  onAnnounce,
}: {
  detail: ApplicationSettingsDetail;
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
      <div>
        <Button onClick={onAnnounce} disabled={!canAnnounce} data-testid="announce-applications">
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
