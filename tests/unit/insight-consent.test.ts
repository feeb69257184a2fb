import {
  INSIGHT_LIMITS,
  insightConsentSchema,
  newInsightSchema,
} from '../../bot/src/contracts/insights';
import {
  type Insight,
  type Outcome,
  authorConsent,
  authorEdit,
  draftInsight,
  insightBoard,
  insightView,
  moderatorEdit,
  publishInsight,
  publishable,
  returnInsight,
} from '../../bot/src/features/insights';

const NOW = '2027-05-01T10:00:00.000Z';
const MENTOR = 'p-mentor';
const MENTEE = 'p-mentee';
const TEXT = { title: 'Night shifts', text: 'Rotas decide who is heard.' };

function pairInsight(drafter = MENTOR): Insight {
  return draftInsight({
    id: 'i-1',
    cohortId: 'c-1',
    kind: 'insight',
    pairId: 'pair-1',
    authorIds: [MENTOR, MENTEE],
    authorGroups: ['junior_colleague', 'senior_leader'],
    drafter,
    body: TEXT,
    now: NOW,
  });
}

function ok(outcome: Outcome): Insight {
  if ('refused' in outcome) throw new Error(`refused: ${outcome.refused.code}`);
  return outcome.insight;
}

function refusedCode(outcome: Outcome): string | undefined {
  return 'refused' in outcome ? outcome.refused.code : undefined;
}

/** The insight as both partners agreed to it: in the programme team's queue. */
const agreed = () => ok(authorConsent(pairInsight(), MENTEE, { decision: 'agree' }, NOW));

describe('an insight’s consent: nothing goes anywhere until both partners agree', () => {
  it('stays a draft with only the writer’s agreement, and cannot be published', () => {
    const draft = pairInsight();
    expect(draft.state).toBe('draft');
    expect(draft.agreedBy).toEqual([MENTOR]);
    expect(publishable(draft)).toBe(false);
    expect(refusedCode(publishInsight(draft, 'wellbeing', NOW))).toBe('consent_missing');
  });

  it('is not the programme team’s to edit or return while a draft', () => {
    expect(refusedCode(moderatorEdit(pairInsight(), TEXT, NOW))).toBe('not_in_moderation');
    expect(refusedCode(returnInsight(pairInsight(), 'no', NOW))).toBe('not_in_moderation');
  });

  it('reaches the queue once the partner agrees, and may then be published', () => {
    const queued = agreed();
    expect(queued.state).toBe('in_moderation');
    const published = ok(publishInsight(queued, 'inclusive_leadership', NOW));
    expect(published).toMatchObject({ state: 'published', theme: 'inclusive_leadership' });
  });

  it('refuses agreeing twice', () => {
    expect(refusedCode(authorConsent(pairInsight(), MENTOR, { decision: 'agree' }, NOW))).toBe(
      'already_agreed',
    );
  });

  it('an author’s edit resets the other’s agreement and takes it out of the queue', () => {
    const edited = ok(authorEdit(agreed(), MENTEE, { ...TEXT, text: 'New words' }, NOW));
    expect(edited).toMatchObject({ state: 'draft', agreedBy: [MENTEE], text: 'New words' });
    expect(refusedCode(publishInsight(edited, 'wellbeing', NOW))).toBe('consent_missing');
  });

  it('asking for a change clears every agreement and leaves the note for the authors', () => {
    const asked = ok(
      authorConsent(agreed(), MENTEE, { decision: 'change', note: 'Less detail' }, NOW),
    );
    expect(asked).toMatchObject({ state: 'draft', agreedBy: [], changeNote: 'Less detail' });
    expect(insightView(asked, 'e').changeNote).toBe('Less detail');
  });
});

describe('the programme team’s edit goes back to both authors', () => {
  const edited = () => ok(moderatorEdit(agreed(), { ...TEXT, text: 'Anonymised words' }, NOW));

  it('resets both agreements: no publishing until both approve the edited text', () => {
    const e = edited();
    expect(e).toMatchObject({ state: 'awaiting_authors', agreedBy: [], text: 'Anonymised words' });
    // The authors' theme suggestion survives the edit.
    const suggested = ok(
      authorEdit(agreed(), MENTOR, { ...TEXT, themeSuggestion: 'wellbeing' }, NOW),
    );
    const sent = ok(authorConsent(suggested, MENTEE, { decision: 'agree' }, NOW));
    expect(ok(moderatorEdit(sent, TEXT, NOW))).toMatchObject({ themeSuggestion: 'wellbeing' });
    expect(refusedCode(publishInsight(e, 'wellbeing', NOW))).toBe('consent_missing');
    const one = ok(authorConsent(e, MENTOR, { decision: 'agree' }, NOW));
    expect(one.state).toBe('awaiting_authors');
    expect(refusedCode(publishInsight(one, 'wellbeing', NOW))).toBe('consent_missing');
    const both = ok(authorConsent(one, MENTEE, { decision: 'agree' }, NOW));
    expect(both.state).toBe('in_moderation');
    expect(ok(publishInsight(both, 'wellbeing', NOW)).state).toBe('published');
  });

  it('a return clears the agreements and shows the note; agreeing again sends it back', () => {
    const returned = ok(returnInsight(agreed(), 'Please remove the ward name', NOW));
    expect(returned).toMatchObject({ state: 'returned', agreedBy: [] });
    expect(insightView(returned, 'e').returnNote).toBe('Please remove the ward name');
    expect(refusedCode(publishInsight(returned, 'wellbeing', NOW))).toBe('consent_missing');
    const fixed = ok(authorEdit(returned, MENTOR, { ...TEXT, text: 'Without the ward' }, NOW));
    expect(fixed.state).toBe('draft');
    expect(ok(authorConsent(fixed, MENTEE, { decision: 'agree' }, NOW)).state).toBe(
      'in_moderation',
    );
  });

  it('nothing changes a published insight', () => {
    const published = ok(publishInsight(agreed(), 'wellbeing', NOW));
    expect(refusedCode(authorEdit(published, MENTOR, TEXT, NOW))).toBe('insight_published');
    expect(refusedCode(authorConsent(published, MENTEE, { decision: 'agree' }, NOW))).toBe(
      'insight_published',
    );
    expect(refusedCode(moderatorEdit(published, TEXT, NOW))).toBe('not_in_moderation');
    expect(refusedCode(publishInsight(published, 'wellbeing', NOW))).toBe('insight_published');
  });
});

describe('a testimonial: one author, with consent to be quoted', () => {
  it('needs the explicit consent to be quoted in the request', () => {
    const base = { cohortId: 'c-1', kind: 'testimonial', ...TEXT };
    const refused = newInsightSchema.safeParse(base);
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.path).toEqual(['consentToQuote']);
    expect(newInsightSchema.safeParse({ ...base, consentToQuote: true }).success).toBe(true);
  });

  it('goes to the queue when written, and back to its author after an edit', () => {
    const t = draftInsight({
      id: 't-1',
      cohortId: 'c-1',
      kind: 'testimonial',
      authorIds: [MENTEE],
      authorGroups: ['senior_leader'],
      drafter: MENTEE,
      body: TEXT,
      now: NOW,
    });
    expect(t.state).toBe('in_moderation');
    const e = ok(moderatorEdit(t, { ...TEXT, text: 'Shorter' }, NOW));
    expect(refusedCode(publishInsight(e, 'the_programme', NOW))).toBe('consent_missing');
    const approved = ok(authorConsent(e, MENTEE, { decision: 'agree' }, NOW));
    expect(ok(publishInsight(approved, 'the_programme', NOW)).state).toBe('published');
  });
});

describe('the contract and the board', () => {
  it('limits the text and needs a note to ask for a change', () => {
    const long = {
      cohortId: 'c',
      kind: 'insight',
      title: 't',
      text: 'x'.repeat(INSIGHT_LIMITS.text + 1),
    };
    expect(newInsightSchema.safeParse(long).error?.issues[0]?.path).toEqual(['text']);
    expect(insightConsentSchema.safeParse({ decision: 'change' }).success).toBe(false);
  });

  it('groups published insights by theme with broad groups only, no pair id', () => {
    const published = ok(publishInsight(agreed(), 'decision_making', NOW));
    const board = insightBoard('c-1', [published, pairInsight()]);
    expect(board.themes).toHaveLength(1);
    expect(board.themes[0]).toMatchObject({ theme: 'decision_making' });
    expect(board.themes[0]!.insights[0]!.authorsText).toBe(
      'a mentor (junior colleague) and a senior leader',
    );
    const text = JSON.stringify(board);
    for (const hidden of ['pair-1', MENTOR, MENTEE]) expect(text).not.toContain(hidden);
  });
});
