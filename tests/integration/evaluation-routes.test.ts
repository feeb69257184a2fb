import type { AuditEntry } from '../../bot/src/contracts/audit';
import type {
  EvaluationPlanDetail,
  MyResponse,
  MySurveys,
} from '../../bot/src/contracts/evaluation-api';
import type { TeamsUser } from '../support/activities';
import { type BotHarness, startBotHarness } from '../support/bot-harness';
import { COORDINATOR } from '../support/journey-fixture';
import { download } from '../support/evaluation-cohorts';
import { call, devToken } from '../support/test-service';

/**
 * Evaluation on the real service and Azurite (issue 16, second slice): the cohort's plan (the
 * default until saved, If-Match, refused per field, locked once the cohort starts or anyone
 * answers, audited), each person's open surveys (their side's items only, their own saved
 * answers, the closing date), saving part way and sending (per-field problems, 412 on a
 * concurrent save, refused once sent or closed), and privacy: answers and free text planted by
 * one person reach nobody else, not their partner, a peer or a coordinator.
 */

const MENTOR: TeamsUser = {
  aadObjectId: 'e1600000-0000-4000-8000-000000000001',
  name: 'Mira Okafor',
};
const MENTEE: TeamsUser = {
  aadObjectId: 'e1600000-0000-4000-8000-000000000002',
  name: 'Hugh Lambert',
};
const PEER: TeamsUser = {
  aadObjectId: 'e1600000-0000-4000-8000-000000000003',
  name: 'Pia Sandoval',
};
const PEER_MENTEE: TeamsUser = {
  aadObjectId: 'e1600000-0000-4000-8000-000000000004',
  name: 'Quentin Ashdown',
};
const COORD = { userId: 'e1600000-0000-4000-8000-0000000000c1', name: 'Cleo Ward' };
const SPONSOR = { userId: 'e1600000-0000-4000-8000-0000000005b1', name: 'Sol Reyes' };

/** Planted by the mentor: no one else may ever see them. */
const SECRET_TEXT = 'PLANTED-7Q: I still do not trust the board with what I see on nights';
const SECRET_HOPE = 'PLANTED-8R hope: that my manager finally stops the rota games';

let harness: BotHarness;
let url: string;
let cohortId: string;
const tokens: Record<string, string> = {};

const api = <T = Record<string, unknown>>(
  who: string,
  method: string,
  path: string,
  options: { json?: unknown; ifMatch?: string } = {},
) =>
  call<T>(url, method, path, {
    token: tokens[who],
    json: options.json,
    headers: options.ifMatch ? { 'if-match': options.ifMatch } : {},
  });

const fields = (body: unknown) =>
  (
    (body as { error?: { details?: { fields?: { field: string }[] } } }).error?.details?.fields ??
    []
  )
    .map((f) => f.field)
    .sort();
const errorOf = (body: unknown) =>
  (body as { error: { code: string; message: string } }).error ?? { code: '', message: '' };

const planPath = () => `/api/cohorts/${cohortId}/evaluation/plan`;
const surveyPath = (survey = 'baseline') => `/api/me/surveys/${cohortId}/${survey}`;
const setClock = (iso: string) => harness.service.parts.clock.set(new Date(iso));
const emailOf = (u: TeamsUser) => `${u.name.split(' ')[0]!.toLowerCase()}@trust.nhs.uk`;

beforeAll(async () => {
  harness = await startBotHarness({ COORDINATOR_IDS: COORDINATOR.userId });
  url = harness.service.url;
  const { drive } = harness;
  await drive.setClock('2027-02-22T09:00:00Z');
  for (const person of [MENTOR, MENTEE, PEER, PEER_MENTEE]) await drive.install(person);
  tokens.admin = await devToken(url, COORDINATOR);
  const made = await api<{ id: string }>('admin', 'POST', '/api/cohorts', {
    json: { name: 'Evaluation cohort', startDate: '2027-03-01', endDate: '2027-08-31' },
  });
  expect(made.status).toBe(201);
  cohortId = made.body.id;
  const granted = await api('admin', 'POST', '/api/roles', {
    json: { role: 'coordinator', cohortId, userId: COORD.userId, name: COORD.name },
  });
  expect(granted.status).toBe(201);
  const sponsor = await api('admin', 'POST', '/api/roles', {
    json: { role: 'sponsor', cohortId, userId: SPONSOR.userId, name: SPONSOR.name },
  });
  expect(sponsor.status).toBe(201);
  const row = (u: TeamsUser, role: string, partner?: TeamsUser) =>
    `${emailOf(u)},${u.name},${role},${u.aadObjectId},${partner ? emailOf(partner) : ''}`;
  const imported = await call(url, 'POST', `/api/cohorts/${cohortId}/roster`, {
    token: tokens.admin,
    contentType: 'text/csv',
    body: [
      'email,display_name,role,entra_object_id,partner_email',
      row(MENTOR, 'mentor', MENTEE),
      row(MENTEE, 'mentee'),
      row(PEER, 'mentor', PEER_MENTEE),
      row(PEER_MENTEE, 'mentee'),
    ].join('\n'),
  });
  expect(imported.status).toBe(201);
  await drive.at('2027-02-22T11:00:00Z'); // the introductions go: the pairs have started
  const people = { MENTOR, MENTEE, PEER, PEER_MENTEE };
  for (const [who, u] of Object.entries(people)) {
    tokens[who] = await devToken(url, { userId: u.aadObjectId, name: u.name });
  }
  tokens.COORD = await devToken(url, COORD);
  tokens.SPONSOR = await devToken(url, SPONSOR);
}, 600_000);

afterAll(() => harness?.stop());

describe('the evaluation plan (those who run the cohort)', () => {
  let etag = '';

  it('shows the default until saved, editable before the cohort starts; participants are refused', async () => {
    const read = await api<EvaluationPlanDetail>('COORD', 'GET', planPath());
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ cohortId, saved: false, editable: true });
    expect(read.body.plan.version).toBe(1);
    expect(read.body.plan.surveys.baseline.items.length).toBeGreaterThan(10);
    expect(read.body.etag).toBeUndefined();
    expect((await api('MENTOR', 'GET', planPath())).status).toBe(403);
  });

  it('refuses a bad plan with the field named, and saves a good one first without If-Match', async () => {
    const plan = (await api<EvaluationPlanDetail>('COORD', 'GET', planPath())).body.plan;
    const badFinal = {
      ...plan,
      surveys: {
        ...plan.surveys,
        final: { ...plan.surveys.final, items: plan.surveys.final.items.slice(1) },
      },
    };
    const refused = await api('COORD', 'PUT', planPath(), { json: badFinal });
    expect(refused.status).toBe(400);
    expect(fields(refused.body)).toEqual(['surveys.final.items']);
    const tooShort = await api('COORD', 'PUT', planPath(), {
      json: {
        ...plan,
        surveys: { ...plan.surveys, pulse: { ...plan.surveys.pulse, openDays: 1 } },
      },
    });
    expect(fields(tooShort.body)).toEqual(['surveys.pulse.openDays']);

    const saved = await api<EvaluationPlanDetail>('COORD', 'PUT', planPath(), {
      json: { ...plan, minGroupSize: 6 },
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ saved: true, editable: true });
    expect(saved.body.plan.version).toBe(2);
    expect(saved.headers.get('etag')).toBe(saved.body.etag);
    etag = saved.body.etag!;
  });

  it('a later save needs If-Match, and a stale one is refused with nothing saved', async () => {
    const plan = (await api<EvaluationPlanDetail>('COORD', 'GET', planPath())).body.plan;
    expect((await api('COORD', 'PUT', planPath(), { json: plan })).status).toBe(428);
    const changed = await api<EvaluationPlanDetail>('COORD', 'PUT', planPath(), {
      json: { ...plan, minGroupSize: 5 },
      ifMatch: etag,
    });
    expect(changed.status).toBe(200);
    expect(changed.body.plan.version).toBe(3);
    const stale = await api('COORD', 'PUT', planPath(), {
      json: { ...plan, minGroupSize: 7 },
      ifMatch: etag,
    });
    expect(stale.status).toBe(412);
    const now = await api<EvaluationPlanDetail>('COORD', 'GET', planPath());
    expect(now.body.plan).toMatchObject({ version: 3, minGroupSize: 5 });
    etag = now.body.etag!;
    const audit = await api<{ entries: AuditEntry[] }>('admin', 'GET', '/api/audit');
    const saves = audit.body.entries.filter((e) => e.action === 'evaluation.plan_saved');
    expect(saves).toHaveLength(2);
    expect(saves[0]).toMatchObject({ actorName: COORD.name, cohortId });
  });

  it('no survey is open before the cohort starts', async () => {
    const mine = await api<MySurveys>('MENTOR', 'GET', '/api/me/surveys');
    expect(mine.status).toBe(200);
    expect(mine.body.surveys).toEqual([]);
    const early = await api('MENTOR', 'PUT', surveyPath(), {
      json: { planVersion: 3, state: 'partial', answers: [] },
    });
    expect(early.status).toBe(404);
    expect(errorOf(early.body).message).toBe('This survey is not open to you yet');
  });

  it('is locked from the cohort’s start (409 with the reason), then by the first answer', async () => {
    setClock('2027-03-01T09:00:00Z');
    const read = await api<EvaluationPlanDetail>('COORD', 'GET', planPath());
    expect(read.body).toMatchObject({ editable: false, lockedBy: 'cohort_started' });
    const refused = await api('COORD', 'PUT', planPath(), { json: read.body.plan, ifMatch: etag });
    expect(refused.status).toBe(409);
    expect(errorOf(refused.body)).toMatchObject({ code: 'plan_locked' });
    expect(errorOf(refused.body).message).toMatch(/cohort has started/);
  });
});

describe('my surveys (each person, their own answers only)', () => {
  let baselineEtag = '';

  it('lists the baseline open now, with only the items of my side and the closing date', async () => {
    const mine = await api<MySurveys>('MENTOR', 'GET', '/api/me/surveys');
    expect(mine.status).toBe(200);
    expect(mine.body.surveys).toHaveLength(1);
    const [survey] = mine.body.surveys;
    expect(survey).toMatchObject({
      cohortId,
      survey: 'baseline',
      role: 'mentor',
      planVersion: 3,
      response: null,
      closesOn: 'the end of Sunday 14 March 2027',
    });
    expect(survey!.items.every((i) => i.audience !== 'mentee')).toBe(true);
    expect(survey!.items.map((i) => i.id)).toContain('conf.feedback.mentor');
  });

  it('refuses bad answers with each field named', async () => {
    const refused = await api('MENTOR', 'PUT', surveyPath(), {
      json: {
        planVersion: 3,
        state: 'partial',
        answers: [
          { itemId: 'conf.feedback.mentee', kind: 'scale', value: 3 },
          { itemId: 'conf.speaking_up.mentor', kind: 'scale', value: 9 },
        ],
      },
    });
    expect(refused.status).toBe(400);
    expect(fields(refused.body)).toEqual(['answers.0.itemId', 'answers.1.value']);
    const shape = await api('MENTOR', 'PUT', surveyPath(), {
      json: { planVersion: 3, state: 'done', answers: [], extra: 1 },
    });
    expect(shape.status).toBe(400);
    expect(fields(shape.body)).toEqual(['(body)', 'state']);
    const stalePlan = await api('MENTOR', 'PUT', surveyPath(), {
      json: { planVersion: 2, state: 'partial', answers: [] },
    });
    expect(fields(stalePlan.body)).toEqual(['planVersion']);
    const unknown = await api('MENTOR', 'PUT', surveyPath('midway'), {
      json: { planVersion: 3, state: 'partial', answers: [] },
    });
    expect(unknown.status).toBe(404);
  });

  it('keeps partial answers; a second save from an older read is refused (412), nothing lost', async () => {
    const first = await api<MyResponse>('MENTOR', 'PUT', surveyPath(), {
      json: {
        planVersion: 3,
        state: 'partial',
        answers: [
          { itemId: 'conf.feedback.mentor', kind: 'scale', value: 2 },
          { itemId: 'hopes', kind: 'text', text: SECRET_HOPE, mayQuote: false },
        ],
      },
    });
    expect(first.status).toBe(200);
    expect(first.body.state).toBe('partial');
    // The tab saves on from what it read…
    const tab = await api<MyResponse>('MENTOR', 'PUT', surveyPath(), {
      json: {
        planVersion: 3,
        state: 'partial',
        etag: first.body.etag,
        answers: [
          { itemId: 'conf.feedback.mentor', kind: 'scale', value: 3 },
          { itemId: 'hopes', kind: 'text', text: SECRET_HOPE, mayQuote: false },
          { itemId: 'conf.speaking_up.mentor', kind: 'scale', value: 2 },
        ],
      },
    });
    expect(tab.status).toBe(200);
    // …while a chat card still holds the first version, or none at all: neither overwrites.
    const card = await api('MENTOR', 'PUT', surveyPath(), {
      json: { planVersion: 3, state: 'partial', etag: first.body.etag, answers: [] },
    });
    expect(card.status).toBe(412);
    const blind = await api('MENTOR', 'PUT', surveyPath(), {
      json: { planVersion: 3, state: 'partial', answers: [] },
    });
    expect(blind.status).toBe(412);
    const mine = await api<MySurveys>('MENTOR', 'GET', '/api/me/surveys');
    expect(mine.body.surveys[0]!.response).toMatchObject({ state: 'partial', etag: tab.body.etag });
    expect(mine.body.surveys[0]!.response!.answers).toHaveLength(3);
    baselineEtag = tab.body.etag;
    // Someone has answered: the plan's lock now says so.
    const plan = await api<EvaluationPlanDetail>('COORD', 'GET', planPath());
    expect(plan.body.lockedBy).toBe('answers_recorded');
  });

  it('sends once; a sent survey cannot be changed', async () => {
    const sent = await api<MyResponse>('MENTOR', 'PUT', surveyPath(), {
      json: {
        planVersion: 3,
        state: 'submitted',
        etag: baselineEtag,
        answers: [
          { itemId: 'conf.feedback.mentor', kind: 'scale', value: 3 },
          { itemId: 'hopes', kind: 'text', text: SECRET_HOPE, mayQuote: true },
        ],
      },
    });
    expect(sent.status).toBe(200);
    expect(sent.body.state).toBe('submitted');
    const again = await api('MENTOR', 'PUT', surveyPath(), {
      json: { planVersion: 3, state: 'submitted', etag: sent.body.etag, answers: [] },
    });
    expect(again.status).toBe(409);
    expect(errorOf(again.body).code).toBe('already_submitted');
  });

  it('refuses a late answer after closing, with the closing date in words', async () => {
    const partner = await api<MyResponse>('MENTEE', 'PUT', surveyPath(), {
      json: {
        planVersion: 3,
        state: 'partial',
        answers: [{ itemId: 'conf.feedback.mentee', kind: 'scale', value: 4 }],
      },
    });
    expect(partner.status).toBe(200);
    setClock('2027-03-15T00:00:00Z'); // midnight in London: the end of Sunday 14 March
    const late = await api('MENTEE', 'PUT', surveyPath(), {
      json: { planVersion: 3, state: 'submitted', etag: partner.body.etag, answers: [] },
    });
    expect(late.status).toBe(409);
    expect(errorOf(late.body)).toMatchObject({ code: 'survey_closed' });
    expect(errorOf(late.body).message).toMatch(/closed at the end of Sunday 14 March 2027/);
    expect((await api<MySurveys>('MENTEE', 'GET', '/api/me/surveys')).body.surveys).toEqual([]);
  });
});

describe('privacy: nobody sees another person’s answers', () => {
  it('planted answers and free text reach no partner, peer, coordinator or sponsor', async () => {
    // The mentor plants free text in the pulse too, so an open survey holds it now.
    setClock('2027-05-31T09:00:00Z');
    const pulse = await api('MENTOR', 'PUT', surveyPath('pulse'), {
      json: {
        planVersion: 3,
        state: 'partial',
        answers: [
          { itemId: 'rel.safe', kind: 'scale', value: 1 },
          { itemId: 'rel.help', kind: 'text', text: SECRET_TEXT },
        ],
      },
    });
    expect(pulse.status).toBe(200);
    const own = await api('MENTOR', 'GET', '/api/me/surveys');
    expect(JSON.stringify(own.body)).toContain(SECRET_TEXT); // the checks below would see it

    const pairs = await api<{ id: string; mentorId: string }[]>(
      'COORD',
      'GET',
      `/api/cohorts/${cohortId}/pairs`,
    );
    const everyGet = [
      '/api/me',
      '/api/me/surveys',
      planPath(),
      `/api/cohorts/${cohortId}/pairs`,
      `/api/cohorts/${cohortId}/participants`,
      `/api/cohorts/${cohortId}/health`,
      '/api/audit',
      // The evaluation's own: aggregates, quotes (only words allowed to be quoted), the reports,
      // and the insights board and queue (only words both authors agreed to).
      `/api/cohorts/${cohortId}/evaluation/results`,
      `/api/cohorts/${cohortId}/evaluation/quotes`,
      `/api/cohorts/${cohortId}/evaluation/report.csv`,
      `/api/cohorts/${cohortId}/insights`,
      `/api/cohorts/${cohortId}/insights/board`,
      '/api/me/insights',
      ...(Array.isArray(pairs.body) ? pairs.body.map((p) => `/api/pairs/${p.id}`) : []),
    ];
    for (const who of ['MENTEE', 'PEER', 'PEER_MENTEE', 'COORD', 'admin', 'SPONSOR']) {
      for (const path of everyGet) {
        // Read as text: the CSV report is not JSON, and a leak is a leak in any format.
        const seen = (await download(url, path, tokens[who]!)).text;
        for (const secret of [SECRET_TEXT, SECRET_HOPE, 'PLANTED-']) {
          expect({ who, path, leaked: seen.includes(secret) }).toEqual({
            who,
            path,
            leaked: false,
          });
        }
      }
    }
    // The partner's own pulse is theirs alone: empty, not the mentor's.
    const partner = await api<MySurveys>('MENTEE', 'GET', '/api/me/surveys');
    expect(partner.body.surveys.map((s) => [s.survey, s.response])).toEqual([['pulse', null]]);
    // Coordinators have no route to anyone's answers: they are not participants here.
    expect((await api<MySurveys>('COORD', 'GET', '/api/me/surveys')).body.surveys).toEqual([]);
    expect(
      (
        await api('COORD', 'PUT', surveyPath('pulse'), {
          json: { planVersion: 3, state: 'partial', answers: [] },
        })
      ).status,
    ).toBe(404);
  });
});
