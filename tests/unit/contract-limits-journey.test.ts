import {
  JOURNEY_LIMITS as L,
  actionChangeSchema,
  goalChangeSchema,
  newActionSchema,
  newGoalSchema,
  preparationBodySchema,
  reflectionBodySchema,
} from '../../bot/src/contracts/journey';
import { buildBookingNudgeCard } from '../../bot/src/features/journey/cards/booking-nudge-card';
import {
  DEFAULT_CONTRACT_TERMS,
  buildContractCard,
} from '../../bot/src/features/journey/cards/contract-card';
import { buildFinalReviewCard } from '../../bot/src/features/journey/cards/final-review-card';
import { buildLogMeetingCard } from '../../bot/src/features/journey/cards/log-meeting-card';
import { buildEndCard, buildPauseCard } from '../../bot/src/features/journey/cards/pause-end-card';
import { buildPreparationCard } from '../../bot/src/features/journey/cards/preparation-card';
import { buildReflectionCard } from '../../bot/src/features/journey/cards/reflection-card';
import {
  parseBooking,
  parseContractEdit,
  parseEnd,
  parseLogMeeting,
  parsePause,
  parsePreparation,
  parseReflection,
  parseReview,
} from '../../bot/src/features/journey/domain/journey-inputs';
import {
  REASON_MAX_LENGTH,
  applyPairEvent,
} from '../../bot/src/features/journey/domain/pair-lifecycle';
import type { Pair } from '../../bot/src/features/cohorts/domain/pair';
import type { CardJson } from '../../bot/src/platform/teams/cards/render';
import {
  checkGoal,
  checkNewAction,
  checkPreparation,
  checkReflection,
} from '../../tab/src/pair/pair-checks';

/**
 * Every limit of the journey is written once, in the contract; here each is read from there
 * and checked on every surface that applies it: the chat card's parser (and the card's input),
 * the tab API's schema and the tab's own check before sending. The limit is accepted and one
 * more is refused, everywhere.
 */

const NOW = new Date('2027-03-10T10:00:00Z');
const ZONE = 'Europe/London';
const text = (n: number) => 'x'.repeat(n);
const accepts = (r: { ok: boolean } | { success: boolean }) => ('ok' in r ? r.ok : r.success);

/** The input with this id in a card. */
function input(card: CardJson, id: string): Record<string, unknown> {
  let found: Record<string, unknown> | undefined;
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.id === id && String(o.type).startsWith('Input.')) found = o;
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  if (!found) throw new Error(`no input ${id}`);
  return found;
}

const meeting = { pairId: 'pair-7', meetingId: 'm-3', cardVersion: 1, meetingNumber: 3 };
const reflectionCard = buildReflectionCard({
  ...meeting,
  meetingWhenText: 'on Thursday 10 April at 14:00',
  partnerName: 'David',
});
const held = { outcome: 'held', minutes: '60' };
const reflect = (fields: Record<string, string>) =>
  parseReflection({ ...held, ...fields }, ZONE, NOW);
const noReflection = { learned: '', doDifferently: '', share: false };

describe('the journey contract: one limit on every surface', () => {
  describe(`a reflection's texts: ${L.reflectionText} characters`, () => {
    it.each(['learned', 'doDifferently'])('%s, on the card, the API and the tab', (field) => {
      // The chat card once took 4,000 characters where the API and the tab took 2,000.
      expect(reflect({ [field]: text(L.reflectionText) }).ok).toBe(true);
      const over = reflect({ [field]: text(L.reflectionText + 1) });
      expect(over.ok).toBe(false);
      expect(!over.ok && over.errors[field]).toMatch(/at most 2000 characters/);
      expect(input(reflectionCard, field).maxLength).toBe(L.reflectionText);

      const body = { [field]: text(L.reflectionText) };
      expect(accepts(reflectionBodySchema.safeParse(body))).toBe(true);
      expect(accepts(reflectionBodySchema.safeParse({ [field]: text(L.reflectionText + 1) }))).toBe(
        false,
      );

      expect(checkReflection({ ...noReflection, [field]: text(L.reflectionText) })).toEqual({});
      expect(checkReflection({ ...noReflection, [field]: text(L.reflectionText + 1) })[field]).toBe(
        `This must be at most ${L.reflectionText} characters.`,
      );
    });

    it('is called doDifferently on the card, by its parser, by the API and by the tab', () => {
      const ids = Object.keys(input(reflectionCard, 'doDifferently')).length > 0;
      expect(ids).toBe(true);
      expect(() => input(reflectionCard, 'differently')).toThrow('no input differently');
      const parsed = reflect({ doDifferently: 'Ask the ward before the board' });
      expect(parsed.ok && parsed.value.doDifferently).toBe('Ask the ward before the board');
      expect(accepts(reflectionBodySchema.safeParse({ doDifferently: 'Ask first' }))).toBe(true);
      expect(accepts(reflectionBodySchema.safeParse({ differently: 'Ask first' }))).toBe(false);
      expect(checkReflection({ ...noReflection, doDifferently: 'Ask first' })).toEqual({});
    });

    it('still reads what a card sent before the rename posts as `differently`', () => {
      const parsed = reflect({ differently: 'Ask the ward before the board' });
      expect(parsed.ok && parsed.value.doDifferently).toBe('Ask the ward before the board');
    });
  });

  it(`an agreed action: ${L.actionText} characters, on the card, the API and the tab`, () => {
    const action = (t: string) =>
      reflect({ action1Text: t, action1Owner: 'me', action1Due: '2027-04-01' });
    expect(action(text(L.actionText)).ok).toBe(true);
    expect(action(text(L.actionText + 1)).ok).toBe(false);
    expect(input(reflectionCard, 'action1Text').maxLength).toBe(L.actionText);

    const added = (t: string) => ({ text: t, owner: 'me' as const, dueDate: '2027-04-01' });
    expect(accepts(newActionSchema.safeParse(added(text(L.actionText))))).toBe(true);
    expect(accepts(newActionSchema.safeParse(added(text(L.actionText + 1))))).toBe(false);
    expect(accepts(actionChangeSchema.safeParse({ text: text(L.actionText) }))).toBe(true);
    expect(accepts(actionChangeSchema.safeParse({ text: text(L.actionText + 1) }))).toBe(false);

    expect(checkNewAction(added(text(L.actionText)))).toEqual({});
    expect(checkNewAction(added(text(L.actionText + 1))).text).toBeDefined();
  });

  it(`a goal: ${L.goalText} characters and a note of ${L.goalNote}, in the API and the tab`, () => {
    const goal = (t: number, n: number) => ({
      text: text(t),
      status: 'in_progress' as const,
      note: text(n),
    });
    for (const schema of [newGoalSchema, goalChangeSchema]) {
      expect(accepts(schema.safeParse(goal(L.goalText, L.goalNote)))).toBe(true);
      expect(accepts(schema.safeParse(goal(L.goalText + 1, L.goalNote)))).toBe(false);
      expect(accepts(schema.safeParse(goal(L.goalText, L.goalNote + 1)))).toBe(false);
    }
    expect(checkGoal(goal(L.goalText, L.goalNote))).toEqual({});
    expect(Object.keys(checkGoal(goal(L.goalText + 1, L.goalNote)))).toEqual(['text']);
    expect(Object.keys(checkGoal(goal(L.goalText, L.goalNote + 1)))).toEqual(['note']);
  });

  it(`preparation: ${L.preparationTopics} characters, on the card, the API and the tab`, () => {
    expect(parsePreparation({ topics: text(L.preparationTopics) }).ok).toBe(true);
    expect(parsePreparation({ topics: text(L.preparationTopics + 1) }).ok).toBe(false);
    const card = buildPreparationCard({
      ...meeting,
      meetingWhenText: 'on Thursday 10 April at 14:00',
      partnerName: 'David',
      openActions: [],
    });
    expect(input(card, 'topics').maxLength).toBe(L.preparationTopics);

    const body = (n: number) => ({ topics: text(n), share: false });
    expect(accepts(preparationBodySchema.safeParse(body(L.preparationTopics)))).toBe(true);
    expect(accepts(preparationBodySchema.safeParse(body(L.preparationTopics + 1)))).toBe(false);
    expect(checkPreparation(body(L.preparationTopics))).toEqual({});
    expect(checkPreparation(body(L.preparationTopics + 1)).topics).toBeDefined();
  });

  it(`a meeting counts from ${L.meetingMinutesMin} to ${L.meetingMinutesMax} minutes, on every card`, () => {
    const booking = (m: number) =>
      parseBooking(
        { date: '2027-03-30', time: '14:00', minutes: String(m), mode: 'online' },
        ZONE,
        NOW,
      );
    const logged = (m: number) =>
      parseLogMeeting({ date: '2027-03-09', time: '14:00', minutes: String(m) }, ZONE, NOW);
    const reflected = (m: number) => reflect({ minutes: String(m) });
    for (const parse of [booking, logged, reflected]) {
      expect(parse(L.meetingMinutesMin).ok).toBe(true);
      expect(parse(L.meetingMinutesMin - 1).ok).toBe(false);
      expect(parse(L.meetingMinutesMax).ok).toBe(true);
      expect(parse(L.meetingMinutesMax + 1).ok).toBe(false);
    }
    const cards = [
      buildBookingNudgeCard({
        ...meeting,
        plannedMeetings: 6,
        partnerName: 'David',
        windowEndText: 'by 31 March',
        meetingUrl: 'https://teams.microsoft.com/l/meeting/new',
      }),
      buildLogMeetingCard({ pairId: 'pair-7', cardVersion: 1, partnerName: 'David' }),
      // The reflection card once offered 1 to 600 minutes, which its parser refused.
      reflectionCard,
    ];
    for (const card of cards) {
      expect(input(card, 'minutes')).toMatchObject({
        min: L.meetingMinutesMin,
        max: L.meetingMinutesMax,
      });
    }
  });

  it(`the final review: ${L.reviewText} characters per text, on the card`, () => {
    const review = (wentWell: number, improve: number) =>
      parseReview({ wentWell: text(wentWell), improve: text(improve), choice: 'finish' });
    expect(review(L.reviewText, L.reviewText).ok).toBe(true);
    expect(review(L.reviewText + 1, 1).ok).toBe(false);
    expect(review(1, L.reviewText + 1).ok).toBe(false);
    const card = buildFinalReviewCard({
      pairId: 'pair-7',
      cardVersion: 1,
      partnerName: 'David',
      heldSummary: 'You met 6 times.',
    });
    expect(input(card, 'wentWell').maxLength).toBe(L.reviewText);
    expect(input(card, 'improve').maxLength).toBe(L.reviewText);
  });

  it(`the contract: ${L.contractTerm} characters a term, ${L.contractFrequency} for how often`, () => {
    const terms = { ...DEFAULT_CONTRACT_TERMS };
    for (const term of ['confidentiality', 'boundaries', 'pauseOrEnd', 'raisingConcerns']) {
      // The card's inputs stopped at 1,000 characters where its parser took 1,500.
      expect(parseContractEdit({ ...terms, [term]: text(L.contractTerm) }).ok).toBe(true);
      expect(parseContractEdit({ ...terms, [term]: text(L.contractTerm + 1) }).ok).toBe(false);
    }
    expect(parseContractEdit({ ...terms, frequency: text(L.contractFrequency) }).ok).toBe(true);
    expect(parseContractEdit({ ...terms, frequency: text(L.contractFrequency + 1) }).ok).toBe(
      false,
    );
    const card = buildContractCard({
      pairId: 'pair-7',
      cardVersion: 1,
      contractVersion: 1,
      terms: DEFAULT_CONTRACT_TERMS,
      mentor: { name: 'Amara' },
      mentee: { name: 'David' },
      viewerRole: 'mentee',
      editing: true,
    });
    expect(input(card, 'confidentiality').maxLength).toBe(L.contractTerm);
    expect(input(card, 'frequency').maxLength).toBe(L.contractFrequency);
    for (const term of Object.values(DEFAULT_CONTRACT_TERMS)) {
      expect(term.length).toBeLessThanOrEqual(L.contractTerm);
    }
  });

  it(`a reason to pause or end: ${L.changeReason} characters, on the card and in the rules`, () => {
    // The card and its parser took 1,000 characters where the pairing's rules took 500.
    const pause = (n: number) => parsePause({ weeks: '4', reason: text(n) });
    expect(pause(L.changeReason).ok).toBe(true);
    expect(pause(L.changeReason + 1).ok).toBe(false);
    expect(parseEnd({ reason: text(L.changeReason) }).ok).toBe(true);
    expect(parseEnd({ reason: text(L.changeReason + 1) }).ok).toBe(false);
    expect(REASON_MAX_LENGTH).toBe(L.changeReason);
    const pair: Pair = {
      id: 'pair-7',
      cohortId: 'c-1',
      mentorId: 'p-1',
      menteeId: 'p-2',
      arrangement: 'reverse',
      state: 'active',
      createdAt: '2027-01-01T00:00:00Z',
      updatedAt: '2027-01-01T00:00:00Z',
    };
    const end = (n: number) =>
      applyPairEvent(pair, { type: 'end-early', by: 'p-1', reason: text(n) }, NOW);
    expect(end(L.changeReason).ok).toBe(true);
    expect(end(L.changeReason + 1).ok).toBe(false);
    const cards = [
      buildPauseCard({ pairId: 'pair-7', cardVersion: 1, partnerName: 'David' }),
      buildEndCard({ pairId: 'pair-7', cardVersion: 1, partnerName: 'David' }),
    ];
    for (const card of cards) expect(input(card, 'reason').maxLength).toBe(L.changeReason);
  });
});
