import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sdkProblems } from '../support/adaptivecards-sdk';
import { buildActionReminderCard } from '../../bot/src/features/journey/cards/action-reminder-card';
import { buildBookingNudgeCard } from '../../bot/src/features/journey/cards/booking-nudge-card';
import { buildCheckInCard } from '../../bot/src/features/journey/cards/check-in-card';
import { buildContractChaserCard } from '../../bot/src/features/journey/cards/contract-chaser-card';
import { buildConfirmationCard } from '../../bot/src/platform/teams/cards/confirmation-card';
import {
  buildContractCard,
  type ContractCardData,
  DEFAULT_CONTRACT_TERMS,
} from '../../bot/src/features/journey/cards/contract-card';
import { buildFinalReviewCard } from '../../bot/src/features/journey/cards/final-review-card';
import { buildFitCheckCard } from '../../bot/src/features/journey/cards/fit-check-card';
import {
  buildIntroductionCard,
  type IntroductionCardData,
} from '../../bot/src/features/journey/cards/introduction-card';
import {
  buildMyActionsCard,
  type MyActionsItem,
} from '../../bot/src/features/journey/cards/my-actions-card';
import { buildNextMeetingCard } from '../../bot/src/features/journey/cards/next-meeting-card';
import {
  buildEndCard,
  buildPartnerNoticeCard,
  buildPauseCard,
  buildResumeCard,
} from '../../bot/src/features/journey/cards/pause-end-card';
import { buildPreparationCard } from '../../bot/src/features/journey/cards/preparation-card';
import { buildReflectionCard } from '../../bot/src/features/journey/cards/reflection-card';
import type { CardJson } from '../../bot/src/platform/teams/cards/render';
import { JOURNEY_VERBS } from '../../bot/src/features/journey/cards/journey-verbs';

type Node = Record<string, unknown>;

/**
 * Calls `visit` for every object in the card, with the array holding it (if any) and its index.
 * Actions' fallbacks are skipped: a client renders either the action or its fallback.
 */
function walk(node: unknown, visit: (o: Node, siblings?: unknown[], index?: number) => void) {
  const go = (value: unknown, siblings?: unknown[], index?: number) => {
    if (Array.isArray(value)) value.forEach((item, i) => go(item, value, i));
    else if (value && typeof value === 'object') {
      visit(value as Node, siblings, index);
      for (const [key, child] of Object.entries(value)) if (key !== 'fallback') go(child);
    }
  };
  go(node);
}

function ofType(card: CardJson, predicate: (type: string) => boolean): Node[] {
  const found: Node[] = [];
  walk(card, (o) => {
    if (typeof o.type === 'string' && predicate(o.type)) found.push(o);
  });
  return found;
}

const inputs = (card: CardJson) => ofType(card, (t) => t.startsWith('Input.'));
const executes = (card: CardJson) => ofType(card, (t) => t === 'Action.Execute');
const titles = (card: CardJson) =>
  ofType(card, (t) => t.startsWith('Action.')).map((a) => a.title as string);
const textOf = (card: CardJson) => JSON.stringify(card);

/** The input with this id, and the element right after it in the same list. */
function inputAndNext(card: CardJson, id: string): { input: Node; next?: Node } {
  let result: { input: Node; next?: Node } | undefined;
  walk(card, (o, siblings, index) => {
    if (o.id === id && typeof o.type === 'string' && o.type.startsWith('Input.')) {
      result = { input: o, next: siblings?.[(index ?? 0) + 1] as Node | undefined };
    }
  });
  if (!result) throw new Error(`no input ${id}`);
  return result;
}

/** Verbs named in the table of docs/journey.md, "Cards and actions". */
const DOCUMENTED_VERBS = new Set(
  readFileSync(path.join(__dirname, '../../docs/journey.md'), 'utf8')
    .split('## Cards and actions')[1]!
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .flatMap((line) => [...line.matchAll(/`([a-z]+\.[a-z]+)`/g)].map((m) => m[1]!)),
);
/** Verbs the cards need that docs/journey.md does not list yet; to be added there. */
const NOT_YET_IN_JOURNEY_DOC: string[] = [];

const intro: IntroductionCardData = {
  recipientName: 'Amara Okafor',
  partner: {
    displayName: 'David Whitfield',
    jobTitle: 'Director of Nursing',
    organisation: 'LLR ICB',
  },
  myRole: 'mentor',
  arrangement: 'reverse',
  cohortName: 'LLR Reverse Mentoring, Cohort 3',
  plannedMeetings: 6,
  minimumMeetings: 3,
  minimumMinutes: 60,
  chatUrl: 'https://teams.microsoft.com/l/chat/0/0?users=david.whitfield@nhs.net',
  meetingUrl:
    'https://teams.microsoft.com/l/meeting/new?subject=Reverse%20mentoring&attendees=david.whitfield@nhs.net',
  pairId: 'pair-7',
  cardVersion: 3,
};

const contract: ContractCardData = {
  pairId: 'pair-7',
  cardVersion: 4,
  contractVersion: 2,
  terms: DEFAULT_CONTRACT_TERMS,
  mentor: { name: 'Amara', agreedAt: '3 March' },
  mentee: { name: 'David' },
  viewerRole: 'mentee',
};

const meeting = { pairId: 'pair-7', meetingId: 'm-3', cardVersion: 5 };

const actionItems: MyActionsItem[] = [
  {
    actionId: 'a-1',
    pairId: 'pair-7',
    text: 'Share the draft flexible working policy for comments',
    ownerName: 'David Whitfield',
    dueText: '14 March',
    overdue: true,
    done: false,
  },
  {
    actionId: 'a-2',
    pairId: 'pair-7',
    text: 'Shadow the Tuesday executive huddle',
    ownerName: 'Amara Okafor',
    dueText: '2 April',
    overdue: false,
    done: false,
  },
  {
    actionId: 'a-3',
    pairId: 'pair-7',
    text: 'Read the staff survey results for ethnic minority colleagues',
    ownerName: 'David Whitfield',
    dueText: '1 March',
    overdue: false,
    done: true,
  },
];

/** A card with inputs, re-rendered after validation: what was typed and what was wrong. */
interface FormCase {
  card: CardJson;
  values: Record<string, string>;
  errors: Record<string, string>;
}

function form(
  build: (state: { values: Record<string, string>; errors: Record<string, string> }) => CardJson,
  values: Record<string, string>,
  errors: Record<string, string>,
): FormCase {
  return { card: build({ values, errors }), values, errors };
}

const FORMS: Record<string, FormCase> = {
  'contract (editing)': form(
    (s) => buildContractCard({ ...contract, editing: true, ...s }),
    {
      confidentiality: 'What we say stays between us.',
      frequency: '',
      mode: 'online',
      boundaries: 'No talk about named colleagues.',
      pauseOrEnd: DEFAULT_CONTRACT_TERMS.pauseOrEnd,
      raisingConcerns: DEFAULT_CONTRACT_TERMS.raisingConcerns,
    },
    { frequency: 'Say how often you will meet.' },
  ),
  'booking nudge': form(
    (s) =>
      buildBookingNudgeCard({
        ...meeting,
        meetingNumber: 3,
        plannedMeetings: 6,
        partnerName: 'David',
        windowEndText: 'by 14 April',
        meetingUrl: intro.meetingUrl,
        ...s,
      }),
    { date: '2025-04-10', time: '', minutes: '45', mode: 'in_person' },
    { time: 'Choose the start time.', date: 'That date is after 14 April.' },
  ),
  preparation: form(
    (s) =>
      buildPreparationCard({
        ...meeting,
        meetingNumber: 3,
        meetingWhenText: 'on Thursday 10 April at 14:00',
        partnerName: 'David',
        openActions: [],
        ...s,
      }),
    { topics: '', share: 'false' },
    { topics: 'Write at least one thing you would like to cover.' },
  ),
  reflection: form(
    (s) =>
      buildReflectionCard({
        ...meeting,
        meetingNumber: 3,
        meetingWhenText: 'on Thursday 10 April at 14:00',
        partnerName: 'David',
        ...s,
      }),
    {
      outcome: 'held',
      minutes: '',
      newDate: '',
      newTime: '',
      learned: 'How the board papers are put together.',
      doDifferently: 'Ask for the agenda a week ahead.',
      share: 'true',
      action1Text: 'Send the board paper template',
      action1Owner: 'partner',
      action1Due: '2025-04-20',
      action2Text: 'Read the EDI annual report',
      action2Owner: '',
      action2Due: '2025-04-30',
    },
    {
      minutes: 'Tell me how long you met, in minutes.',
      action2Owner: 'Choose who will do action 2.',
    },
  ),
  'fit check': form(
    (s) => buildFitCheckCard({ pairId: 'pair-7', cardVersion: 2, partnerName: 'David', ...s }),
    { rating: '', wantsCoordinator: 'true' },
    { rating: 'Choose the answer closest to how you feel.' },
  ),
  pause: form(
    (s) => buildPauseCard({ pairId: 'pair-7', cardVersion: 6, partnerName: 'David', ...s }),
    { weeks: '', reason: 'Winter pressures on the ward.' },
    { weeks: 'Choose how long to pause for.' },
  ),
  end: form(
    (s) => buildEndCard({ pairId: 'pair-7', cardVersion: 6, partnerName: 'David', ...s }),
    { reason: 'x'.repeat(20) },
    { reason: 'Keep the reason under 1,000 characters.' },
  ),
  'final review': form(
    (s) =>
      buildFinalReviewCard({
        pairId: 'pair-7',
        cardVersion: 9,
        partnerName: 'David',
        heldSummary: 'You met 5 times out of 6 planned, 5 hours 30 minutes in all.',
        ...s,
      }),
    { wentWell: 'Honest conversations.', improve: 'Meeting in person more.', choice: '' },
    { choice: 'Choose whether to carry on informally or finish here.' },
  ),
};

/** Every journey card, from representative data. */
const CATALOGUE: Record<string, CardJson> = {
  'introduction (reverse mentor)': buildIntroductionCard(intro),
  'introduction (mentee, no job title)': buildIntroductionCard({
    ...intro,
    recipientName: 'Dr David Whitfield',
    partner: { displayName: 'Amara Okafor' },
    myRole: 'mentee',
  }),
  'introduction (reciprocal)': buildIntroductionCard({ ...intro, arrangement: 'reciprocal' }),
  'contract (mentee to agree)': buildContractCard(contract),
  'contract (mentor agreed)': buildContractCard({ ...contract, viewerRole: 'mentor' }),
  'contract (both agreed)': buildContractCard({
    ...contract,
    mentee: { name: 'David', agreedAt: '5 March' },
  }),
  'contract (editing, fresh)': buildContractCard({ ...contract, editing: true }),
  'booking nudge (fresh)': buildBookingNudgeCard({
    ...meeting,
    meetingNumber: 3,
    plannedMeetings: 6,
    partnerName: 'David',
    windowEndText: 'by 14 April',
    meetingUrl: intro.meetingUrl,
  }),
  'preparation (fresh)': buildPreparationCard({
    ...meeting,
    meetingNumber: 3,
    meetingWhenText: 'on Thursday 10 April at 14:00',
    partnerName: 'David',
    openActions: [
      { text: 'Share the draft policy', ownerName: 'David', dueText: '14 March' },
      { text: 'Shadow the executive huddle', ownerName: 'Amara', dueText: '2 April' },
    ],
    partnerPreparation: 'How to make the recruitment panels more diverse.',
    myTopics: 'The staff network and the board.',
  }),
  'reflection (fresh)': buildReflectionCard({
    ...meeting,
    meetingNumber: 3,
    meetingWhenText: 'on Thursday 10 April at 14:00',
    partnerName: 'David',
  }),
  'action reminder (due today)': buildActionReminderCard({
    pairId: 'pair-7',
    actionId: 'a-1',
    cardVersion: 1,
    text: 'Share the draft flexible working policy for comments',
    dueText: 'Friday 14 March',
    isDueToday: true,
  }),
  'action reminder (done)': buildActionReminderCard({
    pairId: 'pair-7',
    actionId: 'a-1',
    cardVersion: 2,
    text: 'Share the draft flexible working policy for comments',
    dueText: 'Friday 14 March',
    isDueToday: false,
    done: true,
  }),
  'check-in (first miss)': buildCheckInCard({
    ...meeting,
    meetingNumber: 2,
    partnerName: 'David',
    missedInARow: 1,
  }),
  'check-in (second miss, no meeting id)': buildCheckInCard({
    pairId: 'pair-7',
    cardVersion: 5,
    meetingNumber: 3,
    partnerName: 'David',
    missedInARow: 2,
  }),
  'contract chaser (not agreed)': buildContractChaserCard({
    recipientName: 'Amara Okafor',
    partnerName: 'David Hughes',
    cohortName: 'LLR cohort 5',
    iHaveAgreed: false,
    partnerHasAgreed: true,
    chatUrl: 'https://teams.microsoft.com/l/chat/0/0?users=david%40trust.nhs.uk',
    pairId: 'pair-7',
    cardVersion: 1,
  }),
  'contract chaser (agreed, waiting)': buildContractChaserCard({
    recipientName: 'David Hughes',
    partnerName: 'Amara Okafor',
    cohortName: 'LLR cohort 5',
    iHaveAgreed: true,
    partnerHasAgreed: false,
    chatUrl: 'https://teams.microsoft.com/l/chat/0/0?users=amara%40trust.nhs.uk',
    pairId: 'pair-7',
    cardVersion: 1,
  }),
  'fit check (fresh)': buildFitCheckCard({
    pairId: 'pair-7',
    cardVersion: 2,
    partnerName: 'David',
  }),
  'pause (fresh)': buildPauseCard({ pairId: 'pair-7', cardVersion: 6, partnerName: 'David' }),
  resume: buildResumeCard({
    pairId: 'pair-7',
    cardVersion: 7,
    partnerName: 'David',
    pausedUntilText: 'until 28 April',
  }),
  'end (fresh)': buildEndCard({ pairId: 'pair-7', cardVersion: 6, partnerName: 'David' }),
  'partner notice (paused)': buildPartnerNoticeCard({ kind: 'paused' }),
  'partner notice (resumed)': buildPartnerNoticeCard({ kind: 'resumed' }),
  'partner notice (ended)': buildPartnerNoticeCard({ kind: 'ended' }),
  'final review (fresh)': buildFinalReviewCard({
    pairId: 'pair-7',
    cardVersion: 9,
    partnerName: 'David',
    heldSummary: 'You met 5 times out of 6 planned, 5 hours 30 minutes in all.',
  }),
  'my actions': buildMyActionsCard({ actions: actionItems, cardVersion: 1 }),
  'my actions (empty)': buildMyActionsCard({ actions: [], cardVersion: 1 }),
  'my actions (more than fit)': buildMyActionsCard({
    cardVersion: 1,
    actions: Array.from({ length: 40 }, (_, i) => ({
      ...actionItems[1]!,
      actionId: `a-${i}`,
      text: `Action ${i}: ${'a fairly long description of what was agreed '.repeat(4)}`,
    })),
  }),
  'next meeting (planned)': buildNextMeetingCard({
    meetingNumber: 3,
    plannedMeetings: 6,
    whenText: 'Thursday 10 April at 14:00',
    modeText: 'Online (Teams)',
    partnerName: 'David',
    progressSummary: '2 of 6 held, minimum 3 × 1 h',
    ...meeting,
  }),
  'next meeting (none planned)': buildNextMeetingCard({
    plannedMeetings: 6,
    partnerName: 'David',
    progressSummary: '2 of 6 held, minimum 3 × 1 h',
    pairId: 'pair-7',
    cardVersion: 5,
  }),
  confirmation: buildConfirmationCard({
    title: 'Saved',
    lines: ['Meeting 3 is booked for Thursday 10 April at 14:00.', 'I will remind you both.'],
  }),
  ...Object.fromEntries(Object.entries(FORMS).map(([name, f]) => [`${name} (errors)`, f.card])),
};

describe('journey cards', () => {
  it.each(Object.entries(CATALOGUE))(
    '%s parses cleanly at 1.5, is fully expanded and under 28 KB',
    (_name, card) => {
      expect(card.version).toBe('1.5');
      expect(sdkProblems(card)).toEqual([]);
      expect(textOf(card)).not.toContain('${');
      expect(Buffer.byteLength(textOf(card))).toBeLessThan(28 * 1024);
    },
  );

  it.each(Object.entries(CATALOGUE))('%s: every input has an id and a label', (_name, card) => {
    for (const input of inputs(card)) {
      expect(input.id).toEqual(expect.any(String));
      expect(input.label).toEqual(expect.stringMatching(/\S/));
    }
  });

  it.each(Object.entries(CATALOGUE))(
    '%s: every Action.Execute has a journey verb, the ids and an Action.Submit fallback',
    (_name, card) => {
      for (const action of executes(card)) {
        const verb = action.verb as string;
        expect(JOURNEY_VERBS).toContain(verb);
        expect(DOCUMENTED_VERBS.has(verb) || NOT_YET_IN_JOURNEY_DOC.includes(verb)).toBe(true);
        const data = action.data as Node;
        expect(data.pairId).toEqual(expect.any(String));
        expect(data.cardVersion).toEqual(expect.any(Number));
        expect(Object.values(data)).not.toContain('');
        expect(action.fallback).toEqual({
          type: 'Action.Submit',
          title: action.title,
          data: { verb, ...data },
          ...(action.style ? { style: action.style } : {}),
          ...(action.associatedInputs ? { associatedInputs: action.associatedInputs } : {}),
          ...(action.tooltip ? { tooltip: action.tooltip } : {}),
        });
      }
      for (const link of ofType(card, (t) => t === 'Action.OpenUrl')) {
        expect(link.url).toMatch(/^https:\/\//);
      }
    },
  );

  it('every verb in docs/journey.md is one the bot knows', () => {
    for (const verb of DOCUMENTED_VERBS) expect(JOURNEY_VERBS).toContain(verb);
  });

  it.each(Object.entries(CATALOGUE).filter(([name]) => !name.endsWith('(errors)')))(
    '%s shows no error messages when there are none',
    (_name, card) => {
      walk(card, (o) => expect(String(o.id ?? '')).not.toMatch(/-error$/));
    },
  );

  describe.each(Object.entries(FORMS))('%s re-rendered after validation', (_name, f) => {
    it('shows each error right below its input, marked by more than colour', () => {
      for (const [id, message] of Object.entries(f.errors)) {
        const { next } = inputAndNext(f.card, id);
        expect(next).toMatchObject({ type: 'TextBlock', text: `⚠ ${message}`, color: 'Attention' });
      }
    });

    it('keeps what the person typed or chose', () => {
      for (const [id, value] of Object.entries(f.values)) {
        const { input } = inputAndNext(f.card, id);
        if (value === '') expect(input.value).toBeUndefined();
        else if (input.type === 'Input.Number') expect(input.value).toBe(Number(value));
        else expect(input.value).toBe(value);
      }
    });

    it('shows no message beside inputs without an error', () => {
      for (const input of inputs(f.card)) {
        if (f.errors[input.id as string]) continue;
        const { next } = inputAndNext(f.card, input.id as string);
        expect(String(next?.id ?? '')).not.toMatch(/-error$/);
      }
    });
  });

  it('keeps typed text literally, never evaluating it as a template', () => {
    const card = buildPreparationCard({
      ...meeting,
      meetingNumber: 3,
      meetingWhenText: 'on Thursday 10 April at 14:00',
      partnerName: 'David',
      openActions: [],
      values: { topics: 'Ask about ${pairId} and @{cardVersion}' },
    });
    expect(inputAndNext(card, 'topics').input.value).toBe('Ask about ${pairId} and @{cardVersion}');
  });

  it('builds the same card twice (templates are never changed by a build)', () => {
    expect(buildIntroductionCard(intro)).toEqual(buildIntroductionCard(intro));
    expect(executes(buildIntroductionCard(intro))[0]!.fallback).toBeDefined();
  });

  describe('introduction', () => {
    it('says who the partner is and the recipient’s role in words', () => {
      const text = textOf(CATALOGUE['introduction (reverse mentor)']!);
      expect(text).toContain('Meet your partner, Amara');
      expect(text).toContain('Director of Nursing');
      expect(text).toContain('You are the reverse mentor');
      expect(text).toContain(
        '6 meetings in all; the programme asks for at least 3 meetings of an hour or more.',
      );
      expect(textOf(CATALOGUE['introduction (mentee, no job title)']!)).toContain(
        'You are the mentee: Amara is your reverse mentor',
      );
      expect(textOf(CATALOGUE['introduction (mentee, no job title)']!)).toContain(
        'Meet your partner, David',
      );
      expect(textOf(CATALOGUE['introduction (reciprocal)']!)).toContain('You mentor each other');
    });

    it('offers chat, a meeting and the contract', () => {
      expect(titles(CATALOGUE['introduction (reverse mentor)']!)).toEqual([
        'Chat with David',
        'Schedule a Teams meeting',
        'Read and agree our contract',
      ]);
    });
  });

  describe('contract', () => {
    it('says who has agreed and who is awaited, in words', () => {
      const text = textOf(CATALOGUE['contract (mentee to agree)']!);
      expect(text).toContain('✓ Agreed by Amara on 3 March');
      expect(text).toContain('Waiting for you');
      expect(textOf(CATALOGUE['contract (mentor agreed)']!)).toContain(
        '✓ Agreed by you on 3 March',
      );
      expect(text).toContain(DEFAULT_CONTRACT_TERMS.confidentiality);
      expect(text).toContain('Online or in person');
    });

    it('offers "I agree" only to whoever has not agreed yet', () => {
      expect(titles(CATALOGUE['contract (mentee to agree)']!)).toEqual([
        'I agree',
        'Suggest changes',
      ]);
      expect(titles(CATALOGUE['contract (mentor agreed)']!)).toEqual(['Suggest changes']);
      expect(textOf(CATALOGUE['contract (both agreed)']!)).toContain('You have both agreed');
    });

    it('agrees to one version of the contract', () => {
      const agree = executes(CATALOGUE['contract (mentee to agree)']!)[0]!;
      expect(agree.data).toEqual({ pairId: 'pair-7', cardVersion: 4, contractVersion: 2 });
    });

    it('edits every term, starting from the current wording', () => {
      const card = CATALOGUE['contract (editing, fresh)']!;
      expect(inputs(card).map((i) => i.id)).toEqual([
        'confidentiality',
        'frequency',
        'mode',
        'boundaries',
        'pauseOrEnd',
        'raisingConcerns',
      ]);
      expect(inputAndNext(card, 'mode').input.value).toBe('either');
      expect(textOf(card)).toContain('Saving changes asks both of you to agree again.');
      expect(executes(card).map((a) => [a.verb, a.associatedInputs])).toEqual([
        ['contract.save', undefined],
        ['contract.open', 'none'],
      ]);
    });
  });

  it('booking nudge asks for date, time, length and mode, defaulting to an hour', () => {
    const card = CATALOGUE['booking nudge (fresh)']!;
    expect(textOf(card)).toContain('Time to plan your meeting 3 of 6');
    expect(inputs(card).map((i) => i.id)).toEqual(['date', 'time', 'minutes', 'mode']);
    expect(inputAndNext(card, 'minutes').input.value).toBe(60);
    expect(titles(card)).toEqual(["I've booked it", 'Schedule in Teams']);
  });

  it('preparation shares by default and shows the partner’s preparation only when shared', () => {
    const card = CATALOGUE['preparation (fresh)']!;
    expect(inputAndNext(card, 'share').input).toMatchObject({
      value: 'true',
      title: 'Share with David',
    });
    expect(inputAndNext(card, 'topics').input.value).toBe('The staff network and the board.');
    expect(textOf(card)).toContain('David would like to cover');
    expect(textOf(card)).toContain('Shadow the executive huddle (Amara, due 2 April)');
    const unshared = FORMS.preparation!.card;
    expect(textOf(unshared)).not.toContain('David would like to cover');
    expect(textOf(unshared)).toContain('No open actions.');
  });

  it('reflection is private by default and says so', () => {
    const card = CATALOGUE['reflection (fresh)']!;
    expect(textOf(card)).toContain(
      'Your reflection is private to you unless you choose to share it. Your programme team never sees it.',
    );
    expect(inputAndNext(card, 'share').input.value).toBe('false');
    expect(inputs(card).map((i) => i.id)).toEqual([
      'outcome',
      'minutes',
      'newDate',
      'newTime',
      'learned',
      'doDifferently',
      'share',
      ...[1, 2, 3].flatMap((n) => [`action${n}Text`, `action${n}Owner`, `action${n}Due`]),
    ]);
    const outcome = inputAndNext(card, 'outcome').input.choices as { value: string }[];
    expect(outcome.map((c) => c.value)).toEqual([
      'held',
      'rescheduled',
      'cancelled_by_me',
      'cancelled_by_partner',
    ]);
  });

  it('action reminder has "Done" until it is done', () => {
    expect(titles(CATALOGUE['action reminder (due today)']!)).toEqual(['Done']);
    expect(textOf(CATALOGUE['action reminder (due today)']!)).toContain('Due today');
    const done = CATALOGUE['action reminder (done)']!;
    expect(textOf(done)).toContain('✓ Done');
    expect(titles(done)).toEqual([]);
  });

  it('check-in is blame-free and offers to plan or pause reminders', () => {
    const first = CATALOGUE['check-in (first miss)']!;
    expect(textOf(first)).toContain("Meeting 2 didn't happen — that's OK.");
    expect(executes(first).map((a) => [a.verb, a.data])).toEqual([
      ['meeting.plan', { pairId: 'pair-7', meetingId: 'm-3', cardVersion: 5 }],
      ['reminders.pause', { pairId: 'pair-7', cardVersion: 5, weeks: 2 }],
    ]);
    expect(textOf(first)).not.toContain('in a row');
    expect(textOf(CATALOGUE['check-in (second miss, no meeting id)']!)).toContain(
      '2 planned meetings in a row',
    );
  });

  it('fit check is private from the partner and offers the coordinator', () => {
    const card = CATALOGUE['fit check (fresh)']!;
    expect(textOf(card)).toContain(
      'Only you and the programme team see that you asked; your partner never sees this.',
    );
    const rating = inputAndNext(card, 'rating').input.choices as { value: string }[];
    expect(rating.map((c) => c.value)).toEqual(['1', '2', '3', '4', '5']);
    expect(inputAndNext(card, 'wantsCoordinator').input.value).toBe('false');
  });

  it('pause, resume and end are private, and ending asks for confirmation', () => {
    expect(inputs(CATALOGUE['pause (fresh)']!).map((i) => i.id)).toEqual(['weeks', 'reason']);
    expect(textOf(CATALOGUE['pause (fresh)']!)).toContain('only the programme team sees this');
    expect(executes(CATALOGUE.resume!)[0]!.verb).toBe('pair.resume');
    const end = CATALOGUE['end (fresh)']!;
    expect(textOf(end)).toContain(
      'No blame. Your partner will be told only that the pairing has ended.',
    );
    expect(end.actions).toEqual([
      expect.objectContaining({ type: 'Action.ShowCard', title: 'End the pairing…' }),
    ]);
    expect(executes(end)[0]).toMatchObject({ verb: 'pair.end', style: 'destructive' });
  });

  it('the partner notice names nobody, gives no reason and has no buttons', () => {
    for (const kind of ['paused', 'resumed', 'ended'] as const) {
      const card = CATALOGUE[`partner notice (${kind})`]!;
      expect(card.actions).toBeUndefined();
      expect(textOf(card)).not.toMatch(/\breason\b|\bbecause\b|David|Amara/i);
    }
  });

  it('final review asks what went well, what could improve, and continue or finish', () => {
    const card = CATALOGUE['final review (fresh)']!;
    expect(inputs(card).map((i) => i.id)).toEqual(['wentWell', 'improve', 'choice']);
    const choice = inputAndNext(card, 'choice').input.choices as { value: string }[];
    expect(choice.map((c) => c.value)).toEqual(['continue_informally', 'finish']);
  });

  it('my actions says "Overdue" in words and offers "Done" on open actions only', () => {
    const card = CATALOGUE['my actions']!;
    expect(textOf(card)).toContain('⚠ Overdue · David Whitfield · was due 14 March');
    expect(textOf(card)).toContain('✓ Done · David Whitfield');
    expect(executes(card).map((a) => (a.data as Node).actionId)).toEqual(['a-1', 'a-2']);
    expect(textOf(CATALOGUE['my actions (empty)']!)).toContain('You have no agreed actions yet');
    expect(executes(CATALOGUE['my actions (more than fit)']!)).toHaveLength(20);
    expect(textOf(CATALOGUE['my actions (more than fit)']!)).toContain('And 20 more.');
  });

  it('next meeting shows the plan, or a nudge to plan it', () => {
    const planned = CATALOGUE['next meeting (planned)']!;
    expect(textOf(planned)).toContain('Your next meeting 3 of 6');
    expect(titles(planned)).toEqual([]);
    const none = CATALOGUE['next meeting (none planned)']!;
    expect(titles(none)).toEqual(['Plan it']);
    expect(executes(none)[0]!.data).toEqual({ pairId: 'pair-7', cardVersion: 5 });
  });
});
