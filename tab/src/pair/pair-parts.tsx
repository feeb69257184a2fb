import { Badge, Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { PairMeeting, PairReflection } from '../../../bot/src/contracts/journey';
import { useLocale } from '../shared/locale';
import { formatInstantWords } from '../shared/local-dates';
import { describeMeetingStatus, describeMeetingWhen } from './pair-format';

/** The smaller parts of My pair: the meetings, reflections, and how to book a meeting. */

const useStyles = makeStyles({
  muted: { color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere' },
  list: {
    margin: 0,
    padding: 0,
    listStyleType: 'none',
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
  },
  meeting: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'baseline',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalS,
    paddingBlock: tokens.spacingVerticalXS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  reflection: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXS,
    overflowWrap: 'anywhere',
  },
  help: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
  steps: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

export function MeetingList({ meetings }: { meetings: PairMeeting[] }) {
  const styles = useStyles();
  const locale = useLocale();
  if (meetings.length === 0) {
    return (
      <Text className={styles.muted} data-testid="meetings-empty">
        No meetings yet. They&apos;ll appear here once your programme team introduces you and your
        monthly meetings are set out.
      </Text>
    );
  }
  return (
    <ul className={styles.list} data-testid="meetings-list">
      {meetings.map((m, i) => (
        <li key={m.id} className={styles.meeting}>
          <Text weight="semibold">Meeting {m.number ?? i + 1}</Text>
          <Text className={styles.muted}>{describeMeetingWhen(m, locale)}</Text>
          <Badge appearance="outline" shape="rounded">
            {describeMeetingStatus(m.status)}
          </Badge>
        </li>
      ))}
    </ul>
  );
}

export function ReflectionList({ items, testId }: { items: PairReflection[]; testId: string }) {
  const styles = useStyles();
  const locale = useLocale();
  return (
    <ul className={styles.list} data-testid={testId}>
      {items.map((r) => (
        <li key={r.id} className={styles.reflection}>
          <Text size={200} className={styles.muted}>
            {formatInstantWords(r.createdAt, locale)}
            {r.sharedWithPartner ? ' · shared with your partner' : ' · private to you'}
          </Text>
          {r.learned && (
            <Text>
              <strong>What I learned:</strong> {r.learned}
            </Text>
          )}
          {r.doDifferently && (
            <Text>
              <strong>What I&apos;ll do differently:</strong> {r.doDifferently}
            </Text>
          )}
        </li>
      ))}
    </ul>
  );
}

/**
 * How a meeting is booked: the Mentoring bot records it in Teams, where both partners get its
 * reminders (the tab has no booking form of its own).
 */
export function BookingHelp({ partnerName, onDone }: { partnerName: string; onDone: () => void }) {
  const styles = useStyles();
  return (
    <div className={styles.help} data-testid="booking-help">
      <ol className={styles.steps}>
        <li>Agree a date and time with {partnerName}.</li>
        <li>
          In your chat with the Mentoring bot in Teams, type <strong>next meeting</strong> and
          record the time on the card it sends.
        </li>
        <li>You both get a reminder, and a card to prepare, before the meeting.</li>
      </ol>
      <div className={styles.buttons}>
        <Button appearance="primary" onClick={onDone} data-testid="booking-help-done">
          Got it
        </Button>
      </div>
    </div>
  );
}
