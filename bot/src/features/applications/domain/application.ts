import {
  APPLICATION_STATUS_WORDS,
  type ApplicationDraft,
  type ApplicationForm,
  type ApplicationStatus,
  type ManagerSupportStatus,
  type MatchOutcome,
} from '../../../contracts/applications';

/**
 * One person's application to one cohort, as stored (the special-category answers are not here:
 * they live in their own table). The applicant is identified by their Entra object id.
 */
export interface Application {
  cohortId: string;
  /** The applicant's Entra object id (lower-case): the application's id in its cohort. */
  applicantId: string;
  name: string;
  email?: string;
  status: ApplicationStatus;
  /** The answers so far; complete and checked once submitted. */
  answers: ApplicationDraft;
  /** The consent wording agreed to, when submitted. */
  consentVersion?: string;
  createdAt: string;
  updatedAt: string;
  submittedAt?: string;
  withdrawnAt?: string;
  withdrawReason?: string;
  /** Set by the programme team's review (accept, waitlist, decline). */
  decisionReason?: string;
  decidedAt?: string;
  managerSupport: ManagerSupportStatus;
  /** What the latest published matching run did with an accepted applicant. */
  matchOutcome?: MatchOutcome;
  matchOutcomeAt?: string;
}

/** Statuses in which the applicant may still change their answers. */
const EDITABLE: readonly ApplicationStatus[] = ['draft', 'withdrawn'];
/** Statuses from which the applicant may withdraw. */
const WITHDRAWABLE: readonly ApplicationStatus[] = ['draft', 'submitted', 'accepted', 'waitlisted'];

export function newApplication(
  cohortId: string,
  applicant: { id: string; name: string; email?: string },
  now: Date,
): Application {
  const at = now.toISOString();
  return {
    cohortId,
    applicantId: applicant.id,
    name: applicant.name,
    ...(applicant.email ? { email: applicant.email } : {}),
    status: 'draft',
    answers: {},
    createdAt: at,
    updatedAt: at,
    managerSupport: 'not-asked',
  };
}

/** Why the applicant cannot change their answers now, or undefined. */
export function editRefusal(status: ApplicationStatus): string | undefined {
  if (EDITABLE.includes(status)) return undefined;
  return `Your application is ${APPLICATION_STATUS_WORDS[status].toLowerCase()}; it can no longer be changed here. Withdraw it first, or ask the programme team`;
}

/**
 * The draft after a save: the fields given replace those saved (a line manager merged field by
 * field); a withdrawn application becomes a draft again.
 */
export function withDraft(app: Application, draft: ApplicationDraft, now: Date): Application {
  const lineManager =
    draft.lineManager !== undefined
      ? { ...app.answers.lineManager, ...draft.lineManager }
      : app.answers.lineManager;
  return {
    ...app,
    status: 'draft',
    answers: { ...app.answers, ...draft, ...(lineManager ? { lineManager } : {}) },
    updatedAt: now.toISOString(),
    withdrawnAt: undefined,
    withdrawReason: undefined,
  };
}

export function submitted(
  app: Application,
  form: ApplicationForm,
  consentVersion: string,
  now: Date,
): Application {
  const at = now.toISOString();
  return {
    ...app,
    status: 'submitted',
    answers: form,
    consentVersion,
    submittedAt: at,
    updatedAt: at,
  };
}

/** Why the applicant cannot withdraw, or undefined (withdrawing twice is no error). */
export function withdrawRefusal(status: ApplicationStatus): string | undefined {
  if (status === 'withdrawn' || WITHDRAWABLE.includes(status)) return undefined;
  return 'This application was not offered a place, so there is nothing to withdraw';
}

export function withdrawn(app: Application, reason: string | undefined, now: Date): Application {
  if (app.status === 'withdrawn') return app;
  const at = now.toISOString();
  return {
    ...app,
    status: 'withdrawn',
    withdrawnAt: at,
    ...(reason ? { withdrawReason: reason } : {}),
    updatedAt: at,
  };
}
