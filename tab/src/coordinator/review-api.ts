import type { ApiClient } from '../app/api-client';
import {
  type ApplicationReviewItem,
  type ApplicationReviewList,
  type AttendanceAnswer,
  type AttendanceInput,
  type BulkAttendanceAnswer,
  type BulkAttendanceInput,
  type BulkDecisionAnswer,
  type BulkDecisionInput,
  type DecisionInput,
  type ManagerAnswerInput,
  type ReviewQuery,
  attendanceSchema,
  bulkAttendanceSchema,
  bulkDecisionSchema,
  decisionSchema,
  managerAnswerSchema,
} from '../../../bot/src/contracts/application-review';
import type { ManagerSupportStatus } from '../../../bot/src/contracts/applications';
import type { FormErrors } from '../shared/use-form-submit';

/**
 * The programme team's calls for reviewing a cohort's applications. Every body is checked with
 * the contract's own zod schema before it is sent, so a problem shows next to its field at once;
 * the service checks the same schema again.
 */

export type {
  ApplicationReviewItem,
  ApplicationReviewList,
  BulkAttendanceAnswer,
  BulkDecisionAnswer,
};

const applicationsPath = (cohortId: string) =>
  `/api/cohorts/${encodeURIComponent(cohortId)}/applications`;
const onePath = (cohortId: string, applicationId: string) =>
  `${applicationsPath(cohortId)}/${encodeURIComponent(applicationId)}`;

/** The list, filtered, searched and sorted by the service; empty parts are left out. */
export function getApplications(
  client: ApiClient,
  cohortId: string,
  query: ReviewQuery = {},
): Promise<ApplicationReviewList> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (typeof value === 'string' && value.trim() !== '') params.set(key, value.trim());
  }
  const search = params.toString();
  return client.request<ApplicationReviewList>(
    `${applicationsPath(cohortId)}${search ? `?${search}` : ''}`,
  );
}

/** What a check before sending found: each field's problem, or the body to send. */
export interface Checked<T> {
  errors: FormErrors<string>;
  input?: T;
}

function check<T>(
  result: { success: true; data: T } | { success: false; error: { issues: Issue[] } },
): Checked<T> {
  if (result.success) return { errors: {}, input: result.data };
  const errors: FormErrors<string> = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? 'form');
    errors[field] ??= sentence(issue.message);
  }
  return { errors };
}

interface Issue {
  path: PropertyKey[];
  message: string;
}

/** 'is required to decline' → 'This is required to decline.' (as the API's field words read). */
export function sentence(message: string): string {
  const text = message.trim();
  return /^(is|must)\b/.test(text) ? `This ${text}.` : text;
}

export const checkDecision = (body: unknown): Checked<DecisionInput> =>
  check(decisionSchema.safeParse(body));

export const checkBulkDecision = (body: unknown): Checked<BulkDecisionInput> =>
  check(bulkDecisionSchema.safeParse(body));

export const checkBulkAttendance = (body: unknown): Checked<BulkAttendanceInput> =>
  check(bulkAttendanceSchema.safeParse(body));

export const checkManagerAnswer = (body: unknown): Checked<ManagerAnswerInput> =>
  check(managerAnswerSchema.safeParse(body));

/** One decision; 412 (ApiRequestError) when the application changed since `input.etag`. */
export function decide(
  client: ApiClient,
  cohortId: string,
  applicationId: string,
  input: DecisionInput,
): Promise<{ applicationId: string; status: string; etag: string }> {
  return client.request(`${onePath(cohortId, applicationId)}/decision`, {
    method: 'POST',
    body: input,
  });
}

/** Many decisions, each with its own result (a conflict is listed, never dropped). */
export function decideMany(
  client: ApiClient,
  cohortId: string,
  input: BulkDecisionInput,
): Promise<BulkDecisionAnswer> {
  return client.request<BulkDecisionAnswer>(`${applicationsPath(cohortId)}/decisions`, {
    method: 'POST',
    body: input,
  });
}

/**
 * Records attendance at one induction or mentor-training event, against the version the list
 * showed (`etag`, null when none); 412 (ApiRequestError) when someone recorded it since.
 */
export function recordAttendance(
  client: ApiClient,
  cohortId: string,
  applicationId: string,
  input: AttendanceInput,
): Promise<AttendanceAnswer> {
  const body = attendanceSchema.parse(input);
  return client.request<AttendanceAnswer>(`${onePath(cohortId, applicationId)}/attendance`, {
    method: 'PUT',
    body,
  });
}

/**
 * Attendance at one event for many applicants, each sent with the version of their attendance
 * the list showed (null when none): each has its own result, a conflict listed, never dropped.
 */
export function recordAttendanceMany(
  client: ApiClient,
  cohortId: string,
  input: BulkAttendanceInput,
): Promise<BulkAttendanceAnswer> {
  return client.request<BulkAttendanceAnswer>(`${applicationsPath(cohortId)}/attendance`, {
    method: 'POST',
    body: input,
  });
}

/** The version of an applicant's attendance at an event as listed, or null when none. */
export function attendanceEtag(item: ApplicationReviewItem, eventId: string): string | null {
  return item.attendance.find((a) => a.eventId === eventId)?.etag ?? null;
}

/** The version of the applicant's attendance at each event as listed (null when none). */
export function attendanceEtags(
  item: ApplicationReviewItem,
  events: readonly { eventId: string }[],
): Map<string, string | null> {
  return new Map(events.map((e) => [e.eventId, attendanceEtag(item, e.eventId)]));
}

/** Asks the line manager again; `delivered: false` means they are asked once they open the app. */
export function askManager(
  client: ApiClient,
  cohortId: string,
  applicationId: string,
): Promise<{ applicationId: string; managerSupport: ManagerSupportStatus; delivered: boolean }> {
  return client.request(`${onePath(cohortId, applicationId)}/ask-manager`, { method: 'POST' });
}

/** Records the answer of a manager Teams cannot reach; 409 once the manager answered. */
export function recordManagerAnswer(
  client: ApiClient,
  cohortId: string,
  applicationId: string,
  input: ManagerAnswerInput,
): Promise<{ applicationId: string; managerSupport: ManagerSupportStatus }> {
  return client.request(`${onePath(cohortId, applicationId)}/manager-answer`, {
    method: 'POST',
    body: input,
  });
}
