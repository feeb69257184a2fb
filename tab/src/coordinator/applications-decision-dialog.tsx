import { Field, Radio, RadioGroup, Text, Textarea } from '@fluentui/react-components';
import { useState } from 'react';
import type { ApiClient } from '../app/api-client';
import { ApiRequestError } from '../app/api-client';
import {
  DECISION_MESSAGES,
  REVIEW_DECISIONS,
  type ReviewDecision,
} from '../../../bot/src/contracts/application-review';
import { CheckFailed, ChangeDialog } from './change-dialog';
import {
  type ApplicationReviewItem,
  type BulkDecisionAnswer,
  checkBulkDecision,
  checkDecision,
  decide,
  decideMany,
  getApplications,
} from './review-api';
import { DECISION_WORDS } from './review-words';
import { plural } from './coordinator-api';
import { fieldErrorsFrom } from '../shared/use-form-submit';

/** The message the applicant gets, filled in as they will read it. */
function messageFor(
  decision: ReviewDecision,
  firstName: string,
  cohortName: string,
  reason: string,
) {
  return DECISION_MESSAGES[decision].text
    .replace('{firstName}', firstName)
    .replace('{cohortName}', cohortName)
    .replace('{reason}', reason.trim() || '(your reason)');
}

function DecisionFields({
  decision,
  onDecision,
  reason,
  onReason,
  reasonError,
  preview,
}: {
  decision: ReviewDecision;
  onDecision: (d: ReviewDecision) => void;
  reason: string;
  onReason: (r: string) => void;
  reasonError?: string;
  preview: string;
}) {
  return (
    <>
      <Field label="Decision" required>
        <RadioGroup
          value={decision}
          onChange={(_e, d) => onDecision(d.value as ReviewDecision)}
          data-testid="decision-choice"
        >
          {REVIEW_DECISIONS.map((d) => (
            <Radio key={d} value={d} label={DECISION_WORDS[d].verb} data-testid={`decision-${d}`} />
          ))}
        </RadioGroup>
      </Field>
      <Field
        label={decision === 'decline' ? 'Reason (told to the applicant)' : 'Note (optional)'}
        hint={
          decision === 'decline'
            ? 'Say why, kindly: the applicant reads it in the message below.'
            : 'Kept with the decision for the programme team.'
        }
        required={decision === 'decline'}
        validationMessage={reasonError}
        validationState={reasonError ? 'error' : 'none'}
      >
        <Textarea
          value={reason}
          onChange={(_e, d) => onReason(d.value)}
          data-testid="decision-reason"
        />
      </Field>
      <Field label="What the applicant reads in Teams">
        <Text as="p" data-testid="decision-preview">
          {preview}
        </Text>
      </Field>
    </>
  );
}

const HAPPENS: Record<ReviewDecision, string> = {
  accept: 'They get a place in the cohort and can be matched once any required training is done.',
  waitlist: 'They go on the waiting list and keep their place in the queue.',
  decline: 'They are not offered a place this time; your reason is kept with the decision.',
};

const reasonOf = (reason: string) => (reason.trim() === '' ? {} : { reason });

/** Accept, waitlist or decline one application, guarded by the version it was read at. */
export function DecisionDialog({
  open,
  client,
  cohortId,
  cohortName,
  item,
  onClose,
  onDone,
}: {
  open: boolean;
  client: ApiClient;
  cohortId: string;
  cohortName: string;
  item: ApplicationReviewItem;
  onClose: () => void;
  onDone: (text: string) => void;
}) {
  const [decision, setDecision] = useState<ReviewDecision>('accept');
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const [etag, setEtag] = useState(item.etag);
  const name = item.displayName;
  return (
    <ChangeDialog
      open={open}
      onOpenChange={(o) => !o && onClose()}
      title={`Decide on ${name}'s application`}
      happens={[HAPPENS[decision], 'You can change the decision later.']}
      told={`${name} is told in Teams, in the programme's words below (once they have the app).`}
      confirmLabel={`${DECISION_WORDS[decision].verb}: ${name}`}
      testId="decision-dialog"
      onReload={async () => {
        const latest = (await getApplications(client, cohortId)).applications.find(
          (a) => a.applicationId === item.applicationId,
        );
        if (latest) setEtag(latest.etag);
      }}
      onFailure={(error) => {
        if (!(error instanceof ApiRequestError)) return false;
        const fields = fieldErrorsFrom(error);
        if (fields.reason) setReasonError(fields.reason);
        return Boolean(fields.reason);
      }}
      onConfirm={async () => {
        setReasonError(undefined);
        const checked = checkDecision({ decision, ...reasonOf(reason), etag });
        if (!checked.input) {
          setReasonError(checked.errors.reason);
          if (checked.errors.reason) throw new CheckFailed();
          throw new Error(Object.values(checked.errors).join(' '));
        }
        await decide(client, cohortId, item.applicationId, checked.input);
        onDone(`${name}: ${DECISION_WORDS[decision].done}. They are told in Teams.`);
      }}
    >
      <DecisionFields
        decision={decision}
        onDecision={setDecision}
        reason={reason}
        onReason={setReason}
        reasonError={reasonError}
        preview={messageFor(decision, name.trim().split(/\s+/)[0] ?? name, cohortName, reason)}
      />
    </ChangeDialog>
  );
}

/** One decision for every selected application; each item gets its own result. */
export function BulkDecisionDialog({
  open,
  client,
  cohortId,
  cohortName,
  items,
  onClose,
  onDone,
}: {
  open: boolean;
  client: ApiClient;
  cohortId: string;
  cohortName: string;
  items: ApplicationReviewItem[];
  onClose: () => void;
  onDone: (answer: BulkDecisionAnswer) => void;
}) {
  const [decision, setDecision] = useState<ReviewDecision>('accept');
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const count = plural(items.length, 'application');
  return (
    <ChangeDialog
      open={open}
      onOpenChange={(o) => !o && onClose()}
      title={`Decide on ${count}`}
      happens={[
        `${DECISION_WORDS[decision].verb}: ${items.map((i) => i.displayName).join(', ')}.`,
        HAPPENS[decision],
        'Each application is decided on its own: one changed meanwhile is listed, never overwritten.',
      ]}
      told="Each applicant is told in Teams, in the programme's words, greeted by their first name."
      confirmLabel={`${DECISION_WORDS[decision].verb}: ${count}`}
      testId="bulk-decision-dialog"
      onFailure={(error) => {
        if (!(error instanceof ApiRequestError)) return false;
        const message = error.fields.find((f) => f.field.endsWith('reason'))?.message;
        if (message) setReasonError(message);
        return Boolean(message);
      }}
      onConfirm={async () => {
        setReasonError(undefined);
        const body = {
          items: items.map((i) => ({
            applicationId: i.applicationId,
            decision,
            ...reasonOf(reason),
            etag: i.etag,
          })),
        };
        const one = checkDecision({ decision, ...reasonOf(reason), etag: 'read' });
        if (one.errors.reason) {
          setReasonError(one.errors.reason);
          throw new CheckFailed();
        }
        const checked = checkBulkDecision(body);
        if (!checked.input) throw new Error(Object.values(checked.errors).join(' '));
        onDone(await decideMany(client, cohortId, checked.input));
      }}
    >
      <DecisionFields
        decision={decision}
        onDecision={setDecision}
        reason={reason}
        onReason={setReason}
        reasonError={reasonError}
        preview={messageFor(decision, '(their first name)', cohortName, reason)}
      />
    </ChangeDialog>
  );
}
