import type { Answer } from '../../bot/src/contracts/evaluation';
import type { MySurveys } from '../../bot/src/contracts/evaluation-api';
import type { TeamsUser } from './activities';
import type { BotHarness } from './bot-harness';
import { call, devToken } from './test-service';

/**
 * Cohorts with evaluation answers on the real service, for the tests of the results and the
 * sponsor's report: a cohort made by the programme admin with a roster of pairs, and surveys
 * answered through the same route the tab uses.
 */

export const personOf = (prefix: string, n: number, name: string): TeamsUser => ({
  aadObjectId: `${prefix}-0000-4000-8000-${String(n).padStart(12, '0')}`,
  name,
});

const emailOf = (u: TeamsUser) => `${u.name.replace(/ /g, '.').toLowerCase()}@trust.nhs.uk`;

/** A cohort (1 March to 31 August 2027) with `pairs` on its roster; returns its id. */
export async function makeEvaluationCohort(
  url: string,
  adminToken: string,
  name: string,
  pairs: TeamsUser[][],
): Promise<string> {
  const made = await call<{ id: string }>(url, 'POST', '/api/cohorts', {
    token: adminToken,
    json: { name, startDate: '2027-03-01', endDate: '2027-08-31' },
  });
  if (made.status !== 201) throw new Error(`cohort not made: ${JSON.stringify(made.body)}`);
  const row = (u: TeamsUser, role: string, partner?: TeamsUser) =>
    `${emailOf(u)},${u.name},${role},${u.aadObjectId},${partner ? emailOf(partner) : ''}`;
  const imported = await call(url, 'POST', `/api/cohorts/${made.body.id}/roster`, {
    token: adminToken,
    contentType: 'text/csv',
    body: [
      'email,display_name,role,entra_object_id,partner_email',
      ...pairs.flatMap(([mentor, mentee]) => [
        row(mentor!, 'mentor', mentee),
        row(mentee!, 'mentee'),
      ]),
    ].join('\n'),
  });
  if (imported.status !== 201) throw new Error(`roster: ${JSON.stringify(imported.body)}`);
  return made.body.id;
}

/** Sends `survey` for `who`: every scale item at `value` (`feedback` items at `feedback`). */
export async function answerSurvey(
  url: string,
  who: TeamsUser,
  cohortId: string,
  survey: string,
  value: number,
  feedback: number,
  freeText: string,
): Promise<void> {
  const token = await devToken(url, { userId: who.aadObjectId, name: who.name });
  const mine = await call<MySurveys>(url, 'GET', '/api/me/surveys', { token });
  const open = mine.body.surveys.find((s) => s.cohortId === cohortId && s.survey === survey);
  if (!open) throw new Error(`${who.name} has no open ${survey} survey`);
  const answers: Answer[] = open.items.map((item) =>
    item.kind === 'scale'
      ? { itemId: item.id, kind: 'scale', value: item.domain === 'feedback' ? feedback : value }
      : { itemId: item.id, kind: 'text', text: freeText, mayQuote: true },
  );
  const sent = await call(url, 'PUT', `/api/me/surveys/${cohortId}/${survey}`, {
    token,
    json: { planVersion: open.planVersion, state: 'submitted', answers },
  });
  if (sent.status !== 200) throw new Error(`answer refused: ${JSON.stringify(sent.body)}`);
}

/** A file route's answer as bytes, with its headers (the JSON `call` cannot read a PDF). */
export async function download(
  url: string,
  path: string,
  token: string,
): Promise<{ status: number; bytes: Uint8Array; text: string; headers: Headers }> {
  const response = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const bytes = new Uint8Array(await response.arrayBuffer());
  return {
    status: response.status,
    bytes,
    text: Buffer.from(bytes).toString('utf8'),
    headers: response.headers,
  };
}

/** The mentors' `feedback` item: baseline → final; own changes 1,2,0,2,1,3 (median 1.5). */
export const FEEDBACK_BEFORE = [2, 2, 3, 3, 1, 2];
export const FEEDBACK_AFTER = [3, 4, 3, 5, 2, 5];

/** Two answered cohorts, their sponsors, a coordinator and the tokens to read as each. */
export interface SeededEvaluation {
  /** Six pairs, and two pairs (four people): names unique to the calling test file. */
  big: TeamsUser[][];
  small: TeamsUser[][];
  cohorts: Record<'big' | 'small', string>;
  /** By name: the sponsors, the coordinator, `admin` and `participant` (a mentor of "big"). */
  tokens: Record<string, string>;
  sponsorBig: { userId: string; name: string };
  sponsorSmall: { userId: string; name: string };
  coordBig: { userId: string; name: string };
}

/**
 * A cohort of six pairs and one of two pairs (1 March to 31 August 2027), a sponsor for each and
 * a coordinator of the big one, everybody's baseline (2 March) and final (1 September) sent
 * with `freeText` allowed to be quoted: mentors' `feedback` as FEEDBACK_BEFORE/AFTER, their other
 * items 3 → 4, mentees' 2 → 3; the small cohort 2 → 4. `prefix` is 8 hex digits, unique per file.
 */
export async function seedEvaluationCohorts(
  harness: BotHarness,
  admin: { userId: string; name: string },
  options: { prefix: string; label: string; freeText: string },
): Promise<SeededEvaluation> {
  const { prefix, label, freeText } = options;
  const url = harness.service.url;
  const { drive } = harness;
  const person = (n: number, name: string) => personOf(prefix, n, name);
  const big = Array.from({ length: 6 }, (_, i) => [
    person(i * 2 + 1, `Mentor ${label}Big${i}`),
    person(i * 2 + 2, `Mentee ${label}Big${i}`),
  ]);
  const small = Array.from({ length: 2 }, (_, i) => [
    person(100 + i * 2, `Mentor ${label}Small${i}`),
    person(101 + i * 2, `Mentee ${label}Small${i}`),
  ]);
  const staff = (n: string, name: string) => ({ userId: `${prefix}-0000-4000-8000-${n}`, name });
  const sponsorBig = staff('0000000005b1', 'Sal Big');
  const sponsorSmall = staff('0000000005b2', 'Sam Small');
  const coordBig = staff('0000000000c1', 'Cleo Big');
  await drive.setClock('2027-02-22T09:00:00Z');
  for (const u of [...big, ...small].flat()) await drive.install(u);
  const tokens: Record<string, string> = { admin: await devToken(url, admin) };
  const cohorts = {
    big: await makeEvaluationCohort(url, tokens.admin!, `${label} big`, big),
    small: await makeEvaluationCohort(url, tokens.admin!, `${label} small`, small),
  };
  for (const [who, cohort, role] of [
    [sponsorBig, 'big', 'sponsor'],
    [sponsorSmall, 'small', 'sponsor'],
    [coordBig, 'big', 'coordinator'],
  ] as const) {
    const granted = await call(url, 'POST', '/api/roles', {
      token: tokens.admin,
      json: { role, cohortId: cohorts[cohort], userId: who.userId, name: who.name },
    });
    if (granted.status !== 201) throw new Error(`role refused: ${JSON.stringify(granted.body)}`);
    tokens[who.name] = await devToken(url, who);
  }
  const firstMentor = big[0]![0]!;
  tokens.participant = await devToken(url, {
    userId: firstMentor.aadObjectId,
    name: firstMentor.name,
  });
  await drive.at('2027-02-22T11:00:00Z'); // the introductions go: the pairs have started
  await drive.setClock('2027-03-02T10:00:00Z'); // the baseline is open
  const answer = (who: TeamsUser, cohort: string, survey: string, value: number, fb: number) =>
    answerSurvey(url, who, cohort, survey, value, fb, freeText);
  for (const [i, [mentor, mentee]] of big.entries()) {
    await answer(mentor!, cohorts.big, 'baseline', 3, FEEDBACK_BEFORE[i]!);
    await answer(mentee!, cohorts.big, 'baseline', 2, 2);
  }
  for (const u of small.flat()) await answer(u, cohorts.small, 'baseline', 2, 2);
  await drive.setClock('2027-09-01T10:00:00Z'); // the final is open
  for (const [i, [mentor, mentee]] of big.entries()) {
    await answer(mentor!, cohorts.big, 'final', 4, FEEDBACK_AFTER[i]!);
    await answer(mentee!, cohorts.big, 'final', 3, 3);
  }
  for (const u of small.flat()) await answer(u, cohorts.small, 'final', 4, 4);
  return { big, small, cohorts, tokens, sponsorBig, sponsorSmall, coordBig };
}
