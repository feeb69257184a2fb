import type { Answer } from '../../bot/src/contracts/evaluation';
import type { MySurveys } from '../../bot/src/contracts/evaluation-api';
import type { TeamsUser } from './activities';
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
