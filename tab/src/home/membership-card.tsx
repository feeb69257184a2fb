import {
  Avatar,
  Badge,
  Button,
  Card,
  CardHeader,
  Divider,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useId } from 'react';
import type { Membership, PairSummary } from '../../../bot/src/contracts/cohorts';
import { DemoBadge, DetailList, cohortRows } from '../shared/cohort-details';
import { describeMyPart, describePairState, describePartner, describeRole } from '../shared/format';

const useStyles = makeStyles({
  card: { padding: tokens.spacingHorizontalL, rowGap: tokens.spacingVerticalM },
  headerTitle: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
  },
  heading: { margin: 0, overflowWrap: 'anywhere' },
  partner: {
    display: 'flex',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalM,
    minWidth: 0,
  },
  partnerText: { display: 'flex', flexDirection: 'column', minWidth: 0 },
  muted: { color: tokens.colorNeutralForeground3 },
  secondary: { color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere' },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

function PartnerDetails({ pair }: { pair: PairSummary }) {
  const styles = useStyles();
  const partner = pair.partner;
  if (!partner) {
    return (
      <Text className={styles.secondary}>
        Your partner&apos;s details aren&apos;t available just now. If this continues, contact your
        programme team.
      </Text>
    );
  }
  const work = [partner.jobTitle, partner.organisation].filter(Boolean).join(', ');
  return (
    <div className={styles.partner} data-testid={`partner-${pair.id}`}>
      <Avatar name={partner.displayName} color="colorful" size={40} aria-hidden />
      <div className={styles.partnerText}>
        <Text size={200} className={styles.muted}>
          {describePartner(partner.role, pair.arrangement)}
        </Text>
        <Text weight="semibold" data-testid="partner-name">
          {partner.displayName}
        </Text>
        {work && (
          <Text size={200} className={styles.secondary} data-testid="partner-work">
            {work}
          </Text>
        )}
      </div>
    </div>
  );
}

/** One cohort the person takes part in: dates, cadence, their part and their partner. */
export function MembershipCard({
  membership,
  onOpenPair,
  onOpenCalendar,
}: {
  membership: Membership;
  /** Opens the pair's own space (goals, actions, meetings). */
  onOpenPair?: (pairId: string) => void;
  /** Opens the cohort's programme calendar. */
  onOpenCalendar?: (cohortId: string) => void;
}) {
  const styles = useStyles();
  const headingId = useId();
  const { cohort, pair } = membership;

  const rows = [
    ...cohortRows(cohort),
    {
      term: 'Your part',
      value: pair ? describeMyPart(pair.myRole, pair.arrangement) : describeRole(membership.role),
    },
  ];
  if (pair) {
    rows.push({
      term: 'Status',
      value: (
        <Badge appearance="outline" shape="rounded" data-testid="pair-state">
          {describePairState(pair.state)}
        </Badge>
      ),
    });
  }

  return (
    <Card
      className={styles.card}
      role="article"
      aria-labelledby={headingId}
      data-testid={`membership-${cohort.id}`}
    >
      <CardHeader
        header={
          <div className={styles.headerTitle}>
            <Text as="h3" size={400} weight="semibold" id={headingId} className={styles.heading}>
              {cohort.name}
            </Text>
            <DemoBadge cohort={cohort} />
          </div>
        }
      />
      <DetailList rows={rows} />
      <Divider />
      {pair ? (
        <>
          <PartnerDetails pair={pair} />
          {onOpenPair && (
            <div className={styles.buttons}>
              <Button
                appearance="primary"
                onClick={() => onOpenPair(pair.id)}
                aria-label={`Open my pair in ${cohort.name}`}
                data-testid={`open-pair-${pair.id}`}
              >
                Open my pair
              </Button>
            </div>
          )}
        </>
      ) : (
        <Text className={styles.secondary} data-testid="not-matched">
          You haven&apos;t been matched with a partner yet. Your programme team will introduce you
          when pairs are matched.
        </Text>
      )}
      {onOpenCalendar && (
        <div className={styles.buttons}>
          <Button
            onClick={() => onOpenCalendar(cohort.id)}
            aria-label={`Programme calendar for ${cohort.name}`}
            data-testid={`open-calendar-${cohort.id}`}
          >
            Programme calendar
          </Button>
        </div>
      )}
    </Card>
  );
}
