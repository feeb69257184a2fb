import type { RunningService } from '../../bot/src/app/service';
import type { EmbeddedStorage } from '../../bot/src/platform/storage/embedded-azurite';
import { call, devToken, startTestService, startTestStorage } from '../support/test-service';

/**
 * A roster in another encoding (issue 13, item 9): the service reads a `text/csv` body's bytes in
 * the encoding they were saved in, says when it was not UTF-8, refuses what is no text with how to
 * save the file as UTF-8, and never stores U+FFFD.
 */

const COORDINATOR = {
  userId: '7c3f1a52-8d4e-4b9a-a1f0-0d5e6c7b8a01',
  name: 'Priya Shah',
  email: 'priya@trust.nhs.uk',
};

const HEADER = 'email,display_name,role,organisation,partner_email';
const NAMES = [
  HEADER,
  'jose@trust.nhs.uk,José Müller,mentor,Café Ångström – €uro ward,zoe@trust.nhs.uk',
  'zoe@trust.nhs.uk,Zoë O’Brien,mentee,,',
  '',
].join('\r\n');

/** `text` in Windows-1252 bytes (Latin-1, with the few 0x80–0x9F characters used here). */
function cp1252(text: string): Uint8Array<ArrayBuffer> {
  const high: Record<string, number> = { '€': 0x80, '’': 0x92, '–': 0x96 };
  return Uint8Array.from(Array.from(text), (c) => high[c] ?? c.charCodeAt(0));
}

interface Refusal {
  error: { code: string; message: string; details: { problems: object[] } };
}

let storage: EmbeddedStorage;
let service: RunningService;
let token: string;

beforeAll(async () => {
  storage = await startTestStorage();
  service = await startTestService(storage.connectionString, {
    COORDINATOR_IDS: COORDINATOR.userId,
  });
  token = await devToken(service.url, COORDINATOR);
});

afterAll(async () => {
  await service?.stop();
  await storage?.stop();
});

async function newCohort(name: string): Promise<string> {
  const created = await call<{ id: string }>(service.url, 'POST', '/api/cohorts', {
    token,
    json: { name, startDate: '2027-03-01', endDate: '2027-08-31' },
  });
  expect(created.status).toBe(201);
  return created.body.id;
}

const postRoster = <T>(
  cohortId: string,
  body: string | Uint8Array<ArrayBuffer>,
  contentType = 'text/csv',
) => call<T>(service.url, 'POST', `/api/cohorts/${cohortId}/roster`, { token, body, contentType });

async function participants(cohortId: string) {
  const list = await call<{ participants: { displayName: string; organisation: string }[] }>(
    service.url,
    'GET',
    `/api/cohorts/${cohortId}/participants`,
    { token },
  );
  return list.body.participants;
}

describe('roster encodings', () => {
  it('imports a Windows-1252 body with its names intact and says how it was read', async () => {
    const cohortId = await newCohort('Latin-1 cohort');
    const answer = await postRoster(cohortId, cp1252(NAMES));
    expect(answer).toMatchObject({
      status: 201,
      body: {
        imported: { participants: 2, pairs: 1 },
        readAs: {
          encoding: 'windows-1252',
          note: 'Read as Windows-1252 (Western European); check the names look right.',
        },
      },
    });
    const people = await participants(cohortId);
    expect(people.map((p) => p.displayName).sort()).toEqual(['José Müller', 'Zoë O’Brien']);
    expect(people.map((p) => p.organisation)).toContain('Café Ångström – €uro ward');
    expect(JSON.stringify(people)).not.toContain('\uFFFD');
  });

  it('reads UTF-8 (no note) and UTF-16 with a byte-order mark the same way', async () => {
    const utf8 = await postRoster(await newCohort('UTF-8 cohort'), NAMES);
    expect(utf8.body).toMatchObject({ readAs: { encoding: 'utf-8', note: null } });
    const units = Array.from(NAMES, (c) => c.charCodeAt(0));
    const utf16 = Uint8Array.from([0xff, 0xfe, ...units.flatMap((u) => [u & 0xff, u >> 8])]);
    const cohortId = await newCohort('UTF-16 cohort');
    const answer = await postRoster(cohortId, utf16, 'text/plain');
    expect(answer).toMatchObject({ status: 201, body: { readAs: { encoding: 'utf-16le' } } });
    expect((await participants(cohortId)).map((p) => p.displayName)).toContain('José Müller');
  });

  it('refuses a roster holding U+FFFD, naming row and column, and stores nothing', async () => {
    const cohortId = await newCohort('Broken text cohort');
    const damaged = NAMES.replace('José Müller', 'Jos\uFFFD M\uFFFDller');
    const answer = await postRoster<Refusal>(cohortId, damaged);
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('invalid_roster');
    expect(answer.body.error.message).toContain('line 2, column display_name');
    expect(answer.body.error.details.problems).toEqual([
      {
        line: 2,
        column: 'display_name',
        message: expect.stringContaining('display_name contains "\uFFFD" (U+FFFD)'),
      },
    ]);
    expect(await participants(cohortId)).toEqual([]);
  });

  it('refuses an .xlsx or binary body with how to save as CSV UTF-8, and stores nothing', async () => {
    const cohortId = await newCohort('Workbook cohort');
    const xlsx = Uint8Array.from([
      0x50,
      0x4b,
      0x03,
      0x04,
      0x14,
      0x00,
      0x06,
      0x00,
      ...cp1252(NAMES),
    ]);
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
    for (const body of [xlsx, png]) {
      const answer = await postRoster<Refusal>(cohortId, body);
      expect(answer.status).toBe(400);
      expect(answer.body.error.code).toBe('invalid_roster');
      expect(answer.body.error.message).toContain('"CSV UTF-8 (Comma delimited)"');
    }
    expect(await participants(cohortId)).toEqual([]);
  });
});
