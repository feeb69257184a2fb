import {
  APPLICATION_CONSENT,
  DEFAULT_PERSPECTIVES,
  DEFAULT_SENIORITY_LADDER,
  SENSITIVE_CONSENT_TEXT,
  applicationDraftSchema,
  applicationFormSchema,
  sensitiveAnswersSchema,
} from '../../bot/src/contracts/applications';
import { problemsOf } from '../../bot/src/contracts/field-problem';
import {
  type ApplyCardData,
  buildApplyCard,
} from '../../bot/src/features/applications/cards/apply-card';
import {
  APPLY_STEPS,
  STEP_INPUTS,
  draftBodyOf,
  errorsByInput,
  inputOfField,
  savedValues,
  sensitiveBodyOf,
  stepOfInput,
} from '../../bot/src/features/applications/cards/apply-card-steps';
import {
  buildApplyClosedCard,
  buildApplyListCard,
  buildApplyStatusCard,
  buildPersonalOnlyCard,
} from '../../bot/src/features/applications/cards/apply-card-status';
import type { CardJson } from '../../bot/src/platform/teams/cards/render';
import { sdkProblems } from '../support/adaptivecards-sdk';

const FORM = { ladder: DEFAULT_SENIORITY_LADDER, perspectives: DEFAULT_PERSPECTIVES };
const WINDOW = {
  state: 'open' as const,
  stateWords: 'Open for applications',
  timeZone: 'Europe/London',
  opensAt: '2027-01-04T09:00:00.000Z',
  closesAt: '2027-01-29T17:00:00.000Z',
  opensWords: 'Monday 4 January 2027 at 09:00 (Europe/London)',
  closesWords: 'Friday 29 January 2027 at 17:00 (Europe/London)',
};

const base = (extra: Partial<ApplyCardData> = {}): ApplyCardData => ({
  cohortId: 'cohort-1',
  cohortName: 'Cohort 2027',
  step: 'about',
  etag: '"abc"',
  form: FORM,
  closesWords: WINDOW.closesWords,
  values: {},
  ...extra,
});

function elements(node: unknown, out: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(node)) node.forEach((n) => elements(n, out));
  else if (node && typeof node === 'object') {
    out.push(node as Record<string, unknown>);
    Object.values(node).forEach((v) => elements(v, out));
  }
  return out;
}
const inputs = (card: CardJson) =>
  elements(card.body).filter((e) => String(e.type).startsWith('Input.'));
const byId = (card: CardJson, id: string) => elements(card.body).find((e) => e.id === id);
const actions = (card: CardJson) =>
  (card.actions as Record<string, unknown>[]).map((a) => [a.title, a.verb, a.data]);

const CARDS: Record<string, CardJson> = {
  ...Object.fromEntries(
    APPLY_STEPS.map((step) => [`step ${step}`, buildApplyCard(base({ step }))]),
  ),
  'list (open)': buildApplyListCard(
    [{ cohortId: 'c1', cohortName: 'Cohort 2027', window: WINDOW, myStatus: 'draft' }],
    [],
  ),
  'list (none open)': buildApplyListCard(
    [],
    [{ cohortId: 'c0', cohortName: 'Cohort 2026', window: { ...WINDOW, state: 'closed' } }],
  ),
  status: buildApplyStatusCard({
    cohortId: 'c1',
    cohortName: 'Cohort 2027',
    status: 'submitted',
    open: true,
  }),
  closed: buildApplyClosedCard({
    cohortId: 'c1',
    cohortName: 'Cohort 2027',
    message: 'Applications closed on …',
  }),
  'personal only': buildPersonalOnlyCard(),
};

describe('the apply cards', () => {
  it.each(Object.entries(CARDS))('%s parses cleanly at 1.5 and stays small', (_name, card) => {
    expect(card.version).toBe('1.5');
    expect(sdkProblems(card)).toEqual([]);
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(28 * 1024);
  });

  it('each step has exactly its inputs, each with a label', () => {
    for (const step of APPLY_STEPS) {
      const card = buildApplyCard(base({ step }));
      expect(inputs(card).map((i) => i.id)).toEqual(STEP_INPUTS[step]);
      for (const i of inputs(card)) expect(String(i.label).length).toBeGreaterThan(0);
    }
  });

  it('offers the cohort’s bands and perspectives, and the consent in plain words', () => {
    const about = buildApplyCard(base());
    expect((byId(about, 'band')!.choices as { value: string }[]).map((c) => c.value)).toEqual(
      DEFAULT_SENIORITY_LADDER,
    );
    const perspectives = buildApplyCard(base({ step: 'perspectives' }));
    // Positions, not labels: a perspective may hold a comma, and a multi-select joins with commas.
    expect((byId(perspectives, 'shared')!.choices as { value: string }[])[1]).toEqual({
      title: DEFAULT_PERSPECTIVES[1],
      value: '1',
    });
    const notes = JSON.stringify(buildApplyCard(base({ step: 'notes' })));
    for (const s of APPLICATION_CONSENT.sections) expect(notes).toContain(s.text);
    const sensitive = buildApplyCard(base({ step: 'sensitive' }));
    expect(byId(sensitive, 'religionConsent')!.title).toBe(SENSITIVE_CONSENT_TEXT.religion);
  });

  it('shows each problem right below its input and keeps what was typed', () => {
    const card = buildApplyCard(
      base({
        values: { organisation: 'Glenfield', managerEmail: 'lena at trust' },
        errors: { managerEmail: 'must be an email address like name@nhs.net' },
        notices: ['Before you can send it…'],
      }),
    );
    const body = card.body as Record<string, unknown>[];
    const at = body.findIndex((e) => e.id === 'managerEmail');
    expect(body[at]!.value).toBe('lena at trust');
    expect(body[at + 1]).toMatchObject({
      id: 'managerEmail-error',
      text: '⚠ must be an email address like name@nhs.net',
      color: 'Attention',
    });
    expect(byId(card, 'organisation')!.value).toBe('Glenfield');
    expect(byId(card, 'organisation-error')).toBeUndefined();
    expect(JSON.stringify(card)).toContain('⚠ Before you can send it…');
  });

  it('goes Back and Next with the cohort, the step and the version; the last step sends', () => {
    expect(actions(buildApplyCard(base()))).toEqual([
      [
        'Save and next',
        'apply.step',
        { cohortId: 'cohort-1', step: 'about', etag: '"abc"', to: 'perspectives' },
      ],
    ]);
    expect(actions(buildApplyCard(base({ step: 'review' })))).toEqual([
      [
        'Back',
        'apply.step',
        { cohortId: 'cohort-1', step: 'review', etag: '"abc"', to: 'sensitive' },
      ],
      [
        'Send my application',
        'apply.submit',
        { cohortId: 'cohort-1', step: 'review', etag: '"abc"' },
      ],
    ]);
    const fallback = (buildApplyCard(base()).actions as { fallback: unknown }[])[0]!.fallback;
    expect(fallback).toMatchObject({ type: 'Action.Submit', data: { verb: 'apply.step' } });
  });

  it('never evaluates what was typed', () => {
    const card = buildApplyCard(base({ values: { organisation: '${cohortName} ${$root}' } }));
    expect(byId(card, 'organisation')!.value).toBe('${cohortName} ${$root}');
  });

  it('says when none is open and offers the next cohort; the status card offers withdraw', () => {
    const none = JSON.stringify(CARDS['list (none open)']);
    expect(none).toContain('No cohort is taking applications just now');
    expect(none).toContain('apply.interest');
    expect(actions(CARDS.status!).map((a) => a[1])).toEqual(['apply.withdraw']);
  });
});

describe('the card inputs and the contract', () => {
  const draft = applicationDraftSchema(FORM);

  it('a step’s inputs become a draft body the contract accepts', () => {
    const about = draftBodyOf(
      'about',
      {
        role: 'mentee',
        arrangement: 'either',
        band: 'Band 9',
        organisation: ' LLR ICB ',
        directorate: '',
        managerName: 'Sam',
        managerEmail: '',
      },
      FORM,
    );
    expect(about).toEqual({
      role: 'mentee',
      arrangement: 'either',
      band: 'Band 9',
      organisation: 'LLR ICB',
      lineManager: { name: 'Sam' },
    });
    expect(draft.safeParse(about).success).toBe(true);
    const perspectives = draftBodyOf('perspectives', { shared: '1,0', wanted: '' }, FORM);
    expect(perspectives).toEqual({
      perspectivesShared: [DEFAULT_PERSPECTIVES[1], DEFAULT_PERSPECTIVES[0]],
      perspectivesWanted: [],
    });
    expect(draftBodyOf('notes', { notes: '', consent: 'true' }, FORM)).toEqual({
      notes: '',
      consent: true,
    });
  });

  it('a value off the list is named by the contract, beside its input', () => {
    const body = draftBodyOf('meeting', { meetingMode: 'by owl', availability: 'sat-am' }, FORM);
    const parsed = draft.safeParse(body);
    expect(parsed.success).toBe(false);
    const { errors } = errorsByInput(problemsOf(parsed.error!));
    expect(Object.keys(errors).sort()).toEqual(['availability', 'meetingMode']);
  });

  it('every field problem of the whole form lands on an input of some step', () => {
    const parsed = applicationFormSchema(FORM).safeParse({ meetingMode: 'in-person' });
    const problems = problemsOf(parsed.error!);
    for (const p of problems) expect(stepOfInput(inputOfField(p.field))).toBeDefined();
    expect(inputOfField('lineManager.email')).toBe('managerEmail');
    expect(inputOfField('perspectivesWanted.2')).toBe('wanted');
    expect(inputOfField('ethnicity.consent')).toBe('ethnicityConsent');
    expect(inputOfField('(body)')).toBe('');
  });

  it('a special-category answer needs its own consent, shown beside that consent', () => {
    const body = sensitiveBodyOf({ ethnicity: 'asian', ethnicityConsent: 'false', religion: '' });
    expect(body).toEqual({ ethnicity: { value: 'asian', consent: false } });
    const parsed = sensitiveAnswersSchema.safeParse(body);
    expect(Object.keys(errorsByInput(problemsOf(parsed.error!)).errors)).toEqual([
      'ethnicityConsent',
    ]);
  });

  it('saved answers come back as the inputs’ values, and send the same draft again', () => {
    const answers = {
      role: 'mentor' as const,
      perspectivesShared: [DEFAULT_PERSPECTIVES[2]!],
      availability: ['tue-am' as const, 'fri-pm' as const],
      consent: true,
      lineManager: { name: 'Sam', email: 'sam@nhs.net' },
    };
    const values = savedValues(answers, { disability: { value: 'no', consent: true } }, FORM);
    expect(values).toMatchObject({
      role: 'mentor',
      shared: '2',
      availability: 'tue-am,fri-pm',
      consent: 'true',
      managerEmail: 'sam@nhs.net',
      disability: 'no',
      disabilityConsent: 'true',
      ethnicity: '',
    });
    expect(draftBodyOf('perspectives', values, FORM).perspectivesShared).toEqual(
      answers.perspectivesShared,
    );
    expect(draftBodyOf('meeting', values, FORM).availability).toEqual(answers.availability);
  });
});
