import type {
  AuthorGroup,
  InsightKind,
  InsightState,
  InsightText,
  InsightTheme,
} from '../../../contracts/insights';

/**
 * An insight (a pair's) or testimonial (one person's) and the consent rules it moves by. Pure:
 * every change returns the new record or a refusal, and the service stores it under its ETag.
 *
 * The rules that protect people:
 * - nothing reaches the programme team's queue until EVERY author has agreed to the text as it
 *   stands (writing or editing it is that author's agreement; any edit clears the others');
 * - an edit by the programme team clears every author's agreement: the edited text goes back to
 *   all authors, and nothing is published until each has approved it;
 * - only an insight in the queue that every author agreed to, in its current words, is published.
 */
export interface Insight {
  id: string;
  cohortId: string;
  kind: InsightKind;
  /** The pair an insight is about (stored, never shown); absent for a testimonial. */
  pairId?: string;
  /** Participant ids of the authors: both partners of an insight, the one person of a testimonial. */
  authorIds: string[];
  /** The authors' broad groups, in the order of `authorIds`. */
  authorGroups: AuthorGroup[];
  state: InsightState;
  title: string;
  text: string;
  themeSuggestion?: InsightTheme;
  theme?: InsightTheme;
  /** The authors who agreed to the current text. */
  agreedBy: string[];
  returnNote?: string;
  changeNote?: string;
  /** ISO date-times. */
  createdAt: string;
  updatedAt: string;
  publishedAt?: string;
}

export interface Refusal {
  code: string;
  message: string;
}

export type Outcome = { insight: Insight } | { refused: Refusal };

const refuse = (code: string, message: string): Outcome => ({ refused: { code, message } });

/** Every author has agreed to the text as it stands. */
export function everyAuthorAgreed(insight: Pick<Insight, 'authorIds' | 'agreedBy'>): boolean {
  return insight.authorIds.every((id) => insight.agreedBy.includes(id));
}

/** Whether the insight may be published now: in the queue, every author agreeing. */
export function publishable(insight: Insight): boolean {
  return insight.state === 'in_moderation' && everyAuthorAgreed(insight);
}

/** Into the queue once every author has agreed; otherwise `waiting` (draft unless said). */
function settle(insight: Insight, waiting: InsightState = 'draft'): Insight {
  return { ...insight, state: everyAuthorAgreed(insight) ? 'in_moderation' : waiting };
}

function withText(insight: Insight, body: InsightText, now: string): Insight {
  const { themeSuggestion: _earlier, ...rest } = insight;
  return {
    ...rest,
    title: body.title,
    text: body.text,
    ...(body.themeSuggestion ? { themeSuggestion: body.themeSuggestion } : {}),
    updatedAt: now,
  };
}

/** A new insight or testimonial, agreed by the one who wrote it. */
export function draftInsight(input: {
  id: string;
  cohortId: string;
  kind: InsightKind;
  pairId?: string;
  authorIds: string[];
  authorGroups: AuthorGroup[];
  drafter: string;
  body: InsightText;
  now: string;
}): Insight {
  const { body, now, drafter, pairId, ...rest } = input;
  const blank: Insight = {
    ...rest,
    ...(pairId ? { pairId } : {}),
    state: 'draft',
    title: '',
    text: '',
    agreedBy: [drafter],
    createdAt: now,
    updatedAt: now,
  };
  return settle(withText(blank, body, now));
}

/**
 * An author rewrites it: allowed until it is published. The new words are theirs alone, so the
 * other author must agree again; it leaves the queue until they do.
 */
export function authorEdit(insight: Insight, by: string, body: InsightText, now: string): Outcome {
  if (insight.state === 'published') return refuse('insight_published', 'It is on the board now');
  const { changeNote: _c, ...rest } = withText(insight, body, now);
  return { insight: settle({ ...rest, agreedBy: [by] }) };
}

/**
 * An author agrees to the text as it stands, or asks for a change (with a note the other authors
 * see), which takes it out of the queue and clears every agreement.
 */
export function authorConsent(
  insight: Insight,
  by: string,
  decision: { decision: 'agree' } | { decision: 'change'; note: string },
  now: string,
): Outcome {
  if (insight.state === 'published') return refuse('insight_published', 'It is on the board now');
  if (decision.decision === 'change') {
    return {
      insight: {
        ...insight,
        state: 'draft',
        agreedBy: [],
        changeNote: decision.note,
        updatedAt: now,
      },
    };
  }
  if (insight.agreedBy.includes(by)) {
    return refuse('already_agreed', 'You have already agreed to this text');
  }
  // Approving the programme team's edit keeps it waiting for the other authors; so does agreeing
  // to a returned one (the note stays until it is sent again).
  const waiting = insight.state === 'in_moderation' ? 'draft' : insight.state;
  return {
    insight: settle({ ...insight, agreedBy: [...insight.agreedBy, by], updatedAt: now }, waiting),
  };
}

const MODERATED: readonly InsightState[] = ['in_moderation', 'awaiting_authors'];

/**
 * The programme team edits it for anonymity: only once the authors sent it (in the queue, or
 * awaiting their approval of an earlier edit). Every author must approve the edited text.
 */
export function moderatorEdit(insight: Insight, body: InsightText, now: string): Outcome {
  if (!MODERATED.includes(insight.state)) {
    return refuse('not_in_moderation', 'Only an insight its authors have sent can be edited');
  }
  // The authors' theme suggestion stays unless the edit gives another.
  const suggestion = body.themeSuggestion ?? insight.themeSuggestion;
  const words = { ...body, ...(suggestion ? { themeSuggestion: suggestion } : {}) };
  return { insight: { ...withText(insight, words, now), state: 'awaiting_authors', agreedBy: [] } };
}

/** The programme team publishes it under a theme: only with every author's agreement. */
export function publishInsight(insight: Insight, theme: InsightTheme, now: string): Outcome {
  if (insight.state === 'published')
    return refuse('insight_published', 'It is on the board already');
  if (!publishable(insight)) {
    return refuse('consent_missing', 'Every author must agree to this text before it is published');
  }
  return { insight: { ...insight, state: 'published', theme, publishedAt: now, updatedAt: now } };
}

/** The programme team sends it back with a note the authors see; their agreements are cleared. */
export function returnInsight(insight: Insight, note: string, now: string): Outcome {
  if (!MODERATED.includes(insight.state)) {
    return refuse('not_in_moderation', 'Only an insight its authors have sent can be returned');
  }
  return {
    insight: { ...insight, state: 'returned', agreedBy: [], returnNote: note, updatedAt: now },
  };
}
