import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
} from '@fluentui/react-components';
import { plural } from '../../coordinator/coordinator-api';
import type { ReportBusy } from './use-report-actions';

interface UnconfirmedNoticeProps {
  unconfirmed: number;
  busy: ReportBusy;
  onResend: () => void;
}

/** People whose delivery is unknown (a server stopped mid-send), and sending to them again. */
export function UnconfirmedNotice({ unconfirmed, busy, onResend }: UnconfirmedNoticeProps) {
  return (
    <MessageBar intent="warning" layout="multiline" data-testid="announcement-unconfirmed">
      <MessageBarBody>
        <MessageBarTitle>
          We can&apos;t tell whether {plural(unconfirmed, 'person', 'people')} got it
        </MessageBarTitle>
        The server sending it stopped before Teams answered, so it may or may not have arrived.
        Sending again reaches those who didn&apos;t get it, but some may get a second copy.
      </MessageBarBody>
      <MessageBarActions>
        <Button onClick={onResend} disabled={busy !== null} data-testid="announcement-resend">
          {busy === 'resend' ? 'Sending…' : `Resend to ${unconfirmed} unconfirmed`}
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}
