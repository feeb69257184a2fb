import type { ChangedByPart } from './cohorts';
import type { ConfidenceDomain, SurveyKind } from './evaluation';
import type { ChoiceColumn } from './evaluation-participation';
import type { PValueMethodName, ResultGroup } from './evaluation-results';

/**
 * Words for the evaluation results' labels, for every reader that shows them to people (the
 * tab's outcomes, and reports). Kept beside the enums so a new value cannot go unworded.
 */

export const SURVEY_WORDS: Record<SurveyKind, string> = {
  baseline: 'Baseline',
  pulse: 'Mid-point pulse',
  final: 'Final',
};

export const RESULT_GROUP_WORDS: Record<ResultGroup, string> = {
  mentor: 'Mentors',
  mentee: 'Mentees',
  all: 'Everyone',
};

export const CONFIDENCE_DOMAIN_WORDS: Record<ConfidenceDomain | 'total', string> = {
  feedback: 'Feedback',
  speaking_up: 'Speaking up',
  other_perspectives: 'Other perspectives',
  inclusive_practice: 'Inclusive practice',
  decision_making: 'Decision making',
  relationships_across_grades: 'Relationships across grades',
  own_development: 'Own development',
  total: 'Total confidence',
};

export const P_VALUE_METHOD_WORDS: Record<PValueMethodName, string> = {
  exact: 'exact',
  exact_conditional: 'exact, allowing for ties',
  normal_approximation: 'normal approximation',
  none: 'no change to test',
};

export const CHANGED_BY_WORDS: Record<ChangedByPart, string> = {
  mentor: 'Ended by the mentor',
  mentee: 'Ended by the mentee',
  coordinator: 'Ended by the programme team',
};

export const CHOICE_COLUMN_WORDS: Record<ChoiceColumn, string> = {
  continue_informally: 'Carry on informally',
  finish: 'Finish',
  not_answered: 'Not answered',
};
