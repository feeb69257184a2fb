import { Text } from '@fluentui/react-components';
import { useMemo } from 'react';
import type { ApiClient } from '../app/api-client';
import { Loading, Problem } from '../shared/status-views';
import { useApiLoad } from '../shared/use-api-load';
import { ViewFrame, ViewTitle } from '../shared/view-header';
import { evaluationApi } from './evaluation-api';
import { SurveyForm } from './survey-form';

export interface MySurveysViewProps {
  client: ApiClient;
  onBack: () => void;
  onSignInExpired?: () => void;
}

/** A person's open surveys (`?surveys=mine`), each as its own form. */
export function MySurveysView({ client, onBack, onSignInExpired }: MySurveysViewProps) {
  const api = useMemo(() => evaluationApi(client), [client]);
  const [load, , retry] = useApiLoad(() => api.mySurveys(), [api], onSignInExpired);
  const back = { label: 'Back to home', onBack, testId: 'surveys-back' };

  if (load.status === 'loading') {
    return (
      <ViewFrame back={back}>
        <Loading label="Loading your surveys…" testId="surveys-loading" />
      </ViewFrame>
    );
  }
  if (load.status === 'failed') {
    return (
      <ViewFrame back={back}>
        <Problem
          title="We couldn't load your surveys"
          message={load.error.message}
          onRetry={retry}
          testId="surveys-error"
        />
      </ViewFrame>
    );
  }
  const { surveys } = load.data;
  return (
    <ViewFrame back={back} testId="my-surveys">
      <ViewTitle testId="surveys-heading">Your surveys</ViewTitle>
      {surveys.length === 0 ? (
        <Text data-testid="surveys-none">
          No survey is open for you now. We will send you a message in chat when one opens.
        </Text>
      ) : (
        surveys.map((s) => <SurveyForm key={`${s.cohortId}-${s.survey}`} survey={s} api={api} />)
      )}
    </ViewFrame>
  );
}
