import { type TeamsUser, installActivity, postActivity } from './activities';
import { type FakeConnector, type RecordedRequest, visibleText } from './fake-connector';
import { COORDINATOR } from './journey-fixture';
import type { ServiceProcess } from './service-process';
import { call } from './test-service';

/**
 * Helpers for tests that run several service processes on one storage account, as App Service
 * instances would: seeding through the real API, the dev clock on every process, and reading
 * what each person received from the fake Bot Connector.
 */

export const COORDINATOR_USER: TeamsUser = {
  aadObjectId: COORDINATOR.userId,
  name: COORDINATOR.name,
};

/** Person n of a group; `prefix` (8 hex digits) keeps groups apart. */
export function people(count: number, prefix: string, timeZone?: string): TeamsUser[] {
  return Array.from({ length: count }, (_, i) => ({
    aadObjectId: `${prefix}-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
    name: `${prefix.slice(0, 2).toUpperCase()} Person ${String(i + 1).padStart(3, '0')}`,
    timeZone,
  }));
}

/** Everyone installs the app, spread over the processes, a few at a time. */
export async function installAll(
  processes: ServiceProcess[],
  connector: FakeConnector,
  users: TeamsUser[],
): Promise<void> {
  for (let i = 0; i < users.length; i += 16) {
    const statuses = await Promise.all(
      users
        .slice(i, i + 16)
        .map((u, k) =>
          postActivity(
            processes[(i + k) % processes.length]!.url,
            installActivity(connector.serviceUrl, u),
          ),
        ),
    );
    for (const status of statuses) if (status !== 200) throw new Error(`install: ${status}`);
  }
}

/** A cohort whose people are paired in order (mentor, mentee, mentor, …); returns its id. */
export async function cohortOfPairs(
  url: string,
  token: string,
  name: string,
  users: TeamsUser[],
): Promise<string> {
  const cohort = await call<{ id: string }>(url, 'POST', '/api/cohorts', {
    token,
    json: { name, startDate: '2027-03-01', endDate: '2027-08-31' },
  });
  if (cohort.status !== 201) throw new Error(`cohort: ${JSON.stringify(cohort.body)}`);
  const email = (u: TeamsUser) =>
    `${u.aadObjectId.slice(0, 8)}.${u.aadObjectId.slice(-4)}@t.nhs.uk`;
  const rows = ['email,display_name,role,entra_object_id,partner_email'];
  users.forEach((u, i) => {
    const mentor = i % 2 === 0;
    const partner = users[i + 1];
    rows.push(
      `${email(u)},${u.name},${mentor ? 'mentor' : 'mentee'},${u.aadObjectId},${mentor && partner ? email(partner) : ''}`,
    );
  });
  const imported = await call(url, 'POST', `/api/cohorts/${cohort.body.id}/roster`, {
    token,
    body: rows.join('\n'),
    contentType: 'text/csv',
  });
  if (imported.status !== 201) throw new Error(`roster: ${JSON.stringify(imported.body)}`);
  return cohort.body.id;
}

/** Every process's clock reads `iso` (each process has its own dev clock). */
export async function setClock(processes: ServiceProcess[], iso: string): Promise<void> {
  const answers = await Promise.all(
    processes.map((p) => call(p.url, 'POST', '/api/dev/clock', { json: { now: iso } })),
  );
  for (const a of answers) if (a.status !== 200) throw new Error(`clock: ${a.status}`);
}

export async function waitUntil(
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string | (() => string),
  everyMs = 100,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > until) {
      const said = typeof what === 'string' ? what : what();
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${said}`);
    }
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** How many messages whose visible text matches reached each person. */
export function deliveries(
  connector: FakeConnector,
  users: TeamsUser[],
  pattern: RegExp,
): Map<string, number> {
  const counts = new Map<string, number>(users.map((u) => [u.aadObjectId, 0]));
  for (const u of users) {
    for (const r of connector.deliveredTo(u.aadObjectId)) {
      if (pattern.test(visibleText(r.activity))) {
        counts.set(u.aadObjectId, (counts.get(u.aadObjectId) ?? 0) + 1);
      }
    }
  }
  return counts;
}

/** Everyone's count summed up: how many got it once, twice or more, or never. */
export function tally(counts: Map<string, number>): {
  once: number;
  duplicates: number;
  missing: number;
} {
  let once = 0;
  let duplicates = 0;
  let missing = 0;
  for (const n of counts.values()) {
    if (n === 1) once++;
    else if (n === 0) missing++;
    else duplicates += n - 1;
  }
  return { once, duplicates, missing };
}

/** Message writes the fake had taken but not yet answered at `at` (ms since epoch). */
export function inFlightAt(connector: FakeConnector, at: number): RecordedRequest[] {
  return connector.requests.filter(
    (r) =>
      (r.operation === 'send' || r.operation === 'reply' || r.operation === 'create') &&
      r.at <= at &&
      (r.respondedAt === undefined || r.respondedAt >= at),
  );
}

/** The person a message write was for (by its 1:1 conversation). */
export function recipientOf(request: RecordedRequest, users: TeamsUser[]): TeamsUser | undefined {
  return users.find((u) => request.conversationId === `a:personal-${u.aadObjectId}`);
}

/** The service's own process id (the one in its log lines and in its scheduler claims). */
export function servicePid(process: ServiceProcess): number {
  const line = process
    .output()
    .split('\n')
    .find((l) => l.includes('"service listening"'));
  const pid = line ? (JSON.parse(line) as { pid?: number }).pid : undefined;
  if (!pid) throw new Error('no pid in the service log');
  return pid;
}

/** The process's JSON log lines. */
export function logLines(process: ServiceProcess): Record<string, unknown>[] {
  return process
    .output()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => {
      try {
        return JSON.parse(l) as Record<string, unknown>;
      } catch {
        return {};
      }
    });
}

/** Warnings and errors it logged (level 40 and up), for failure messages. */
export function trouble(process: ServiceProcess): string[] {
  return process
    .output()
    .split('\n')
    .filter((l) => /"level":(40|50|60)/.test(l));
}

export interface DeliveryReport {
  announcement: { id: string; status: string; kind?: string };
  counts: Record<string, number>;
  recipients: { participantId: string; displayName: string; status: string; attempts: number }[];
}

export async function report(
  url: string,
  token: string,
  cohortId: string,
  id: string,
): Promise<DeliveryReport> {
  const answer = await call<DeliveryReport>(
    url,
    'GET',
    `/api/cohorts/${cohortId}/announcements/${id}`,
    { token },
  );
  if (answer.status !== 200) throw new Error(`report: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/** Waits until the send has ended: every recipient final and the announcement marked so. */
export async function finished(
  url: () => string,
  token: string,
  cohortId: string,
  id: string,
  timeoutMs: number,
): Promise<DeliveryReport> {
  let last: DeliveryReport | undefined;
  await waitUntil(
    async () => {
      last = await report(url(), token, cohortId, id);
      return (
        ['sent', 'cancelled'].includes(last.announcement.status) &&
        !last.recipients.some((r) => r.status === 'queued' || r.status === 'sending')
      );
    },
    timeoutMs,
    () => `announcement ${id} to finish (last: ${JSON.stringify(last?.counts)})`,
    500,
  );
  return last!;
}
