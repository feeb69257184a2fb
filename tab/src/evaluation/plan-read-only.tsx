import { MessageBar, MessageBarBody, MessageBarTitle, Text } from '@fluentui/react-components';
import {
  type EvaluationPlan,
  SURVEY_KINDS,
  type SurveyItem,
} from '../../../bot/src/contracts/evaluation';
import { PLAN_LOCK_WORDS, type PlanLockReason } from '../../../bot/src/contracts/evaluation-api';
import { SectionCard } from '../shared/section-card';
import { AUDIENCE_WORDS, PLAN_SURVEY_TITLES } from './plan-values';

function itemWords(item: SurveyItem): string {
  const who = `asked of ${AUDIENCE_WORDS[item.audience].toLowerCase()}`;
  if (item.kind === 'text') {
    return `${who}; free text${item.asksQuoteConsent ? ', may be quoted anonymously if ticked' : ''}`;
  }
  const { min, max, minLabel, maxLabel } = item.scale;
  return `${who}; ${min} (${minLabel}) to ${max} (${maxLabel})`;
}

/** A plan that can no longer change: each survey and its questions, and why it is locked. */
export function PlanReadOnly({
  plan,
  lockedBy,
}: {
  plan: EvaluationPlan;
  lockedBy: PlanLockReason | undefined;
}) {
  return (
    <>
      <MessageBar intent="info" layout="multiline" data-testid="plan-locked">
        <MessageBarBody>
          <MessageBarTitle>This plan can no longer be edited</MessageBarTitle>
          {lockedBy ? PLAN_LOCK_WORDS[lockedBy] : 'The plan is locked'}. Keeping it as it is means
          every answer is to the same questions.
        </MessageBarBody>
      </MessageBar>
      <Text data-testid="plan-min-group">
        Figures are shown only for groups of at least {plan.minGroupSize} people.
      </Text>
      {SURVEY_KINDS.map((kind) => {
        const survey = plan.surveys[kind];
        return (
          <SectionCard key={kind} title={PLAN_SURVEY_TITLES[kind]} testId={`plan-${kind}`}>
            <Text>Open for {survey.openDays} days once sent.</Text>
            <ol>
              {survey.items.map((item) => (
                <li key={item.id}>
                  <Text weight="semibold">{item.text}</Text> <Text>({itemWords(item)})</Text>
                </li>
              ))}
            </ol>
          </SectionCard>
        );
      })}
    </>
  );
}
