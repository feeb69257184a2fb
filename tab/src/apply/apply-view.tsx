import { MessageBar, MessageBarBody, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import type { ApiClient } from '../app/api-client';
import type { MyApplication } from '../../../bot/src/contracts/applications';
import { Loading, Problem } from '../shared/status-views';
import { useApiLoad } from '../shared/use-api-load';
import { ViewFrame, ViewTitle } from '../shared/view-header';
import { applyApi } from './apply-api';
import { ApplyForm } from './apply-form';
import { ApplicationSent, ApplicationsClosed } from './apply-status';

const useStyles = makeStyles({
  muted: { color: tokens.colorNeutralForeground2 },
  titles: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXS },
});

/**
 * Applying to one cohort (`?apply=<cohortId>`): the window in words, then the form in steps,
 * the application's status once sent, or, after the closing date, the date and the list for
 * the next cohort.
 */
export function ApplyView({
  client,
  cohortId,
  onBack,
  onSignInExpired,
}: {
  client: ApiClient;
  cohortId: string;
  onBack: () => void;
  onSignInExpired?: () => void;
}) {
  const styles = useStyles();
  const api = useMemo(() => applyApi(client), [client]);
  const [load, setLoad, retry] = useApiLoad(
    () => api.mine(cohortId),
    [api, cohortId],
    onSignInExpired,
  );
  const [notice, setNotice] = useState<string>();
  // A new form (with what the service holds) after each reload.
  const [formKey, setFormKey] = useState(0);
  const back = { label: 'Back to home', onBack, testId: 'apply-back-home' };

  if (load.status === 'loading') {
    return (
      <ViewFrame back={back}>
        <Loading label="Loading your application…" testId="apply-loading" />
      </ViewFrame>
    );
  }
  if (load.status === 'failed') {
    const notTaking = load.error.status === 404;
    return (
      <ViewFrame back={back}>
        <Problem
          title={
            notTaking
              ? 'This cohort is not taking applications'
              : "We couldn't load your application"
          }
          message={
            notTaking
              ? 'The programme team has not opened applications for it, or the link is out of date.'
              : load.error.message
          }
          intent={notTaking ? 'warning' : 'error'}
          onRetry={notTaking ? undefined : retry}
          testId="apply-error"
        />
      </ViewFrame>
    );
  }

  const application = load.data;
  const changed = (next: MyApplication) => {
    setNotice(undefined);
    setLoad({ status: 'loaded', data: next });
  };
  const reload = (why: string) => {
    void api.mine(cohortId).then(
      (fresh) => {
        setNotice(why);
        setLoad({ status: 'loaded', data: fresh });
        setFormKey((k) => k + 1);
      },
      () => setNotice(why),
    );
  };
  const win = application.window;
  const editable = application.status === 'draft' || application.status === 'withdrawn';

  let body;
  if (!editable) {
    body = <ApplicationSent api={api} application={application} onChanged={changed} />;
  } else if (win?.state === 'closed') {
    body = <ApplicationsClosed api={api} application={application} onChanged={changed} />;
  } else {
    body = (
      <ApplyForm
        key={formKey}
        api={api}
        application={application}
        onChanged={(next) => setLoad({ status: 'loaded', data: next })}
        onReload={reload}
      />
    );
  }

  return (
    <ViewFrame back={back} testId="apply-view">
      <div className={styles.titles}>
        <ViewTitle testId="apply-heading">Apply to {application.cohortName}</ViewTitle>
        {win && (
          <Text className={styles.muted} data-testid="apply-window">
            {win.state === 'upcoming'
              ? `Applications open on ${win.opensWords} and close on ${win.closesWords}. You can start now and send it once they open.`
              : win.state === 'open'
                ? `Open for applications until ${win.closesWords}.`
                : `Applications closed on ${win.closesWords}.`}
          </Text>
        )}
        {application.status === 'withdrawn' && win?.state !== 'closed' && (
          <Text data-testid="apply-withdrawn">
            You withdrew your application. You can apply again below while applications are open.
          </Text>
        )}
      </div>
      {notice && (
        <MessageBar intent="warning" layout="multiline" data-testid="apply-notice">
          <MessageBarBody>{notice}</MessageBarBody>
        </MessageBar>
      )}
      {body}
    </ViewFrame>
  );
}
