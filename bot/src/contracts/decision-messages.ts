import * as z from 'zod';
import { cleanText } from './text';

/**
 * What an applicant is told when the programme team decides on their application: one message
 * per decision, each a per-cohort template kept with the application settings. The placeholders
 * a template may use, the limits, the kind defaults, and how a template is filled, defined once
 * here for the bot (the teller, the settings route) and the tab (the settings form's check and
 * preview). Pure (zod only).
 */

export const REVIEW_DECISIONS = ['accept', 'waitlist', 'decline'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

export interface DecisionMessage {
  title: string;
  text: string;
}

export const DECISION_MESSAGE_LIMITS = { titleMax: 140, textMax: 2000 } as const;

/** The placeholders a template may use; `{reason}` only in the decline (it is empty otherwise). */
export const DECISION_PLACEHOLDERS = ['firstName', 'cohortName', 'reason'] as const;
export type DecisionPlaceholder = (typeof DECISION_PLACEHOLDERS)[number];

/** The placeholders each decision's message may use. */
export const PLACEHOLDERS_FOR: Record<ReviewDecision, readonly DecisionPlaceholder[]> = {
  accept: ['firstName', 'cohortName'],
  waitlist: ['firstName', 'cohortName'],
  decline: ['firstName', 'cohortName', 'reason'],
};

/** The kind defaults, shown in the tab until the programme team writes its own. */
export const DECISION_MESSAGES: Record<ReviewDecision, DecisionMessage> = {
  accept: {
    title: 'Welcome to {cohortName}',
    text: 'Dear {firstName}, thank you for applying. We are delighted to offer you a place in {cohortName}. We will be in touch soon about the programme induction and, once everyone has been trained, about your partner.',
  },
  waitlist: {
    title: 'Your application to {cohortName}',
    text: 'Dear {firstName}, thank you for applying. We have more applications than places this time, so we have put you on the waiting list. If a place opens up we will tell you straight away, and you keep your place in the queue for the next cohort.',
  },
  decline: {
    title: 'Your application to {cohortName}',
    text: 'Dear {firstName}, thank you for taking the time to apply. We are sorry that we cannot offer you a place in {cohortName} this time. Our reason: {reason}. We would be glad to hear from you again for a future cohort, and the programme team is happy to talk it through.',
  },
};

const PLACEHOLDER = /\{([^{}]*)\}/g;

/** Why a template's placeholders are wrong for this decision, in words; undefined when right. */
export function placeholderProblem(template: string, decision: ReviewDecision): string | undefined {
  const allowed = PLACEHOLDERS_FOR[decision];
  for (const [, name] of template.matchAll(PLACEHOLDER)) {
    if ((allowed as readonly string[]).includes(name ?? '')) continue;
    const list = allowed.map((p) => `{${p}}`).join(', ');
    return name === 'reason'
      ? `must not use {reason}: only the decline message has a reason; use ${list}`
      : `must use only ${list}; {${name}} is not one of them`;
  }
  return undefined;
}

const part = (decision: ReviewDecision, max: number, multiLine: boolean) =>
  cleanText(
    z
      .string({ message: 'must be text' })
      .trim()
      .min(1, 'must not be empty')
      .max(max, `must be at most ${max} characters`),
    { multiLine },
  ).superRefine((value, ctx) => {
    const problem = placeholderProblem(value, decision);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

const messageOf = (decision: ReviewDecision) =>
  z
    .object({
      title: part(decision, DECISION_MESSAGE_LIMITS.titleMax, false),
      text: part(decision, DECISION_MESSAGE_LIMITS.textMax, true),
    })
    .strict();

/** The three templates; each field refused on its own path (`decisionMessages.decline.text`). */
export const decisionMessagesSchema = z
  .object({
    accept: messageOf('accept'),
    waitlist: messageOf('waitlist'),
    decline: messageOf('decline'),
  })
  .strict();

/** First name for a kind greeting: "Dr Amara Okafor" → "Amara". */
export function greetingName(displayName: string): string {
  const honorifics = /^(dr|prof|professor|mr|mrs|ms|miss|mx|sir|dame)\.?$/i;
  const words = displayName.trim().split(/\s+/);
  return words.find((w) => !honorifics.test(w)) ?? displayName.trim();
}

/** A template filled in for one applicant (`{reason}` only in the decline). */
export function fillDecisionMessage(
  decision: ReviewDecision,
  facts: { displayName: string; cohortName: string; reason?: string },
  templates: Record<ReviewDecision, DecisionMessage> = DECISION_MESSAGES,
): DecisionMessage {
  const reason = (facts.reason ?? '').trim().replace(/[.\s]+$/, '');
  const fill = (s: string) =>
    s
      .replaceAll('{firstName}', greetingName(facts.displayName))
      .replaceAll('{cohortName}', facts.cohortName)
      .replaceAll('{reason}', decision === 'decline' ? reason : '');
  const template = templates[decision];
  return { title: fill(template.title), text: fill(template.text) };
}
