import { randomUUID } from 'node:crypto';
import type {
  PublishResultView,
  PublishedPairView,
  PublishedReciprocalPairView,
} from '../../../contracts/matching';
import { AppError } from '../../../platform/errors';
import type { Versioned } from '../../../platform/storage/versioned';
import type { Actor, Cohort } from '../../cohorts';
import { eachLimited } from '../../../platform/storage/batch';
import type { MatchApplicant, MatchingDeps, PairToPublish } from '../ports';
import type { MatchingRepository, PublishClaim, StoredRun } from '../store/matching-repository';
import type { MatchingService } from './matching-service';

/** How long a publish claim holds before another caller may finish the work (a crash). */
const LEASE_MS = 2 * 60_000;
/** How long a second caller (a double click, another instance) waits for the first to finish. */
const WAIT_MS = 30_000;
const POLL_MS = 150;
/** How many waiting-list messages go out at once. */
const TELLS_IN_FLIGHT = 8;

const matchedOutcome = (applicantId: string) => ({ applicantId, outcome: 'matched' as const });

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
    const { draft } = run.value;
    const reciprocal = draft.reciprocalPairs ?? [];
    const wanted: PairToPublish[] = [
      ...draft.pairs.map((p) => ({
        mentor: person(p.mentorId),
        mentee: person(p.menteeId),
        arrangement: 'reverse' as const,
      })),
      ...reciprocal.map((p) => ({
        mentor: person(p.personAId),
        mentee: person(p.personBId),
        arrangement: 'reciprocal' as const,
      })),
    ];
    // Every pair at once: the cohort is read once and written in batches, whatever its size.
    const published = await publisher.publishPairs(cohort, wanted, actor);
    const pairs: PublishedPairView[] = draft.pairs.map((p, i) => ({
      arrangement: 'reverse',
      mentorId: p.mentorId,
      menteeId: p.menteeId,
      ...published[i]!,
    }));
    const reciprocalPairs: PublishedReciprocalPairView[] = reciprocal.map((p, i) => {
      const made = published[draft.pairs.length + i]!;
      return {
        arrangement: 'reciprocal',
        personAId: p.personAId,
        personBId: p.personBId,
        pairId: made.pairId,
        personAParticipantId: made.mentorParticipantId,
        personBParticipantId: made.menteeParticipantId,
      };
    });
    const made = pairs.length + reciprocalPairs.length;
    // Those in neither pool (the cohort does not offer what they asked for) are not waitlisted.
    const waiting = draft.unmatched.flatMap((u) => {
      const applicant = u.cause === 'not-in-pool' ? undefined : byId.get(u.id);
      return applicant ? [applicant] : [];
    });
    await applicants.markOutcomes(cohort.id, [
      ...wanted.flatMap((w) => [w.mentor.id, w.mentee.id]).map(matchedOutcome),
      ...waiting.map((a) => ({ applicantId: a.id, outcome: 'waitlisted' as const })),
    ]);
    const waitlisted = await this.tellWaiting(cohort, runId, waiting);
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

  /** Each waiting person told kindly, once per run (a retry tells nobody twice), a few at a time. */
  private async tellWaiting(
    cohort: Cohort,
    runId: string,
    waiting: readonly MatchApplicant[],
  ): Promise<PublishResultView['waitlisted']> {
    const told = new Map<string, boolean>();
    await eachLimited(waiting, TELLS_IN_FLIGHT, async (applicant) => {
      const first = await this.repo.firstTell(cohort.id, runId, applicant.id);
      told.set(
        applicant.id,
        first ? await this.deps.publisher.tellWaitlisted(cohort, applicant) : false,
      );
    });
    return waiting.map((a) => ({
      id: a.id,
      displayName: a.displayName,
      told: told.get(a.id) ?? false,
    }));
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
