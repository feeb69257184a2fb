/**
 * The audit trail on the wire: every action of the programme team on people, pairs, roles and
 * cohorts — who, what, when, and each changed field before → after. Never the content of a
 * pair's conversation: no goals, actions, preparation or reflections are ever recorded.
 */

export const AUDIT_ACTIONS = [
  'cohort.created',
  'cohort.updated',
  'cohort.closed',
  'cohort.archived',
  'cohort.channel_linked',
  'cohort.application_settings_updated',
  'roster.imported',
  'participant.added',
  'participant.updated',
  'participant.removed',
  'participant.moved',
  'participant.unlinked',
  'participant.app_installed',
  'pair.created',
  'pair.paused',
  'pair.resumed',
  'pair.ended',
  'role.granted',
  'role.removed',
  'matching.settings_saved',
  'matching.run',
  'matching.edited',
  'matching.published',
  'application.decided',
  'application.attendance_recorded',
  'application.manager_asked',
  'application.manager_answer_recorded',
  'evaluation.plan_saved',
  'insight.drafted',
  'insight.author_edited',
  'insight.author_agreed',
  'insight.author_asked_change',
  'insight.edited',
  'insight.published',
  'insight.returned',
  'calendar.attendance_recorded',
  'personal_data.viewed',
  'programme.privacy_settings_updated',
  'retention.run',
  'insight.author_withdrew',
  'data.exported',
  'data.erasure_requested',
  'data.erasure_confirmed',
  'data.erasure_declined',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_ACTION_WORDS: Record<AuditAction, string> = {
  'cohort.created': 'Created cohort',
  'cohort.updated': 'Edited cohort',
  'cohort.closed': 'Closed cohort',
  'cohort.archived': 'Archived cohort',
  'cohort.channel_linked': 'Linked the programme channel',
  'cohort.application_settings_updated': 'Changed the application settings',
  'roster.imported': 'Imported a roster',
  'participant.added': 'Added participant',
  'participant.updated': 'Edited participant',
  'participant.removed': 'Removed participant',
  'participant.moved': 'Moved participant to another cohort',
  'participant.unlinked': 'Undid a sign-in link',
  'participant.app_installed': 'Installed the app for a participant',
  'pair.created': 'Made a pair',
  'pair.paused': 'Paused a pair',
  'pair.resumed': 'Resumed a pair',
  'pair.ended': 'Ended a pair',
  'role.granted': 'Granted a role',
  'role.removed': 'Removed a role',
  'matching.settings_saved': 'Saved the matching settings',
  'matching.run': 'Ran matching',
  'matching.edited': 'Edited a matching proposal',
  'matching.published': 'Published matched pairs',
  'application.decided': 'Decided on an application',
  'application.attendance_recorded': 'Recorded training attendance',
  'application.manager_asked': 'Asked a line manager for release time',
  'application.manager_answer_recorded': 'Recorded a line manager’s answer',
  'evaluation.plan_saved': 'Saved the evaluation plan',
  'insight.drafted': 'Wrote an insight or testimonial',
  'insight.author_edited': 'An author edited an insight',
  'insight.author_agreed': 'An author agreed to an insight’s text',
  'insight.author_asked_change': 'An author asked for a change to an insight',
  'insight.edited': 'Edited an insight for anonymity',
  'insight.published': 'Published an insight to the board',
  'insight.returned': 'Returned an insight to its authors',
  'calendar.attendance_recorded': 'Recorded attendance at a programme session',
  'personal_data.viewed': 'Viewed a person’s application',
  'programme.privacy_settings_updated': 'Changed the programme’s privacy contact',
  'retention.run': 'Deleted data whose retention period had passed (counts only)',
  'insight.author_withdrew': 'An author withdrew an insight (deleted)',
  'data.exported': 'Exported their own data',
  'data.erasure_requested': 'Asked to erase their data',
  'data.erasure_confirmed': 'Confirmed a request to erase a person’s data (erased)',
  'data.erasure_declined': 'Declined a request to erase a person’s data',
};

export const AUDIT_TARGETS = [
  'cohort',
  'participant',
  'pair',
  'role',
  'matching-run',
  'application',
  'insight',
  'programme',
  'retention',
] as const;
export type AuditTargetKind = (typeof AUDIT_TARGETS)[number];

/** One field an action changed; values are shown as text, null when absent. */
export interface AuditChange {
  field: string;
  before: string | null;
  after: string | null;
}

/** One entry of `GET /api/audit` (newest first; also served as CSV). */
export interface AuditEntry {
  id: string;
  /** ISO date-time (UTC). */
  at: string;
  action: AuditAction;
  actionText: string;
  /** Who did it: their Entra object id and name as their sign-in gave it. */
  actorId: string;
  actorName: string;
  target: AuditTargetKind;
  targetId: string;
  /** What the target is called (a cohort's or a person's name, "Ada / Ben" for a pair). */
  targetLabel: string;
  /** The cohort it happened in; null for programme-wide actions (a programme admin role). */
  cohortId: string | null;
  changes: AuditChange[];
  /** A reason the actor gave (pausing or ending a pair, removing someone), if any. */
  reason: string | null;
}

export interface AuditTrail {
  entries: AuditEntry[];
  /** Present when there are older entries: pass as `?before=` to read on. */
  next: string | null;
}

/** What a feature hands the audit trail: the entry without what the trail adds (id, words, time). */
export type AuditRecord = Omit<AuditEntry, 'id' | 'actionText' | 'at'>;

/** How features record to the audit trail (the audit feature implements it; app/ wires it). */
export interface AuditLog {
  record(entry: AuditRecord): Promise<void>;
}

/** The changed fields between two versions of a record, as text; unchanged fields are left out. */
export function changesBetween<T extends object>(
  before: T | undefined,
  after: T | undefined,
  fields: readonly (keyof T & string)[],
): AuditChange[] {
  const text = (v: unknown): string | null =>
    v === undefined || v === null || v === ''
      ? null
      : typeof v === 'object'
        ? JSON.stringify(v)
        : String(v);
  return fields
    .map((field) => ({
      field,
      before: text(before?.[field]),
      after: text(after?.[field]),
    }))
    .filter((c) => c.before !== c.after);
}
