import { Field, Radio, RadioGroup } from '@fluentui/react-components';
import { useState } from 'react';
import type { ApiClient } from '../app/api-client';
import { ApiRequestError } from '../app/api-client';
import type { TrainingEventView } from '../../../bot/src/contracts/application-review';
import { CheckFailed, ChangeDialog } from './change-dialog';
import { formatLocalDate, plural } from './coordinator-api';
import {
  type ApplicationReviewItem,
  type BulkAttendanceAnswer,
  attendanceEtag,
  checkBulkAttendance,
  recordAttendanceMany,
} from './review-api';
import { TRAINING_TYPE_WORDS } from './review-words';
import { fieldErrorsFrom } from '../shared/use-form-submit';

type Attended = 'yes' | 'no';

/**
 * Attendance at one induction or mentor-training event for the selected applicants, in one go:
 * each person is recorded on their own against the version the list showed, so a record a
 * colleague made meanwhile is listed as not recorded, never overwritten.
 */
export function BulkAttendanceDialog({
  open,
  client,
  cohortId,
  events,
  items,
  onClose,
  onDone,
}: {
  open: boolean;
  client: ApiClient;
  cohortId: string;
  events: TrainingEventView[];
  items: ApplicationReviewItem[];
  onClose: () => void;
  onDone: (answer: BulkAttendanceAnswer, event: TrainingEventView) => void;
}) {
  const [eventId, setEventId] = useState(events.length === 1 ? events[0]!.eventId : '');
  const [attended, setAttended] = useState<Attended>('yes');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const problem = (field: string) =>
    errors[field]
      ? { validationMessage: errors[field], validationState: 'error' as const }
      : { validationState: 'none' as const };
  const count = plural(items.length, 'applicant');
  const event = events.find((e) => e.eventId === eventId);
  return (
    <ChangeDialog
      open={open}
      onOpenChange={(o) => !o && onClose()}
      title={`Record attendance for ${count}`}
      happens={[
        `${event ? event.title : 'The event you choose'}, ${attended === 'yes' ? 'attended' : 'did not attend'}: ${items.map((i) => i.displayName).join(', ')}.`,
        'Each person is recorded on their own: one a colleague recorded since you opened the list is listed and left as they recorded it.',
      ]}
      told="Nobody is told: attendance is for the programme team."
      confirmLabel={`Record for ${count}`}
      testId="bulk-attendance-dialog"
      onFailure={(error) => {
        if (!(error instanceof ApiRequestError)) return false;
        const found = fieldErrorsFrom(error);
        if (!found.eventId && !found.attended) return false;
        setErrors(found);
        return true;
      }}
      onConfirm={async () => {
        setErrors({});
        const checked = checkBulkAttendance({
          eventId,
          attended: attended === 'yes',
          items: items.map((i) => ({
            applicationId: i.applicationId,
            etag: attendanceEtag(i, eventId),
          })),
        });
        if (!event) {
          setErrors({ eventId: 'Choose the event.' });
          throw new CheckFailed();
        }
        // Anything else refused here is about the selection (too many at once): said in words.
        if (!checked.input) throw new Error(Object.values(checked.errors).join(' '));
        onDone(await recordAttendanceMany(client, cohortId, checked.input), event);
      }}
    >
      <Field label="Event" required {...problem('eventId')}>
        <RadioGroup
          value={eventId}
          onChange={(_e, d) => setEventId(d.value)}
          data-testid="bulk-attendance-event"
        >
          {events.map((e) => (
            <Radio
              key={e.eventId}
              value={e.eventId}
              label={`${e.title} (${TRAINING_TYPE_WORDS[e.type]}, ${formatLocalDate(e.startsAt)})`}
              data-testid={`bulk-attendance-event-${e.eventId}`}
            />
          ))}
        </RadioGroup>
      </Field>
      <Field label="Attendance" required {...problem('attended')}>
        <RadioGroup
          value={attended}
          onChange={(_e, d) => setAttended(d.value as Attended)}
          data-testid="bulk-attendance-attended"
        >
          <Radio value="yes" label="Attended" data-testid="bulk-attendance-yes" />
          <Radio value="no" label="Did not attend" data-testid="bulk-attendance-no" />
        </RadioGroup>
      </Field>
    </ChangeDialog>
  );
}
