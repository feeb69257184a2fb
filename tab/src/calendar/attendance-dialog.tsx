import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useId, useState } from 'react';
import { ApiRequestError } from '../app/api-client';
import type { CalendarEvent } from '../../../bot/src/contracts/calendar';
import type { AttendanceRegister } from '../../../bot/src/contracts/calendar-attendance';
import type { CalendarApi } from './calendar-api';
import { formatEventWhen } from './calendar-format';
import { CheckGroup } from '../shared/check-group';
import { FormDialog } from '../shared/form-dialog';
import { Loading, Problem } from '../shared/status-views';
import { useApiLoad } from '../shared/use-api-load';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
  muted: { color: tokens.colorNeutralForeground2 },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

interface AttendanceProps {
  api: CalendarApi;
  cohortId: string;
  event: CalendarEvent;
  announce: (message: string) => void;
  onSignInExpired?: () => void;
}

const attendedIds = (register: AttendanceRegister) =>
  register.people.filter((p) => p.attended === true).map((p) => p.participantId);

/**
 * "Record attendance" on a programme session that has started, for those who run the cohort:
 * a dialog of the invited people's names, each ticked if they attended, saved with the
 * register's ETag. A save someone else made meanwhile is shown, and the ticks here are kept.
 */
export function AttendanceAction({
  api,
  cohortId,
  event,
  announce,
  onSignInExpired,
}: AttendanceProps) {
  const [open, setOpen] = useState(false);
  const buttonId = useId();
  const close = () => {
    setOpen(false);
    window.setTimeout(() => document.getElementById(buttonId)?.focus(), 0);
  };
  return (
    <>
      <Button
        id={buttonId}
        onClick={() => setOpen(true)}
        aria-label={`Record attendance: ${event.title}`}
        data-testid="event-attendance"
      >
        Record attendance
      </Button>
      <FormDialog
        open={open}
        title={`Attendance: ${event.title}`}
        onClose={close}
        testId="attendance-dialog"
      >
        {open && (
          <AttendanceForm
            api={api}
            cohortId={cohortId}
            event={event}
            onSignInExpired={onSignInExpired}
            onCancel={close}
            onSaved={(saved) => {
              announce(
                `Saved attendance for ${saved.title}: ${attendedIds(saved).length} of ${saved.people.length} attended.`,
              );
              close();
            }}
          />
        )}
      </FormDialog>
    </>
  );
}

function AttendanceForm({
  api,
  cohortId,
  event,
  onSaved,
  onCancel,
  onSignInExpired,
}: Omit<AttendanceProps, 'announce'> & {
  onSaved: (saved: AttendanceRegister) => void;
  onCancel: () => void;
}) {
  const styles = useStyles();
  const firstId = useId();
  const [ticked, setTicked] = useState<string[]>([]);
  const [etag, setEtag] = useState<string | null>(null);
  const [theirs, setTheirs] = useState<AttendanceRegister | null>(null);
  const [problem, setProblem] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);
  const [load, , retry] = useApiLoad(
    () => api.attendance(cohortId, event.id),
    [api, cohortId, event.id],
    onSignInExpired,
    {
      onLoaded: (register) => {
        setTicked(attendedIds(register));
        setEtag(register.etag);
      },
    },
  );

  if (load.status === 'loading') {
    return <Loading label="Loading the register…" testId="attendance-loading" />;
  }
  if (load.status === 'failed') {
    return (
      <Problem
        title="We couldn't load the register"
        message={load.error.message}
        onRetry={retry}
        testId="attendance-error"
      />
    );
  }
  const register = load.data;
  const names = Object.fromEntries(register.people.map((p) => [p.participantId, p.displayName]));

  async function save() {
    setSaving(true);
    setProblem(undefined);
    try {
      const marks = register.people.map((p) => ({
        participantId: p.participantId,
        attended: ticked.includes(p.participantId),
      }));
      const saved = await api.saveAttendance(cohortId, event.id, etag, { marks });
      onSaved(saved);
    } catch (error) {
      if (error instanceof ApiRequestError && error.status === 401 && onSignInExpired) {
        onSignInExpired();
      } else if (error instanceof ApiRequestError && error.status === 412 && error.current) {
        // Theirs is shown; the ticks here stay, and saving again replaces theirs.
        setTheirs(error.current.value as AttendanceRegister);
        setEtag((error.current.value as AttendanceRegister).etag);
      } else if (error instanceof ApiRequestError && error.fields.length > 0) {
        const who = error.fields.map((f) => {
          const index = /^marks\.(\d+)\./.exec(f.field)?.[1];
          const person = index === undefined ? undefined : register.people[Number(index)];
          return person ? `${person.displayName} ${f.message}` : `${f.field} ${f.message}`;
        });
        setProblem(who.join('; '));
      } else {
        setProblem(
          error instanceof ApiRequestError ? error.message : 'Something went wrong. Try again.',
        );
      }
    } finally {
      setSaving(false);
    }
  }

  return (
    <form
      className={styles.form}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      data-testid="attendance-form"
    >
      <Text className={styles.muted}>
        {formatEventWhen(register.start, register.end)}. Tick everyone who attended; those left
        unticked are recorded as not attending. Only the programme team sees this register; the
        evaluation counts it, never names.
      </Text>
      {!register.canRecord && (
        <Text data-testid="attendance-not-started">
          This session has not started yet: its attendance can be recorded once it has.
        </Text>
      )}
      {register.people.length === 0 ? (
        <Text data-testid="attendance-nobody">
          Nobody in the cohort is invited to this session.
        </Text>
      ) : (
        <CheckGroup
          legend="Who attended"
          hint={`${register.people.length} invited`}
          options={register.people.map((p) => p.participantId)}
          words={names}
          selected={ticked}
          onChange={setTicked}
          error={problem}
          firstId={firstId}
          testId="attendance-people"
        />
      )}
      {theirs && (
        <MessageBar intent="warning" layout="multiline" data-testid="attendance-conflict">
          <MessageBarBody>
            <MessageBarTitle>
              {theirs.recordedByName ?? 'Someone else'} saved this register a moment ago.
            </MessageBarTitle>
            Your ticks are still here and nothing of yours was saved. In their version{' '}
            {attendedIds(theirs).length} of {theirs.people.length} attended. Save to replace theirs
            with yours, or load theirs.
          </MessageBarBody>
          <MessageBarActions>
            <Button
              onClick={() => {
                setTicked(attendedIds(theirs));
                setTheirs(null);
              }}
              data-testid="attendance-load-latest"
            >
              Load their version
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {problem && register.people.length === 0 && (
        <Text data-testid="attendance-problem">{problem}</Text>
      )}
      <div className={styles.buttons}>
        <Button
          appearance="primary"
          type="submit"
          disabled={saving || !register.canRecord || register.people.length === 0}
          data-testid="attendance-save"
        >
          {saving ? 'Saving…' : 'Save attendance'}
        </Button>
        <Button onClick={onCancel} data-testid="attendance-cancel">
          Cancel
        </Button>
      </div>
    </form>
  );
}
