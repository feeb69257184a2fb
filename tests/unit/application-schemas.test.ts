import {
  APPLICATION_CONSENT,
  DEFAULT_PERSPECTIVES,
  DEFAULT_SENIORITY_LADDER,
  SENSITIVE_CATEGORIES,
  SENSITIVE_CONSENT_TEXT,
  SENSITIVE_OPTIONS,
  applicationDraftSchema,
  applicationFormSchema,
  applicationSettingsSchema,
  sensitiveAnswersSchema,
} from '../../bot/src/contracts/applications';
import { problemsOf } from '../../bot/src/contracts/field-problem';
import { aggregateAnswers } from '../../bot/src/features/applications/domain/sensitive-aggregate';

/**
 * The application contract (issue 15, item 2): one form, built for the cohort's ladder and
 * perspectives, shared by the tab, the chat card and the API. Each refusal names its field.
 */

const OPTIONS = { ladder: DEFAULT_SENIORITY_LADDER, perspectives: DEFAULT_PERSPECTIVES };

const FORM = {
  role: 'mentor',
  arrangement: 'reverse',
  band: 'Band 4',
  organisation: 'Leicester Royal Infirmary',
  directorate: 'Emergency medicine',
  lineManager: { name: 'Lena Manager', email: 'Lena.Manager@NHS.net' },
  perspectivesShared: ['Working shifts, nights or on a rota', 'Frontline, patient-facing work'],
  perspectivesWanted: [],
  meetingMode: 'online',
  availability: ['thu-pm', 'mon-am'],
  notes: 'Not on Thursdays in August',
  consent: true,
};

const problems = (result: { success: boolean; error?: Parameters<typeof problemsOf>[0] }) =>
  result.success ? [] : problemsOf(result.error!);

describe('the defaults', () => {
  it('offer NHS Agenda for Change, most junior first, and a band gap of two', () => {
    expect(DEFAULT_SENIORITY_LADDER).toEqual([
      'Band 2',
      'Band 3',
      'Band 4',
      'Band 5',
      'Band 6',
      'Band 7',
      'Band 8a',
      'Band 8b',
      'Band 8c',
      'Band 8d',
      'Band 9',
      'Very senior manager',
    ]);
  });

  it('list perspectives that are not special-category data', () => {
    const special =
      /ethnic|race|disab|sexual|gay|lesbian|religio|faith|belief|health|trans|gender/i;
    expect(DEFAULT_PERSPECTIVES.length).toBeGreaterThanOrEqual(8);
    expect(DEFAULT_PERSPECTIVES.filter((p) => special.test(p))).toEqual([]);
  });

  it('write the consent in plain words: matching, who sees what, how long, how to withdraw', () => {
    expect(APPLICATION_CONSENT.sections.map((s) => s.heading)).toEqual([
      'What we use for matching',
      'Who sees what',
      'For how long',
      'How to withdraw',
    ]);
    for (const category of SENSITIVE_CATEGORIES) {
      expect(SENSITIVE_CONSENT_TEXT[category]).toMatch(/only to match/);
      expect(SENSITIVE_OPTIONS[category]).toContain('prefer-not-to-say');
    }
  });
});

describe('the full form', () => {
  it('accepts a whole application, tidying lists into the list’s order and the email to lower case', () => {
    const parsed = applicationFormSchema(OPTIONS).parse(FORM);
    expect(parsed.availability).toEqual(['mon-am', 'thu-pm']);
    expect(parsed.perspectivesShared).toEqual([
      'Frontline, patient-facing work',
      'Working shifts, nights or on a rota',
    ]);
    expect(parsed.lineManager.email).toBe('lena.manager@nhs.net');
  });

  it('names every missing field, and consent must be given', () => {
    const result = applicationFormSchema(OPTIONS).safeParse({ role: 'mentor', consent: false });
    expect(
      problems(result)
        .map((p) => p.field)
        .sort(),
    ).toEqual(
      [
        'arrangement',
        'availability',
        'band',
        'consent',
        'directorate',
        'lineManager',
        'meetingMode',
        'organisation',
        'perspectivesShared',
        'perspectivesWanted',
      ].sort(),
    );
  });

  it('asks for the location with every other problem, not after them, when meeting in person', () => {
    const result = applicationFormSchema(OPTIONS).safeParse({ meetingMode: 'in-person' });
    expect(problems(result).map((p) => p.field)).toContain('location');
    expect(problems(result).length).toBeGreaterThan(1);
  });

  it.each([
    [{ band: 'Band 1' }, 'band', /one of the cohort's bands/],
    [{ role: 'boss' }, 'role', /mentor, mentee or either/],
    [{ arrangement: 'sideways' }, 'arrangement', /reverse, reciprocal or either/],
    [{ perspectivesWanted: ['Astronomy'] }, 'perspectivesWanted.0', /not on the list/],
    [{ availability: [] }, 'availability', /at least one/],
    [{ availability: ['sat-am'] }, 'availability.0', /weekday morning or afternoon/],
    [{ lineManager: { name: 'Lena', email: 'not an email' } }, 'lineManager.email', /email/],
    [{ organisation: 'Trust\u202Ename' }, 'organisation', /text-direction/],
    [{ notes: 'x'.repeat(1001) }, 'notes', /at most 1000/],
    [{ meetingMode: 'in-person' }, 'location', /required when you meet in person/],
    [{ surprise: 1 }, '(body)', /unknown field surprise/],
  ])('refuses %j at %s', (change, field, message) => {
    const found = problems(applicationFormSchema(OPTIONS).safeParse({ ...FORM, ...change }));
    expect(found).toEqual([{ field, message: expect.stringMatching(message) }]);
  });

  it('follows the cohort’s own ladder and perspectives', () => {
    const own = { ladder: ['Grade A', 'Grade B', 'Grade C'], perspectives: ['Rural practice'] };
    const form = {
      ...FORM,
      band: 'Grade B',
      perspectivesShared: ['Rural practice'],
      perspectivesWanted: [],
    };
    expect(applicationFormSchema(own).safeParse(form).success).toBe(true);
    expect(
      problems(applicationFormSchema(own).safeParse({ ...form, band: 'Band 4' }))[0]?.field,
    ).toBe('band');
  });
});

describe('the draft', () => {
  it('takes any subset of the fields, each checked when given', () => {
    const draft = applicationDraftSchema(OPTIONS);
    expect(draft.parse({})).toEqual({});
    expect(draft.parse({ role: 'mentee', lineManager: { name: 'Lena' } })).toEqual({
      role: 'mentee',
      lineManager: { name: 'Lena' },
    });
    expect(
      problems(draft.safeParse({ band: 'Band 1', lineManager: { email: 'x' } })).map(
        (p) => p.field,
      ),
    ).toEqual(['band', 'lineManager.email']);
    expect(draft.safeParse({ consent: false }).success).toBe(true);
  });
});

describe('the settings', () => {
  const SETTINGS = {
    opensAt: '2027-01-04T09:00',
    closesAt: '2027-01-29T17:00',
    ladder: ['Band 5', 'Band 7', 'Band 8a'],
    minimumBandGap: 2,
    perspectives: [...DEFAULT_PERSPECTIVES],
    requireTraining: true,
    awarenessEventIds: ['evt-1', 'evt-1'],
  };

  it('accepts a window, a ladder and a gap that fits it (linked events once each)', () => {
    expect(applicationSettingsSchema.parse(SETTINGS).awarenessEventIds).toEqual(['evt-1']);
  });

  it.each([
    [{ opensAt: '2027-02-30T09:00' }, 'opensAt', /real date and time/],
    [{ opensAt: '2027-01-04 09:00' }, 'opensAt', /real date and time/],
    [{ closesAt: '2027-01-04T08:00' }, 'closesAt', /after the opening/],
    [{ minimumBandGap: 3 }, 'minimumBandGap', /smaller than the number of bands/],
    [{ ladder: ['Band 5', 'band 5'] }, 'ladder', /must all differ/],
    [{ ladder: ['Band 5'] }, 'ladder', /at least 2/],
    [{ awarenessEventIds: ['../x'] }, 'awarenessEventIds.0', /not an event id/],
  ])('refuses %j at %s', (change, field, message) => {
    const found = problems(applicationSettingsSchema.safeParse({ ...SETTINGS, ...change }));
    expect(found).toContainEqual({ field, message: expect.stringMatching(message) });
  });
});

describe('special-category answers', () => {
  it('are each optional, each with its own consent', () => {
    expect(sensitiveAnswersSchema.parse({})).toEqual({});
    expect(sensitiveAnswersSchema.parse({ religion: { value: 'sikh', consent: true } })).toEqual({
      religion: { value: 'sikh', consent: true },
    });
    expect(
      problems(
        sensitiveAnswersSchema.safeParse({
          ethnicity: { value: 'mixed', consent: false },
          disability: { value: 'maybe', consent: true },
          shoeSize: { value: 9, consent: true },
        }),
      ).map((p) => p.field),
    ).toEqual(['ethnicity.consent', 'disability.value', '(body)']);
  });

  it('are counted only in groups of five or more', () => {
    const people = [
      ...Array.from({ length: 5 }, () => ({
        religion: { value: 'christian' as const, consent: true as const },
      })),
      ...Array.from({ length: 3 }, () => ({
        religion: { value: 'sikh' as const, consent: true as const },
      })),
      ...Array.from({ length: 4 }, () => ({
        disability: { value: 'yes' as const, consent: true as const },
      })),
    ];
    // Three Sikh answers are too few to show, even folded; four disability answers in all are left out.
    expect(aggregateAnswers(people)).toEqual({ religion: { christian: 5 } });
  });
});
