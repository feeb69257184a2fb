import { DEFAULT_CADENCE, type NewCohort } from '../cohorts/index';

/**
 * The demo cohort seeded for local runs (`npm run dev`) when the store is empty.
 * Everyone here is fictional. The same people appear in the Agents Playground and in the
 * tab's "sign in as" list, so a newcomer can follow one pair through chat and tab.
 */

export interface DemoPerson {
  userId: string;
  name: string;
  email: string;
  description: string;
}

export const DEMO_COORDINATOR: DemoPerson = {
  userId: '7c3f1a52-8d4e-4b9a-a1f0-0d5e6c7b8a01',
  name: 'Priya Shah',
  email: 'priya.shah@demo.nhs.example',
  description: 'Programme coordinator, LLR Leadership Academy',
};

/** Which stage of the journey the demo shows with a pair (see demo-journey.ts). */
export type DemoStage = 'completed' | 'active' | 'paused' | 'check_in' | 'introduced';

interface DemoRow {
  person: DemoPerson;
  role: 'mentor' | 'mentee';
  jobTitle: string;
  organisation: string;
  partnerEmail?: string;
  arrangement?: 'reverse' | 'reciprocal';
  /** The pair's stage in the staged demo; on the mentor's row. */
  stage?: DemoStage;
  /** Only in the staged demo (the plain roster has the first three pairs). */
  stagedOnly?: boolean;
}

const p = (userId: string, name: string, email: string, description: string): DemoPerson => ({
  userId,
  name,
  email,
  description,
});

const AMARA = p(
  '1b6d2e80-3c4f-4a5b-9c6d-7e8f90a1b202',
  'Amara Okafor',
  'amara.okafor@demo.nhs.example',
  'Reverse mentor · Healthcare assistant',
);
const DAVID = p(
  '2c7e3f91-4d50-4b6c-8d7e-8f90a1b2c303',
  'David Whitfield',
  'david.whitfield@demo.nhs.example',
  'Mentee · Director of Nursing',
);
const KWAME = p(
  '3d8f40a2-5e61-4c7d-9e8f-90a1b2c3d404',
  'Kwame Mensah',
  'kwame.mensah@demo.nhs.example',
  'Reverse mentor · Physiotherapist',
);
const HELEN = p(
  '4e9051b3-6f72-4d8e-8f90-a1b2c3d4e505',
  'Helen Carter',
  'helen.carter@demo.nhs.example',
  'Mentee · Chief Operating Officer',
);
const SOFIA = p(
  '5fa162c4-7083-4e9f-90a1-b2c3d4e5f606',
  'Sofia Rahman',
  'sofia.rahman@demo.nhs.example',
  'Reciprocal mentor · Medical secretary',
);
const JAMES = p(
  '60b273d5-8194-4fa0-a1b2-c3d4e5f60707',
  'James Porter',
  'james.porter@demo.nhs.example',
  'Reciprocal mentee · Medical Director',
);

const GRACE = p(
  '71c384e6-92a5-4fb1-b2c3-d4e5f6071808',
  'Grace Adeyemi',
  'grace.adeyemi@demo.nhs.example',
  'Reverse mentor · Pharmacy technician',
);
const ROBERT = p(
  '82d495f7-a3b6-40c2-83d4-e5f607182909',
  'Robert Hughes',
  'robert.hughes@demo.nhs.example',
  'Mentee · Director of Finance',
);
const TOMASZ = p(
  '93e5a608-b4c7-41d3-94e5-f60718293a0a',
  'Tomasz Nowak',
  'tomasz.nowak@demo.nhs.example',
  'Reverse mentor · Portering team lead',
);
const CATHERINE = p(
  'a4f6b719-c5d8-42e4-a5f6-0718293a4b1b',
  'Catherine Bell',
  'catherine.bell@demo.nhs.example',
  'Mentee · Director of Strategy',
);

const ROWS: DemoRow[] = [
  {
    person: AMARA,
    role: 'mentor',
    jobTitle: 'Healthcare assistant',
    organisation: 'Leicester General Hospital',
    partnerEmail: DAVID.email,
    arrangement: 'reverse',
    stage: 'active',
  },
  {
    person: DAVID,
    role: 'mentee',
    jobTitle: 'Director of Nursing',
    organisation: 'LLR Integrated Care Board',
  },
  {
    person: KWAME,
    role: 'mentor',
    jobTitle: 'Physiotherapist (Band 5)',
    organisation: 'Rutland Community Services',
    partnerEmail: HELEN.email,
    arrangement: 'reverse',
    stage: 'paused',
  },
  {
    person: HELEN,
    role: 'mentee',
    jobTitle: 'Chief Operating Officer',
    organisation: 'Leicester Royal Infirmary',
  },
  {
    person: SOFIA,
    role: 'mentor',
    jobTitle: 'Medical secretary',
    organisation: 'Leicestershire Partnership Trust',
    partnerEmail: JAMES.email,
    arrangement: 'reciprocal',
    stage: 'completed',
  },
  {
    person: JAMES,
    role: 'mentee',
    jobTitle: 'Medical Director',
    organisation: 'Glenfield Hospital',
  },
  {
    person: GRACE,
    role: 'mentor',
    jobTitle: 'Pharmacy technician',
    organisation: 'Leicester Royal Infirmary',
    partnerEmail: ROBERT.email,
    arrangement: 'reverse',
    stage: 'check_in',
    stagedOnly: true,
  },
  {
    person: ROBERT,
    role: 'mentee',
    jobTitle: 'Director of Finance',
    organisation: 'University Hospitals of Leicester',
    stagedOnly: true,
  },
  {
    person: TOMASZ,
    role: 'mentor',
    jobTitle: 'Portering team lead',
    organisation: 'Leicester General Hospital',
    partnerEmail: CATHERINE.email,
    arrangement: 'reverse',
    stage: 'introduced',
    stagedOnly: true,
  },
  {
    person: CATHERINE,
    role: 'mentee',
    jobTitle: 'Director of Strategy',
    organisation: 'LLR Integrated Care Board',
    stagedOnly: true,
  },
];

/** Everyone on the demo roster, the plain demo's three pairs first. */
export const DEMO_PARTICIPANTS: DemoPerson[] = ROWS.map((r) => r.person);

/** The demo cohort's sponsor: sees its figures, never a name. */
export const DEMO_SPONSOR: DemoPerson = {
  userId: '8d4a2b63-9e5f-4cab-b2a1-1e6f7d8c9b02',
  name: 'Martin Hale',
  email: 'martin.hale@demo.nhs.example',
  description: 'Executive sponsor of the demo cohort (figures only)',
};

/** Someone of the programme team without a role yet: a programme admin can give them one. */
export const DEMO_NEW_COLLEAGUE: DemoPerson = {
  userId: '9e5b3c74-af60-4dbc-83b2-2f708e9dac03',
  name: 'Nadia Rahman',
  email: 'nadia.rahman@demo.nhs.example',
  description: 'OD practitioner, no role until a programme admin gives her one',
};

/** Everyone who can "sign in as" in dev mode: the programme team first, then the pairs. */
export const DEMO_PEOPLE: DemoPerson[] = [
  DEMO_COORDINATOR,
  DEMO_SPONSOR,
  DEMO_NEW_COLLEAGUE,
  ...DEMO_PARTICIPANTS,
];

/** The dev user: you in the Agents Playground, and the mentor whose pair the demo shows most of. */
export const DEMO_DEV_USER: DemoPerson = AMARA;

/** The plain demo: six people in three pairs, all just matched, the cohort starting this month. */
export function demoCohortInput(today: Date): NewCohort {
  const start = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 1));
  const end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 6, 0));
  return {
    name: DEMO_COHORT_NAME,
    startDate: start.toISOString().slice(0, 10),
    endDate: end.toISOString().slice(0, 10),
    cadence: { ...DEFAULT_CADENCE },
  };
}

export const DEMO_COHORT_NAME = 'Demo cohort: reverse mentoring (sample data)';

/** The mentor and mentee emails of each staged pair, by stage. */
export function demoPairsByStage(): Record<DemoStage, { mentor: DemoPerson; mentee: DemoPerson }> {
  const byEmail = new Map(ROWS.map((r) => [r.person.email, r.person]));
  const pairs = ROWS.filter((r) => r.stage && r.partnerEmail).map((r) => [
    r.stage!,
    { mentor: r.person, mentee: byEmail.get(r.partnerEmail!)! },
  ]);
  return Object.fromEntries(pairs) as Record<DemoStage, { mentor: DemoPerson; mentee: DemoPerson }>;
}

/**
 * The demo roster in the documented CSV import format: the plain demo's three pairs, or (with
 * `stages`) only the pairs at those stages, as the staged demo imports them wave by wave.
 */
export function demoRosterCsv(stages?: readonly DemoStage[]): string {
  const header =
    'email,display_name,role,organisation,job_title,entra_object_id,partner_email,arrangement';
  const mentorOf = new Map(
    ROWS.filter((r) => r.partnerEmail).map((r) => [r.partnerEmail!, r] as const),
  );
  const stageOf = (r: DemoRow) => r.stage ?? mentorOf.get(r.person.email)?.stage;
  const rows = stages
    ? ROWS.filter((r) => stages.includes(stageOf(r)!))
    : ROWS.filter((r) => !r.stagedOnly);
  const lines = rows.map((r) =>
    [
      r.person.email,
      r.person.name,
      r.role,
      r.organisation,
      r.jobTitle,
      r.person.userId,
      r.partnerEmail ?? '',
      r.arrangement ?? '',
    ]
      .map((v) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v))
      .join(','),
  );
  return [header, ...lines].join('\n');
}
