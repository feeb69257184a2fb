import {
  Button,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Text,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { ApplicationStatus, MyApplication } from '../../../bot/src/contracts/applications';
import { FormProblem, FormStatus, useFormStyles } from '../shared/form-parts';
import { formatDate } from '../shared/format';
import { describeFailure } from '../shared/use-form-submit';
import type { ApplyApi } from './apply-api';

const WITHDRAWABLE: readonly ApplicationStatus[] = ['submitted', 'accepted', 'waitlisted'];

/** A sent application: its status in words, and withdrawing it. */
export function ApplicationSent({
  api,
  application,
  onChanged,
}: {
  api: ApplyApi;
  application: MyApplication;
  onChanged: (next: MyApplication) => void;
}) {
  const formStyles = useFormStyles();
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [sure, setSure] = useState(false);

  async function withdraw() {
    setBusy(true);
    setProblem(undefined);
    try {
      onChanged(await api.withdraw(application.cohortId));
    } catch (error) {
      setProblem(describeFailure(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className={formStyles.form} data-testid="apply-sent">
      <MessageBar intent="success" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>Your application</MessageBarTitle>
          <span data-testid="apply-status-words">{application.statusWords}</span>
          {application.submittedAt && <> (sent {formatDate(application.submittedAt)})</>}
        </MessageBarBody>
      </MessageBar>
      {application.status === 'submitted' && (
        <Text>
          The programme team reads every application after the closing date and lets you know in
          Teams. Your line manager is asked only whether you can be released for the meetings.
        </Text>
      )}
      <FormProblem problem={problem} />
      {WITHDRAWABLE.includes(application.status) && (
        <div className={formStyles.buttons}>
          {sure ? (
            <>
              <Button
                appearance="primary"
                onClick={() => void withdraw()}
                disabled={busy}
                data-testid="apply-withdraw-confirm"
              >
                Yes, withdraw my application
              </Button>
              <Button onClick={() => setSure(false)} disabled={busy}>
                Keep it
              </Button>
            </>
          ) : (
            <Button onClick={() => setSure(true)} data-testid="apply-withdraw">
              Withdraw my application
            </Button>
          )}
        </div>
      )}
      <FormStatus
        status={sure ? 'You do not need to give a reason.' : ''}
        testId="apply-withdraw-status"
      />
    </div>
  );
}

/** After the closing date: the date it closed, and "tell me about the next cohort". */
export function ApplicationsClosed({
  api,
  application,
  onChanged,
}: {
  api: ApplyApi;
  application: MyApplication;
  onChanged: (next: MyApplication) => void;
}) {
  const formStyles = useFormStyles();
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  const interested = application.nextCohortInterest;

  async function toggle() {
    setBusy(true);
    setProblem(undefined);
    try {
      const answer = await api.nextCohort(application.cohortId, !interested);
      onChanged({ ...application, nextCohortInterest: answer.interested });
    } catch (error) {
      setProblem(describeFailure(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className={formStyles.form} data-testid="apply-closed">
      <MessageBar intent="warning" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>Applications have closed</MessageBarTitle>
          <span data-testid="apply-closed-date">
            Applications to {application.cohortName} closed on{' '}
            {application.window?.closesWords ?? 'the closing date'}.
          </span>
        </MessageBarBody>
      </MessageBar>
      <Text data-testid="apply-next-cohort-words">
        {interested
          ? 'You are on the list: the programme team will tell you when the next cohort opens.'
          : 'We can tell you when the next cohort opens for applications.'}
      </Text>
      <FormProblem problem={problem} />
      <div className={formStyles.buttons}>
        <Button
          appearance={interested ? 'secondary' : 'primary'}
          onClick={() => void toggle()}
          disabled={busy}
          data-testid="apply-next-cohort"
        >
          {interested ? 'Take me off the list' : 'Tell me about the next cohort'}
        </Button>
      </div>
    </div>
  );
}
