import type { ManagerAnswerInput } from '../../../contracts/application-review';
import type { ApplicationRole, ManagerSupportStatus } from '../../../contracts/applications';
import type { EventAudience } from '../../../contracts/calendar';
import { AppError } from '../../../platform/errors';
import type { CardJson } from '../../../platform/teams/cards/render';
import type { SendOutcome } from '../../../platform/teams/proactive-sender';
import type { EmailHint } from '../../../platform/vouched-email';
import { emailMayLink } from '../../cohorts';
import { buildManagerReleaseCard } from '../cards/manager-release-card';
import type { ManagerRecord } from '../store/review-repository';
import type { ReviewActor, ReviewDeps, ReviewedApplication } from './review-ports';
import { managerSupportOf } from './review-service';

/** Who answers the line-manager question: the named manager in Teams, or a coordinator. */
export type ManagerAnswerer =
  | { kind: 'teams'; userId: string; email?: EmailHint }
  | { kind: 'coordinator'; actor: ReviewActor };

export interface ManagerSupportDeps extends ReviewDeps {
  /** Sends a card to someone's personal chat with the app. */
  send(userId: string, card: CardJson): Promise<SendOutcome>;
  /** The programme's Entra tenant: only an email vouched in it identifies the manager. */
  programmeTenantId: string;
}

const invitedRoles: Record<EventAudience, ApplicationRole[]> = {
  everyone: ['mentor', 'mentee', 'either'],
  mentors: ['mentor', 'either'],
  mentees: ['mentee', 'either'],
};

const NOT_YOURS = 'That question is not for you, or it is no longer open';

/**
 * Line-manager support: the named line manager is asked, on a card, only whether the applicant
 * can be released for the meetings and sessions, and answers Yes or No. A manager the app cannot
 * reach yet is asked as soon as they open a chat with it; meanwhile (or instead) a coordinator
 * records the answer. Who may answer is decided by one function, `authorise`, for the card and
 * the route alike.
 */
export class ManagerSupportService {
  constructor(private readonly deps: ManagerSupportDeps) {}

  private async application(cohortId: string, applicationId: string) {
    const found = await this.deps.applications.get(cohortId, applicationId);
    if (!found || found.value.status === 'draft' || found.value.status === 'withdrawn') {
      throw AppError.notFound('No application has that id');
    }
    return found.value;
  }

  /**
   * The one authorisation of an answer: a coordinator (the route has scoped them to the cohort),
   * or the named line manager, recognised by the Teams user the card went to or by an email the
   * programme's tenant vouches for. The applicant never answers for themselves.
   */
  async authorise(
    who: ManagerAnswerer,
    app: ReviewedApplication,
    record: ManagerRecord | undefined,
  ): Promise<void> {
    if (who.kind === 'coordinator') return;
    if (!who.userId || who.userId.toLowerCase() === app.userId.toLowerCase()) {
      throw AppError.notFound(NOT_YOURS);
    }
    if (record?.sentTo && record.sentTo.toLowerCase() === who.userId.toLowerCase()) return;
    const email = await who.email?.();
    const manager = app.lineManager.email.trim().toLowerCase();
    if (
      email &&
      emailMayLink(email, this.deps.programmeTenantId) &&
      email.address.toLowerCase() === manager
    ) {
      return;
    }
    throw AppError.notFound(NOT_YOURS);
  }

  /** The card for this application's line manager: its name, cohort, meeting months and sessions only. */
  async card(app: ReviewedApplication): Promise<CardJson> {
    const cohort = (await this.deps.cohorts.get(app.cohortId)).value;
    const events = await this.deps.events.list(app.cohortId);
    const sessions = events
      .filter((e) => e.type !== 'awareness_session' && invitedRoles[e.audience].includes(app.role))
      .map((e) => ({ title: e.title, start: e.start }));
    return buildManagerReleaseCard({
      cohortId: app.cohortId,
      applicationId: app.id,
      applicantName: app.displayName,
      cohortName: cohort.name,
      meetingsFrom: cohort.startDate,
      meetingsTo: cohort.endDate,
      frequency: cohort.cadence.frequency,
      sessions,
      timeZone: cohort.timeZone ?? 'Europe/London',
    });
  }

  /**
   * Asks the line manager (on submit, or when a coordinator asks again): sent now when the app
   * can reach them, otherwise held until they open a chat with it. An answered question is not
   * asked again, and a submit asks only once.
   */
  async ask(
    cohortId: string,
    applicationId: string,
    actor?: ReviewActor,
  ): Promise<{ managerSupport: ManagerSupportStatus; delivered: boolean }> {
    const { records, now } = this.deps;
    const app = await this.application(cohortId, applicationId);
    const current = await records.manager(cohortId, applicationId);
    // On submit (no actor) the question goes once: a second submit does not ask again.
    if (current && !actor) {
      return {
        managerSupport: managerSupportOf(current.value),
        delivered: Boolean(current.value.sentTo),
      };
    }
    if (current && current.value.status !== 'asked') {
      throw AppError.coded(
        'conflict',
        'already_answered',
        'The line manager’s answer is already recorded',
      );
    }
    if (app.lineManager.email.toLowerCase() === app.email.toLowerCase()) {
      throw AppError.coded(
        'conflict',
        'manager_is_applicant',
        'The applicant named themselves as line manager',
      );
    }
    const managerUser = await records.teamsUserOf(app.lineManager.email);
    let sentTo: string | null = null;
    if (managerUser) {
      const outcome = await this.deps.send(managerUser, await this.card(app));
      if (outcome.status === 'sent') sentTo = managerUser;
    }
    if (!sentTo) await records.holdAsk(app.lineManager.email, cohortId, applicationId, now());
    const record: ManagerRecord = {
      applicationId,
      status: 'asked',
      answeredBy: null,
      note: null,
      recordedBy: null,
      askedAt: now().toISOString(),
      answeredAt: null,
      sentTo: sentTo ?? current?.value.sentTo ?? null,
    };
    if (!(await records.writeManager(cohortId, record, current?.etag ?? null))) {
      throw AppError.coded(
        'conflict',
        'already_answered',
        'The line manager’s answer changed meanwhile',
      );
    }
    if (actor) {
      await this.deps.audit.record({
        action: 'application.manager_asked',
        actorId: actor.userId,
        actorName: actor.name,
        target: 'application',
        targetId: applicationId,
        targetLabel: app.displayName,
        cohortId,
        changes: [],
        reason: null,
      });
    }
    return { managerSupport: 'asked', delivered: sentTo !== null };
  }

  /**
   * Takes the answer. The manager may change their own answer; a coordinator records one only
   * while the manager has not answered (never silently over the manager's own word).
   */
  async answer(
    who: ManagerAnswerer,
    cohortId: string,
    applicationId: string,
    input: ManagerAnswerInput,
  ): Promise<{ applicant: string; managerSupport: ManagerSupportStatus }> {
    const { records, now } = this.deps;
    const app = await this.application(cohortId, applicationId);
    for (let attempt = 0; attempt < 3; attempt++) {
      const current = await records.manager(cohortId, applicationId);
      await this.authorise(who, app, current?.value);
      if (who.kind === 'coordinator' && current?.value.answeredBy === 'manager') {
        throw AppError.coded(
          'conflict',
          'manager_answered',
          'The line manager has already answered in Teams: their answer stands',
        );
      }
      const record: ManagerRecord = {
        applicationId,
        status: input.released ? 'released' : 'not-released',
        answeredBy: who.kind === 'coordinator' ? 'coordinator' : 'manager',
        note: who.kind === 'coordinator' ? (input.note ?? null) : null,
        recordedBy: who.kind === 'coordinator' ? who.actor : null,
        askedAt: current?.value.askedAt ?? null,
        answeredAt: now().toISOString(),
        sentTo: current?.value.sentTo ?? (who.kind === 'teams' ? who.userId : null),
      };
      if (!(await records.writeManager(cohortId, record, current?.etag ?? null))) continue;
      if (who.kind === 'coordinator') {
        await this.deps.audit.record({
          action: 'application.manager_answer_recorded',
          actorId: who.actor.userId,
          actorName: who.actor.name,
          target: 'application',
          targetId: applicationId,
          targetLabel: app.displayName,
          cohortId,
          changes: [
            {
              field: 'managerSupport',
              before: managerSupportOf(current?.value),
              after: input.released ? 'released' : 'not-released',
            },
          ],
          reason: input.note ?? null,
        });
      }
      return { applicant: app.displayName, managerSupport: managerSupportOf(record) };
    }
    throw AppError.coded('conflict', 'busy', 'The answer changed meanwhile; please try again');
  }

  /**
   * Someone opened a chat with the app: remember their Teams id for their vouched email, and send
   * any line-manager question waiting for them.
   */
  async reachable(userId: string, email: EmailHint | undefined): Promise<number> {
    const vouched = await email?.();
    if (!userId || !vouched || !emailMayLink(vouched, this.deps.programmeTenantId)) return 0;
    const { records, now } = this.deps;
    await records.rememberTeamsUser(vouched.address, userId, now());
    let sent = 0;
    for (const held of await records.heldAsks(vouched.address)) {
      const found = await this.deps.applications.get(held.cohortId, held.applicationId);
      const current = await records.manager(held.cohortId, held.applicationId);
      const open =
        found &&
        found.value.lineManager.email.toLowerCase() === vouched.address.toLowerCase() &&
        current?.value.status === 'asked';
      if (open) {
        const outcome = await this.deps.send(userId, await this.card(found.value));
        if (outcome.status !== 'sent') continue;
        await records.writeManager(
          held.cohortId,
          { ...current.value, sentTo: userId },
          current.etag,
        );
        sent += 1;
      }
      await records.releaseAsk(vouched.address, held.cohortId, held.applicationId, held.etag);
    }
    return sent;
  }
}
