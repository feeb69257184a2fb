import { Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { MeetingStatus, PairSpace } from '../../../bot/src/contracts/journey';
import { describeMeetingStatus } from './pair-format';

const useStyles = makeStyles({
  wrap: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXS },
  dots: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    margin: 0,
    padding: 0,
    listStyleType: 'none',
  },
  dot: {
    display: 'inline-flex',
    alignItems: 'center',
    justifyContent: 'center',
    width: '28px',
    height: '28px',
    boxSizing: 'border-box',
    borderRadius: tokens.borderRadiusCircular,
    border: `${tokens.strokeWidthThick} solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase200,
    fontWeight: tokens.fontWeightSemibold,
  },
  held: {
    backgroundColor: tokens.colorBrandBackground,
    border: `${tokens.strokeWidthThick} solid ${tokens.colorBrandBackground}`,
    color: tokens.colorNeutralForegroundOnBrand,
  },
  planned: {
    border: `${tokens.strokeWidthThick} solid ${tokens.colorBrandStroke1}`,
    color: tokens.colorBrandForeground1,
  },
  missed: {
    border: `${tokens.strokeWidthThick} dashed ${tokens.colorPaletteRedBorder2}`,
    color: tokens.colorNeutralForeground1,
  },
  // The meeting that meets the programme's minimum when held.
  minimum: {
    outline: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralForeground2}`,
    outlineOffset: '2px',
  },
  hidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
  },
  muted: { color: tokens.colorNeutralForeground2 },
});

type DotKind = 'held' | 'planned' | 'missed' | 'open';

const kindOf = (status: MeetingStatus | undefined): DotKind =>
  status === 'held'
    ? 'held'
    : status === 'planned'
      ? 'planned'
      : status === 'missed' || status === 'cancelled'
        ? 'missed'
        : 'open';

/**
 * Progress against the plan at a glance: one dot per planned meeting (filled when held, ringed
 * when booked, dashed when missed), the one that meets the programme's minimum marked, and the
 * summary in words beneath.
 */
export function PlanProgress({ space }: { space: PairSpace }) {
  const styles = useStyles();
  const { planned, minimumMeetings } = {
    planned: space.progress.planned,
    minimumMeetings: space.cohort.cadence.minimumMeetings,
  };
  const byNumber = new Map(space.meetings.filter((m) => m.number).map((m) => [m.number, m]));
  const numbers = Array.from({ length: planned }, (_, i) => i + 1);
  return (
    <div className={styles.wrap}>
      <ol className={styles.dots} aria-label="Meetings in your plan" data-testid="pair-plan-dots">
        {numbers.map((n) => {
          const meeting = byNumber.get(n);
          const kind = kindOf(meeting?.status);
          const words = meeting ? describeMeetingStatus(meeting.status) : 'Not booked yet';
          return (
            <li
              key={n}
              className={mergeClasses(
                styles.dot,
                kind !== 'open' && styles[kind],
                n === minimumMeetings && styles.minimum,
              )}
              data-kind={kind}
            >
              <span aria-hidden="true">{n}</span>
              <span className={styles.hidden}>
                Meeting {n}: {words}
                {n === minimumMeetings ? ' (the programme minimum)' : ''}
              </span>
            </li>
          );
        })}
      </ol>
      <Text size={200} data-testid="pair-progress">
        {space.progress.summary}
      </Text>
    </div>
  );
}
