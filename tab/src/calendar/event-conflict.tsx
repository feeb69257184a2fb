import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { CalendarEvent } from '../../../bot/src/contracts/calendar';
import { describeAudience, formatEventWhen } from './calendar-format';

const useStyles = makeStyles({
  latest: { display: 'block', marginTop: tokens.spacingVerticalXS, overflowWrap: 'anywhere' },
});

interface EventConflictProps {
  /** Someone else's newer version of the event, as the API answered the save with it. */
  latest: CalendarEvent;
  onLoadLatest: () => void;
}

/** Someone changed the event while it was being edited: their version, and a way to load it. */
export function EventConflict({ latest, onLoadLatest }: EventConflictProps) {
  const styles = useStyles();
  return (
    <MessageBar intent="warning" layout="multiline" data-testid="event-conflict">
      <MessageBarBody>
        <MessageBarTitle>Someone else changed this event a moment ago.</MessageBarTitle>
        Your changes are still in the form and nothing of yours was saved. Save your version to
        replace theirs, or load their version.
        <span className={styles.latest} data-testid="event-conflict-latest">
          <strong>Their version:</strong> {latest.title},{' '}
          {formatEventWhen(latest.start, latest.end)},{' '}
          {describeAudience(latest.audience).toLowerCase()}
          {latest.location ? `, ${latest.location}` : ''}
        </span>
      </MessageBarBody>
      <MessageBarActions>
        <Button onClick={onLoadLatest} data-testid="event-load-latest">
          Load their version
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}
