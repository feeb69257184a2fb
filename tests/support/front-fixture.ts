import type { TeamsUser } from './activities';
import type { TabAnswers } from './front-tab';
import { call, devToken } from './test-service';

/**
 * The people and answers of the whole-front browser test (tests/e2e/front-of-programme.test.ts):
 * twenty applicants (sixteen through the API as themselves, two in the tab, two in chat), a late
 * one, and a line manager who is on Teams. The Teams side is in front-teams.ts.
 */

export interface Person {
  userId: string;
  name: string;
  email: string;
}

export const teamsUser = (p: Person): TeamsUser => ({ aadObjectId: p.userId, name: p.name });

// Demo people (bot/src/features/dev/demo-cohort.ts): the coordinator, and two who are on the
// "sign in as" list but not on the plain demo roster, so they can apply in the tab.
export const PRIYA: Person = {
  userId: '7c3f1a52-8d4e-4b9a-a1f0-0d5e6c7b8a01',
  name: 'Priya Shah',
  email: 'priya.shah@demo.nhs.example',
};
export const GRACE: Person = {
  userId: '71c384e6-92a5-4fb1-b2c3-d4e5f6071808',
  name: 'Grace Adeyemi',
  email: 'grace.adeyemi@demo.nhs.example',
};
export const ROBERT: Person = {
  userId: '82d495f7-a3b6-40c2-83d4-e5f607182909',
  name: 'Robert Hughes',
  email: 'robert.hughes@demo.nhs.example',
};

const person = (n: number, name: string): Person => ({
  userId: `f1500000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  name,
  email: `${name.toLowerCase().replace(' ', '.')}@trust.nhs.uk`,
});

/** The line manager who has the app in Teams and answers on their card. */
export const LENA = person(90, 'Lena Manager');
/** Two who apply in chat through the bot's card form. */
export const CHLOE = person(81, 'Chloe Evans');
export const COLIN = person(82, 'Colin Grant');
/** Applies after the closing date. */
export const ZOE = person(99, 'Zoe Late');

export const OPENS = '2027-01-04T09:00';
export const CLOSES = '2027-01-29T17:00';
export const CLOSES_WORDS = 'Friday 29 January 2027 at 17:00';

export const P = {
  frontline: 'Frontline, patient-facing work',
  shifts: 'Working shifts, nights or on a rota',
  flexible: 'Working part-time or flexibly',
  carer: 'Caring responsibilities outside work',
  early: 'Early career or a new starter',
  community: 'Working in community or primary care',
  firstGen: 'First in the family to go to university',
} as const;

interface Over {
  role: 'mentor' | 'mentee';
  band: string;
  organisation: string;
  shared?: string[];
  wanted?: string[];
  manager?: { name: string; email: string };
}

export interface ApiApplicant extends Person {
  answers: Record<string, unknown>;
}

function apiApplicant(n: number, name: string, over: Over): ApiApplicant {
  const p = person(n, name);
  return {
    ...p,
    answers: {
      role: over.role,
      arrangement: 'reverse',
      band: over.band,
      organisation: over.organisation,
      directorate: over.role === 'mentor' ? 'Emergency medicine' : 'Executive office',
      lineManager: over.manager ?? {
        name: `Manager of ${name}`,
        email: `manager.${n}@trust.nhs.uk`,
      },
      perspectivesShared: over.shared ?? [],
      perspectivesWanted: over.wanted ?? [],
      meetingMode: 'online',
      availability: n % 2 ? ['tue-am', 'thu-pm'] : ['tue-am', 'wed-pm'],
      consent: true,
    },
  };
}

const LRI = 'Leicester Royal Infirmary';
const GGH = 'Glenfield Hospital';
const LPT = 'Leicestershire Partnership';
const ICB = 'LLR Integrated Care Board';
const RUT = 'Rutland Council';

/** Olu is Liam's line manager: the two are in one reporting line and are never paired. */
export const OLU = apiApplicant(11, 'Olu Bello', {
  role: 'mentee',
  band: 'Band 8c',
  organisation: LRI,
  wanted: [P.shifts],
});
export const LIAM = apiApplicant(1, 'Liam Ward', {
  role: 'mentor',
  band: 'Band 3',
  organisation: LRI,
  shared: [P.shifts, P.frontline],
  manager: { name: OLU.name, email: OLU.email },
});
/** Lena manages Ada, and answers Ada's card in Teams. */
export const ADA = apiApplicant(2, 'Ada Mensah', {
  role: 'mentor',
  band: 'Band 2',
  organisation: GGH,
  shared: [P.carer],
  manager: { name: LENA.name, email: LENA.email },
});
/** Declined, with a reason. */
export const FINN = apiApplicant(3, 'Finn Cole', {
  role: 'mentor',
  band: 'Band 5',
  organisation: LPT,
});
/** Dev's manager is not on Teams: the coordinator records the answer. */
export const DEV = apiApplicant(12, 'Dev Patel', {
  role: 'mentee',
  band: 'Band 9',
  organisation: ICB,
  wanted: [P.carer, P.frontline],
});

const mentor = (n: number, name: string, band: string, organisation: string, shared: string) =>
  apiApplicant(n, name, { role: 'mentor', band, organisation, shared: [shared] });
const mentee = (n: number, name: string, band: string, organisation: string, wanted: string[]) =>
  apiApplicant(n, name, { role: 'mentee', band, organisation, wanted });

/** Sixteen applicants through the API: ten mentors (Bands 2–5), six mentees (8a and above). */
export const API_APPLICANTS: ApiApplicant[] = [
  LIAM,
  ADA,
  FINN,
  mentor(4, 'Hal Ng', 'Band 4', RUT, P.flexible),
  mentor(5, 'Ines Silva', 'Band 3', LPT, P.early),
  mentor(6, 'Jon Reid', 'Band 5', ICB, P.community),
  mentor(7, 'Kemi Ade', 'Band 2', LRI, P.firstGen),
  mentor(8, 'Lou Park', 'Band 4', GGH, P.frontline),
  mentor(9, 'Mo Khan', 'Band 3', RUT, P.shifts),
  mentor(10, 'Nell Hart', 'Band 5', LPT, P.carer),
  OLU,
  DEV,
  mentee(13, 'Eve Lund', 'Band 8a', GGH, [P.early]),
  mentee(14, 'Gita Rao', 'Very senior manager', RUT, [P.community]),
  mentee(15, 'Pat Quinn', 'Band 8d', LPT, [P.firstGen, P.flexible]),
  mentee(16, 'Rhys Owen', 'Band 8b', ICB, [P.frontline]),
];

/** Zoe's answers, sent after the closing date. */
export const ZOE_ANSWERS = apiApplicant(99, ZOE.name, {
  role: 'mentor',
  band: 'Band 3',
  organisation: LRI,
}).answers;

/** Everyone who applies, by id, for reading names back. */
export const EVERYONE: Person[] = [...API_APPLICANTS, GRACE, ROBERT, CHLOE, COLIN];

/** Asks the service as a person, with a fresh development token (the clock moves). */
export async function as<T = Record<string, unknown>>(
  url: string,
  who: Person,
  method: string,
  path: string,
  json?: unknown,
) {
  const { userId, name, email } = who;
  return call<T>(url, method, path, { token: await devToken(url, { userId, name, email }), json });
}

/** Robert applies in the tab as a mentee. */
export const ROBERT_ANSWERS: TabAnswers = {
  role: 'mentee',
  band: 'Band 9',
  organisation: 'University Hospitals of Leicester',
  directorate: 'Finance',
  manager: { name: 'Chief Executive', email: 'chief.executive@nhs.net' },
  perspective: P.frontline,
};

/** Grace applies in the tab as a mentor who meets only in person, in Leeds. */
export const GRACE_ANSWERS: TabAnswers = {
  role: 'mentor',
  band: 'Band 4',
  organisation: 'Leeds Teaching Hospitals',
  directorate: 'Pharmacy',
  manager: { name: 'Head of Pharmacy', email: 'head.pharmacy@nhs.net' },
  perspective: P.early,
  inPersonAt: 'Leeds',
};
