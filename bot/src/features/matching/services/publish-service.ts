import { randomUUID } from 'node:crypto';
import type {
  PublishResultView,
  PublishedPairView,
  PublishedReciprocalPairView,
} from '../../../contracts/matching';
import { AppError } from '../../../platform/errors';
import type { Versioned } from '../../../platform/storage/versioned';
import type { Actor, Cohort } from '../../cohorts';
import type { MatchingDeps } from '../ports';
import type { MatchingRepository, PublishClaim, StoredRun } from '../store/matching-repository';
import type { MatchingService } from './matching-service';

/** How long a publish claim holds before another caller may finish the work (a crash). */
const LEASE_MS = 2 * 60_000;
/** How long a second caller (a double click, another instance) waits for the first to finish. */
const WAIT_MS = 30_000;
const POLL_MS = 150;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Publishing a draft: creates the pairs (their introductions start: the existing journey),
 * tells everyone left unmatched kindly that they are on the waiting list, and records each
 * applicant's outcome. Idempotent: a conditional insert of the publish claim lets one caller
 * work; a second one waits and gets the same answer; a retry after a crash takes the claim over
 * when its lease ends and finishes the work, finding what was made (participants by email, pairs
 * by their two people, people told by a row per person) so nothing is made twice.
 */
export class PublishService {
  constructor(
    private readonly deps: MatchingDeps,
    private readonly repo: MatchingRepository,
    private readonly runs: Pick<MatchingService, 'draftRun'>,
  ) {}

  async publish(
    cohort: Cohort,
    runId: string,
    etag: string,
    actor: Actor,
  ): Promise<PublishResultView> {
    const done = await this.finished(cohort.id, runId);
    if (done) return done;
    const run = await this.runs.draftRun(cohort.id, runId);
    if (run.etag !== etag) {
      throw AppError.coded(
        'stale',
        'precondition_failed',
        'This run was changed since you read it; nothing was published',
      );
    }
    const claim = await this.claim(cohort.id, runId);
    if ('result' in claim) return claim.result;
    try {
      return await this.work(cohort, run.value.id, claim.etag, actor);
    } catch (error) {
      // Let the next attempt take over at once rather than after the lease.
      await this.repo.tryUpdateClaim(
        cohort.id,
        runId,
        { state: 'publishing', owner: '', claimedAt: new Date(0).toISOString() },
        claim.etag,
      );
      throw error;
    }
  }

  private async finished(cohortId: string, runId: string): Promise<PublishResultView | undefined> {
    const claim = await this.repo.getClaim(cohortId, runId);
    if (claim?.value.state !== 'published' || !claim.value.result) return undefined;
    return { ...(JSON.parse(claim.value.result) as PublishResultView), alreadyPublished: true };
  }

  /** Our claim's ETag, or the result of whoever published first. */
  private async claim(
    cohortId: string,
    runId: string,
  ): Promise<{ etag: string } | { result: PublishResultView }> {
    const mine: PublishClaim = {
      state: 'publishing',
      owner: randomUUID(),
      claimedAt: this.deps.now().toISOString(),
    };
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const inserted = await this.repo.tryClaim(cohortId, runId, mine);
      if (inserted !== undefined) return { etag: inserted };
      const current = await this.repo.getClaim(cohortId, runId);
      const result = await this.finished(cohortId, runId);
      if (result) return { result };
      if (current) {
        const age = this.deps.now().getTime() - Date.parse(current.value.claimedAt);
        if (age > LEASE_MS || age < 0) {
          const taken = await this.repo.tryUpdateClaim(cohortId, runId, mine, current.etag);
          if (taken !== undefined) return { etag: taken };
        }
      }
      if (Date.now() > deadline) {
        throw AppError.coded(
          'conflict',
          'publish_in_progress',
          'This run is being published; look again in a moment',
        );
      }
      await sleep(POLL_MS);
    }
  }

  private async work(
    cohort: Cohort,
    runId: string,
    claimEtag: string,
    actor: Actor,
  ): Promise<PublishResultView> {
    const { applicants, publisher, now } = this.deps;
    const run = (await this.repo.getRun(cohort.id, runId))!;
    const byId = new Map((await applicants.forMatching(cohort.id)).map((a) => [a.id, a]));
    const person = (id: string) => {
      const found = byId.get(id);
      if (!found) {
        throw AppError.coded(
          'conflict',
          'applicant_gone',
          `${run.value.names[id] ?? id} is no longer accepted for matching: rerun before publishing`,
        );
      }
      return found;
    };
    const pairs: PublishedPairView[] = [];
    for (const p of run.value.draft.pairs) {
      const made = await publisher.publishPair(
        cohort,
        person(p.mentorId),
        person(p.menteeId),
        actor,
      );
      await applicants.markOutcome(cohort.id, p.mentorId, 'matched');
      await applicants.markOutcome(cohort.id, p.menteeId, 'matched');
      pairs.push({ arrangement: 'reverse', mentorId: p.mentorId, menteeId: p.menteeId, ...made });
    }
    const reciprocalPairs: PublishedReciprocalPairView[] = [];
    for (const p of run.value.draft.reciprocalPairs ?? []) {
      const made = await publisher.publishPair(
        cohort,
        person(p.personAId),
        person(p.personBId),
        actor,
        'reciprocal',
      );
      await applicants.markOutcome(cohort.id, p.personAId, 'matched');
      await applicants.markOutcome(cohort.id, p.personBId, 'matched');
      reciprocalPairs.push({
        arrangement: 'reciprocal',
        personAId: p.personAId,
        personBId: p.personBId,
        pairId: made.pairId,
        personAParticipantId: made.mentorParticipantId,
        personBParticipantId: made.menteeParticipantId,
      });
    }
    const made = pairs.length + reciprocalPairs.length;
    const waitlisted: PublishResultView['waitlisted'] = [];
    for (const u of run.value.draft.unmatched) {
      // Those in neither pool (the cohort does not offer what they asked for) are not waitlisted.
      if (u.cause === 'not-in-pool' || !byId.has(u.id)) continue;
      const applicant = byId.get(u.id)!;
      await applicants.markOutcome(cohort.id, u.id, 'waitlisted');
      const first = await this.repo.firstTell(cohort.id, runId, u.id);
      const told = first ? await publisher.tellWaitlisted(cohort, applicant) : false;
      waitlisted.push({ id: u.id, displayName: applicant.displayName, told });
    }
    const result: PublishResultView = {
      runId,
      publishedAt: now().toISOString(),
      publishedByName: actor.name,
      pairs,
      reciprocalPairs,
      waitlisted,
      alreadyPublished: false,
      message:
        `${made} pair${made === 1 ? '' : 's'} published${reciprocalPairs.length > 0 ? ` (${reciprocalPairs.length} reciprocal)` : ''}: each person gets an introduction in Teams in their working hours.` +
        (waitlisted.length > 0
          ? ` ${waitlisted.length} ${waitlisted.length === 1 ? 'person is' : 'people are'} on the waiting list.`
          : ''),
    };
    await this.markPublished(run, claimEtag, result);
    await this.deps.audit.record({
      actorId: actor.userId,
      actorName: actor.name,
      action: 'matching.published',
      target: 'matching-run',
      targetId: runId,
      targetLabel: `${cohort.name} matching`,
      cohortId: cohort.id,
      changes: [
        { field: 'pairs', before: null, after: String(pairs.length) },
        { field: 'reciprocal pairs', before: null, after: String(reciprocalPairs.length) },
        { field: 'waiting list', before: null, after: String(waitlisted.length) },
      ],
      reason: null,
    });
    return result;
  }

  private async markPublished(
    run: Versioned<StoredRun>,
    claimEtag: string,
    result: PublishResultView,
  ): Promise<void> {
    const saved = await this.repo.tryUpdateClaim(
      run.value.cohortId,
      run.value.id,
      {
        state: 'published',
        owner: '',
        claimedAt: result.publishedAt,
        result: JSON.stringify(result),
      },
      claimEtag,
    );
    if (saved === undefined) {
      throw AppError.coded('stale', 'publish_taken_over', 'Publishing was taken over; look again');
    }
    const latest = await this.repo.getRun(run.value.cohortId, run.value.id);
    if (latest) await this.repo.replaceRun({ ...latest.value, status: 'published' }, latest.etag);
  }
}
