import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
} from '@fluentui/react-components';
import type { KeyboardEvent, RefObject } from 'react';
import { plural } from '../../coordinator/coordinator-api';
import type { ReportBusy } from './use-report-actions';

const useStyles = makeStyles({
  confirm: { ':focus': { outlineStyle: 'none' } },
});

interface CancelConfirmProps {
  /** Scheduled (nobody has it yet) or sending (some have). */
  scheduled: boolean;
  /** How many already have it. */
  sent: number;
  busy: ReportBusy;
  confirmRef: RefObject<HTMLDivElement>;
  /** The id of the dialog's title. */
  titleId: string;
  onConfirm: () => void;
  onKeep: () => void;
  onKeyDown: (event: KeyboardEvent<HTMLDivElement>) => void;
}

/** "Stop sending?": what cancelling means, and the two answers (Escape keeps it going). */
export function CancelConfirm({
  scheduled,
  sent,
  busy,
  confirmRef,
  titleId,
  onConfirm,
  onKeep,
  onKeyDown,
}: CancelConfirmProps) {
  const styles = useStyles();
  return (
    <div
      ref={confirmRef}
      tabIndex={-1}
      role="group"
      aria-labelledby={titleId}
      onKeyDown={onKeyDown}
      className={styles.confirm}
      data-testid="announcement-cancel-confirm"
    >
      <MessageBar intent="warning" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle id={titleId}>
            {scheduled ? 'Cancel this announcement?' : 'Stop sending?'}
          </MessageBarTitle>
          {scheduled
            ? 'Nobody will get it. You can write it again later.'
            : `Nobody still waiting will get it. ${plural(sent, 'person', 'people')} who already ${sent === 1 ? 'has' : 'have'} it ${sent === 1 ? 'keeps' : 'keep'} it.`}
        </MessageBarBody>
        <MessageBarActions>
          <Button
            appearance="primary"
            onClick={onConfirm}
            disabled={busy !== null}
            data-testid="announcement-cancel-yes"
          >
            {busy === 'cancel' ? 'Cancelling…' : scheduled ? 'Yes, cancel it' : 'Yes, stop sending'}
          </Button>
          <Button onClick={onKeep} disabled={busy !== null} data-testid="announcement-cancel-no">
            {scheduled ? 'Keep it scheduled' : 'Keep sending'}
          </Button>
        </MessageBarActions>
      </MessageBar>
    </div>
  );
}
