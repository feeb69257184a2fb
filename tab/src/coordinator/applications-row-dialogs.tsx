import {
  Button,
  Checkbox,
  Field,
  Radio,
  RadioGroup,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { ApiClient } from '../app/api-client';
import { ApiRequestError } from '../app/api-client';
import type { TrainingEventView } from '../../../bot/src/contracts/application-review';
import { CheckFailed, ChangeDialog } from './change-dialog';
import { DecisionDialog } from './applications-decision-dialog';
import {
  type ApplicationReviewItem,
  askManager,
  attendanceEtags,
  checkManagerAnswer,
  getApplications,
  recordAttendance,
  recordManagerAnswer,
} from './review-api';
import { TRAINING_TYPE_WORDS, isDecidable, managerAnswered } from './review-words';
import { formatLocalDate } from './coordinator-api';
import { fieldErrorsFrom } from '../shared/use-form-submit';

const useStyles = makeStyles({
  actions: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalXS,
    marginBlockStart: tokens.spacingVerticalXS,
    ':empty': { display: 'none' },
  },
  events: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXS },
});

type RowDialog = 'decide' | 'training' | 'ask' | 'answer';

export interface RowContext {
  client: ApiClient;
  cohortId: string;
  cohortName: string;
  trainingEvents: TrainingEventView[];
  /** A change was made: say it, and read the list again once the dialog has closed. */
  onChanged: (text: string) => void;
}

/** The buttons of one cell: the decision, training attendance, or the line manager's question. */
export type ActionGroup = 'decision' | 'training' | 'manager';

/** One application's actions of one group, each with its dialog. */
export function ApplicationRowActions({
  item,
  context,
  group,
}: {
  item: ApplicationReviewItem;
  context: RowContext;
  group: ActionGroup;
}) {
  const styles = useStyles();
  // The dialog stays mounted after it closes (it then renders nothing once Fluent has finished
  // closing), so the page is handed back to screen readers; each opening starts afresh (its key).
  const [shown, setShown] = useState<{ dialog: RowDialog; open: boolean; n: number } | null>(null);
  const name = item.displayName;
  const close = () => setShown((s) => s && { ...s, open: false });
  const dialog = (d: RowDialog) => shown?.dialog === d;
  const props = { item, context, onClose: close, open: shown?.open ?? false };
  const mayAsk = item.managerSupport === 'not-asked' || item.managerSupport === 'asked';
  const button = (dialog: RowDialog, label: string) => (
    <Button
      size="small"
      onClick={() => setShown((s) => ({ dialog, open: true, n: (s?.n ?? 0) + 1 }))}
      aria-label={`${label}: ${name}`}
      data-testid={`application-${dialog}`}
    >
      {label}
    </Button>
  );
  return (
    <div className={styles.actions}>
      {group === 'decision' && isDecidable(item.status) && button('decide', 'Decide')}
      {group === 'training' &&
        context.trainingEvents.length > 0 &&
        button('training', 'Record attendance')}
      {group === 'manager' && mayAsk && button('ask', 'Ask again')}
      {group === 'manager' &&
        !managerAnswered(item.managerSupport) &&
        button('answer', "Record manager's answer")}
      {dialog('decide') && (
        <DecisionDialog
          key={shown?.n}
          open={props.open}
          client={context.client}
          cohortId={context.cohortId}
          cohortName={context.cohortName}
          item={item}
          onClose={close}
          onDone={context.onChanged}
        />
      )}
      {dialog('training') && <AttendanceDialog key={shown?.n} {...props} />}
      {dialog('ask') && <AskManagerDialog key={shown?.n} {...props} />}
      {dialog('answer') && <ManagerAnswerDialog key={shown?.n} {...props} />}
    </div>
  );
}

interface DialogProps {
  open: boolean;
  item: ApplicationReviewItem;
  context: RowContext;
  onClose: () => void;
}

/**
 * Attended or not, per induction and mentor-training event of the cohort. Each change is sent
 * with the version of that attendance as read: a colleague's record made meanwhile is refused
 * (shown in the dialog with a reload that keeps the ticks), never overwritten.
 */
function AttendanceDialog({ open, item, context, onClose }: DialogProps) {
  const styles = useStyles();
  const [initial, setInitial] = useState(() => new Set(item.training.attended));
  const [attended, setAttended] = useState(() => new Set(initial));
  const [versions, setVersions] = useState(() => attendanceEtags(item, context.trainingEvents));
  const changed = context.trainingEvents.filter(
    (e) => attended.has(e.eventId) !== initial.has(e.eventId),
  );
  return (
    <ChangeDialog
      open={open}
      onOpenChange={(o) => !o && onClose()}
      title={`Training attended by ${item.displayName}`}
      happens={[
        changed.length === 0
          ? 'Nothing changes until you tick or untick an event.'
          : `${changed.length} ${changed.length === 1 ? 'event is' : 'events are'} recorded.`,
        'When the cohort requires training, an accepted applicant is ready for matching once they attended an induction and, if they may mentor, a mentor training.',
      ]}
      told="Nobody is told: attendance is for the programme team."
      confirmLabel="Save attendance"
      testId="attendance-dialog"
      onReload={async () => {
        const latest = (await getApplications(context.client, context.cohortId)).applications.find(
          (a) => a.applicationId === item.applicationId,
        );
        if (!latest) return;
        setVersions(attendanceEtags(latest, context.trainingEvents));
        setInitial(new Set(latest.training.attended));
      }}
      onConfirm={async () => {
        for (const event of changed) {
          const saved = await recordAttendance(
            context.client,
            context.cohortId,
            item.applicationId,
            {
              eventId: event.eventId,
              attended: attended.has(event.eventId),
              etag: versions.get(event.eventId) ?? null,
            },
          );
          // Saved: a later failure in this loop must not send this one again with its old version.
          setVersions((now) => new Map(now).set(event.eventId, saved.etag));
          setInitial((now) => {
            const next = new Set(now);
            if (saved.attended) next.add(event.eventId);
            else next.delete(event.eventId);
            return next;
          });
        }
        context.onChanged(`Training attendance saved for ${item.displayName}.`);
      }}
    >
      <div className={styles.events} role="group" aria-label="Events attended">
        {context.trainingEvents.map((e) => (
          <Checkbox
            key={e.eventId}
            checked={attended.has(e.eventId)}
            onChange={(_e, d) =>
              setAttended((now) => {
                const next = new Set(now);
                if (d.checked === true) next.add(e.eventId);
                else next.delete(e.eventId);
                return next;
              })
            }
            label={`${e.title} (${TRAINING_TYPE_WORDS[e.type]}, ${formatLocalDate(e.startsAt)})`}
            data-testid={`attended-${e.eventId}`}
          />
        ))}
      </div>
    </ChangeDialog>
  );
}

/** Sends the line manager's question again (only while it is unanswered). */
function AskManagerDialog({ open, item, context, onClose }: DialogProps) {
  return (
    <ChangeDialog
      open={open}
      onOpenChange={(o) => !o && onClose()}
      title={`Ask ${item.lineManagerName} again?`}
      happens={[
        `${item.lineManagerName} is asked only whether ${item.displayName} can be released for the meetings and sessions, with the dates. They see nothing else of the application.`,
      ]}
      told={`${item.lineManagerName} gets a card in Teams now, or as soon as they open the app.`}
      confirmLabel="Ask again"
      testId="ask-manager-dialog"
      onConfirm={async () => {
        const asked = await askManager(context.client, context.cohortId, item.applicationId);
        context.onChanged(
          asked.delivered
            ? `${item.lineManagerName} was asked again in Teams.`
            : `${item.lineManagerName} has not opened the app yet: they are asked as soon as they do.`,
        );
      }}
    />
  );
}

type Released = 'yes' | 'no' | '';

/** The answer of a manager Teams cannot reach, recorded by the programme team. */
function ManagerAnswerDialog({ open, item, context, onClose }: DialogProps) {
  const [released, setReleased] = useState<Released>('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const problem = (field: string) =>
    errors[field]
      ? { validationMessage: errors[field], validationState: 'error' as const }
      : { validationState: 'none' as const };
  const manager = item.lineManagerName;
  return (
    <ChangeDialog
      open={open}
      onOpenChange={(o) => !o && onClose()}
      title={`Record ${manager}'s answer`}
      happens={[
        `Recorded as ${manager}'s answer, given to the programme team, with your note.`,
        `If ${manager} answers on their own card in Teams later, their answer replaces this one.`,
      ]}
      told="Nobody is told."
      confirmLabel="Record the answer"
      testId="manager-answer-dialog"
      onFailure={(error) => {
        if (!(error instanceof ApiRequestError) || error.fields.length === 0) return false;
        setErrors(fieldErrorsFrom(error));
        return true;
      }}
      onConfirm={async () => {
        setErrors({});
        const checked = checkManagerAnswer({
          ...(released === '' ? {} : { released: released === 'yes' }),
          ...(note.trim() === '' ? {} : { note }),
        });
        if (!checked.input) {
          setErrors({
            ...checked.errors,
            ...(checked.errors.released ? { released: 'Choose yes or no.' } : {}),
          });
          throw new CheckFailed();
        }
        await recordManagerAnswer(
          context.client,
          context.cohortId,
          item.applicationId,
          checked.input,
        );
        context.onChanged(`${manager}'s answer recorded for ${item.displayName}.`);
      }}
    >
      <Field
        label={`Can ${manager} release ${item.displayName} for the meetings and sessions?`}
        required
        {...problem('released')}
      >
        <RadioGroup
          value={released}
          onChange={(_e, d) => setReleased(d.value as Released)}
          data-testid="manager-released"
        >
          <Radio value="yes" label="Yes, they can be released" data-testid="manager-released-yes" />
          <Radio value="no" label="No, they cannot" data-testid="manager-released-no" />
        </RadioGroup>
      </Field>
      <Field
        label="Note (optional)"
        hint="How you got the answer, for the programme team: 'by email, 3 March'."
        {...problem('note')}
      >
        <Textarea value={note} onChange={(_e, d) => setNote(d.value)} data-testid="manager-note" />
      </Field>
    </ChangeDialog>
  );
}
