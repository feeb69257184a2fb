import {
  EVALUATION_LIMITS,
  type ConfidenceDomain,
  type EvaluationPlan,
  type Scale,
  type ScaleItem,
  type SurveyItem,
} from '../../../contracts/evaluation';

/**
 * The evaluation plan every new cohort starts with; the coordinator may edit it before the
 * cohort starts. Confidence in seven domains, each scored 1–5 (a total out of 35), asked with
 * different words of the junior mentor and the senior mentee; the final repeats these so each
 * person's two answers pair up. The mid-point pulse asks about the relationship.
 */

export const CONFIDENCE_SCALE: Scale = {
  min: 1,
  max: 5,
  minLabel: 'Not at all confident',
  maxLabel: 'Completely confident',
};

export const AGREEMENT_SCALE: Scale = {
  min: 1,
  max: 5,
  minLabel: 'Strongly disagree',
  maxLabel: 'Strongly agree',
};

/** Each domain's question for the mentor (the junior partner) and the mentee (the senior). */
const CONFIDENCE_WORDS: Record<ConfidenceDomain, { mentor: string; mentee: string }> = {
  feedback: {
    mentor: 'How confident are you giving honest feedback to someone far more senior than you?',
    mentee:
      'How confident are you hearing candid feedback from a junior colleague and acting on it?',
  },
  speaking_up: {
    mentor: 'How confident are you speaking up or challenging when senior leaders are in the room?',
    mentee:
      'How confident are you that junior colleagues can challenge you without fearing for their careers?',
  },
  other_perspectives: {
    mentor:
      'How confident are you explaining how your own experience of work differs from others’?',
    mentee:
      'How confident are you that you understand what work is like for colleagues whose background differs from yours?',
  },
  inclusive_practice: {
    mentor:
      'How confident are you suggesting practical changes that would make your workplace fairer?',
    mentee:
      'How confident are you spotting and changing habits in your area that leave people out?',
  },
  decision_making: {
    mentor:
      'How confident are you that you understand how senior decisions in the organisation are made?',
    mentee:
      'How confident are you opening up how decisions are made to people outside the leadership team?',
  },
  relationships_across_grades: {
    mentor:
      'How confident are you building working relationships with people several grades above you?',
    mentee:
      'How confident are you building working relationships with colleagues several grades below you?',
  },
  own_development: {
    mentor: 'How confident are you about taking the next step in your own career?',
    mentee: 'How confident are you that you will lead differently because of what you learn here?',
  },
};

function confidenceItems(): ScaleItem[] {
  return (Object.keys(CONFIDENCE_WORDS) as ConfidenceDomain[]).flatMap((domain) =>
    (['mentor', 'mentee'] as const).map((audience): ScaleItem => ({
      id: `conf.${domain}.${audience}`,
      kind: 'scale',
      audience,
      text: CONFIDENCE_WORDS[domain][audience],
      scale: CONFIDENCE_SCALE,
      domain,
    })),
  );
}

const PULSE_STATEMENTS: [string, string][] = [
  ['rel.meeting', 'We are meeting as often as we agreed.'],
  ['rel.safe', 'I feel safe being honest with my partner.'],
  ['rel.heard', 'My partner listens to what I share and takes it seriously.'],
  ['rel.useful', 'Our conversations are worth the time they take.'],
  ['rel.learning', 'I am learning something I could not easily learn another way.'],
];

function pulseItems(): SurveyItem[] {
  return [
    ...PULSE_STATEMENTS.map(([id, text]): SurveyItem => ({
      id,
      kind: 'scale',
      audience: 'both',
      text,
      scale: AGREEMENT_SCALE,
    })),
    {
      id: 'rel.help',
      kind: 'text',
      audience: 'both',
      text: 'Is there anything that would help your pairing work better?',
      asksQuoteConsent: false,
    },
  ];
}

/** The default plan (version 1), valid against `evaluationPlanSchema`. */
export function defaultEvaluationPlan(): EvaluationPlan {
  return {
    version: 1,
    minGroupSize: EVALUATION_LIMITS.minGroupSizeDefault,
    surveys: {
      baseline: {
        openDays: 14,
        items: [
          ...confidenceItems(),
          {
            id: 'hopes',
            kind: 'text',
            audience: 'both',
            text: 'What do you hope will be different for you by the end of the programme?',
            asksQuoteConsent: true,
          },
        ],
      },
      pulse: { openDays: 10, items: pulseItems() },
      final: {
        openDays: 21,
        items: [
          ...confidenceItems(),
          {
            id: 'what_changed',
            kind: 'text',
            audience: 'both',
            text: 'What has changed for you because of this mentoring?',
            asksQuoteConsent: true,
          },
        ],
      },
    },
  };
}
