import { Button, Text } from '@fluentui/react-components';
import { useMemo } from 'react';
import type { ApiClient } from '../app/api-client';
import { SectionCard } from '../shared/section-card';
import { useApiLoad } from '../shared/use-api-load';
import { evaluationApi } from './evaluation-api';
import { SURVEY_TITLES } from './survey-values';

/**
 * On a person's home: the surveys waiting for their answers (open and not yet sent), with the
 * closing date and a way in. Nothing shows when none is waiting, or when they cannot be read.
 */
export function SurveysWaiting({ client, onOpen }: { client: ApiClient; onOpen: () => void }) {
  const api = useMemo(() => evaluationApi(client), [client]);
  const [load] = useApiLoad(() => api.mySurveys(), [api]);
  if (load.status !== 'loaded') return null;
  const waiting = load.data.surveys.filter((s) => s.response?.state !== 'submitted');
  if (waiting.length === 0) return null;
  return (
    <SectionCard title="A survey is waiting for you" testId="surveys-waiting">
      {waiting.map((s) => (
        <Text key={`${s.cohortId}-${s.survey}`}>
          {SURVEY_TITLES[s.survey]} for {s.cohortName}: open until {s.closesOn}
          {s.response ? ' (part answered)' : ''}.
        </Text>
      ))}
      <div>
        <Button appearance="primary" onClick={onOpen} data-testid="open-surveys">
          Answer the survey
        </Button>
      </div>
    </SectionCard>
  );
}
