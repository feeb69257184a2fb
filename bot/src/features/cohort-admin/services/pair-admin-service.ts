import type {
  PairChanged,
  PairMade,
  PairOutcome,
  NewPair,
  PausePair,
} from '../../../contracts/people';
import { AppError } from '../../../platform/errors';
import type { Actor, Cohort, Pair, Participant } from '../../cohorts';
import { newId } from '../../cohorts';
import type { PairContext } from '../../journey';
import { NOTICES, type Notice } from '../domain/notices';
import { heldPeople, isRunning, pairingProblems } from '../domain/pair-rules';
import type { AdminDeps } from '../ports';
import { by, membershipRows, pairLabel, refuseIfNotOpen } from './shared';

type PairVerb = 'pause' | 'resume' | 'end';

const STATE_WORDS: Record<string, string> = {
  paused: 'paused',
  active: 'running again',
  ended_early: 'ended',
};

/**
 * The programme team's pairs: making a pair from two unpaired people (its journey starts with
 * its own introduction), and pausing, resuming or ending one with a reason, through the
 * journey's lifecycle with the coordinator as actor. Both partners are told kindly, never who
 * asked or why; every change is audited (never the pair's content).
 */
export class PairAdminService {
  constructor(private readonly deps: AdminDeps) {}

  async makePair(cohort: Cohort, input: NewPair, actor: Actor): Promise<PairMade> {
    refuseIfNotOpen(cohort);
    const { stores } = this.deps;
    const [people, pairs] = await Promise.all([
      stores.participants.listByCohort(cohort.id),
      stores.pairs.listByCohort(cohort.id),
    ]);
    const mentor = people.find((p) => p.id === input.mentorId);
    const mentee = people.find((p) => p.id === input.menteeId);
    const problems = pairingProblems(cohort, mentor, mentee, input.arrangement, heldPeople(pairs));
    if (problems.length > 0 || !mentor || !mentee) throw AppError.invalidFields(problems);

    const at = this.deps.now().toISOString();
    const pair: Pair = {
      id: newId(),
      cohortId: cohort.id,
      mentorId: mentor.id,
      menteeId: mentee.id,
      arrangement: input.arrangement,
      state: 'proposed',
      createdAt: at,
      updatedAt: at,
    };
    const saved = await stores.pairs.create(pair);
    await stores.memberships.put([
      ...membershipRows(mentor, pair.id),
      ...membershipRows(mentee, pair.id),
    ]);
    // The new pair's journey starts with its own introduction, in each person's working hours.
    await this.deps.journey.scheduleIntroductions(cohort.id, [pair.id]);
    await this.deps.audit.record({
      ...by(actor),
      action: 'pair.created',
      target: 'pair',
      targetId: pair.id,
      targetLabel: `${mentor.displayName} / ${mentee.displayName}`,
      cohortId: cohort.id,
      changes: [
        { field: 'mentor', before: null, after: mentor.displayName },
        { field: 'mentee', before: null, after: mentee.displayName },
        { field: 'arrangement', before: null, after: pair.arrangement },
      ],
      reason: null,
    });
    return {
      pairId: pair.id,
      mentorId: mentor.id,
      menteeId: mentee.id,
      arrangement: pair.arrangement,
      message: `${mentor.displayName} and ${mentee.displayName} are paired. Each gets an introduction in Teams in their working hours.`,
      etag: saved.etag,
    };
  }

  pause(cohort: Cohort, pairId: string, etag: string, input: PausePair, actor: Actor) {
    return this.change(cohort, pairId, etag, 'pause', actor, input.reason, (ctx) =>
      this.deps.journey.pairs.pause(ctx, actor.userId, input),
    );
  }

  resume(cohort: Cohort, pairId: string, etag: string, reason: string | undefined, actor: Actor) {
    return this.change(cohort, pairId, etag, 'resume', actor, reason, (ctx) =>
      this.deps.journey.pairs.resume(ctx, actor.userId),
    );
  }

  end(cohort: Cohort, pairId: string, etag: string, reason: string, actor: Actor) {
    return this.change(cohort, pairId, etag, 'end', actor, reason, (ctx) =>
      this.deps.journey.pairs.end(ctx, actor.userId, reason),
    );
  }

  private async change(
    cohort: Cohort,
    pairId: string,
    etag: string,
    verb: PairVerb,
    actor: Actor,
    reason: string | undefined,
    act: (ctx: PairContext) => Promise<PairContext>,
  ): Promise<PairChanged> {
    refuseIfNotOpen(cohort);
    // A pair changed since it was read (by a partner or another coordinator) is refused: 412.
    const before = await this.deps.journey.pairs.loadAt(cohort.id, pairId, etag);
    const after = await act(before);
    const notice =
      verb === 'pause' ? NOTICES.paused() : verb === 'resume' ? NOTICES.resumed() : NOTICES.ended();
    const told = await this.tellBoth(after, notice);
    const names = new Map([
      [after.mentor.id, after.mentor.displayName],
      [after.mentee.id, after.mentee.displayName],
    ]);
    await this.deps.audit.record({
      ...by(actor),
      action: verb === 'pause' ? 'pair.paused' : verb === 'resume' ? 'pair.resumed' : 'pair.ended',
      target: 'pair',
      targetId: pairId,
      targetLabel: pairLabel(after.pair.value, names),
      cohortId: cohort.id,
      changes: [
        { field: 'state', before: before.pair.value.state, after: after.pair.value.state },
        ...(after.status.pausedUntil && verb === 'pause'
          ? [{ field: 'paused until', before: null, after: after.status.pausedUntil }]
          : []),
      ],
      reason: reason?.trim() || null,
    });
    const state = after.pair.value.state;
    const missed = told.filter((t) => !t.told).map((t) => t.name);
    return {
      pairId,
      state,
      told,
      etag: after.pair.etag,
      message:
        `${after.mentor.displayName} and ${after.mentee.displayName}'s pairing is ${STATE_WORDS[state] ?? state}.` +
        (missed.length > 0
          ? ` ${missed.join(' and ')} could not be told in Teams yet (the app is not installed for them).`
          : ' Both were told in Teams, without the reason.'),
    };
  }

  /**
   * Ends the running pair of someone who is leaving the cohort (removed or moved), with the
   * coordinator as actor, and tells their partner kindly. None when they had no running pair.
   */
  async endForLeaving(
    cohort: Cohort,
    person: Participant,
    reason: string,
    actor: Actor,
  ): Promise<PairOutcome | null> {
    const pairs = await this.deps.stores.pairs.listByCohort(cohort.id);
    const pair = pairs.find(
      (p) => isRunning(p.state) && (p.mentorId === person.id || p.menteeId === person.id),
    );
    if (!pair) return null;
    const ctx = await this.deps.journey.load(cohort.id, pair.id);
    const ended = await this.deps.journey.pairs.end(ctx, actor.userId, reason);
    const partner = ended.mentor.id === person.id ? ended.mentee : ended.mentor;
    const partnerTold = await this.deps.messages.tell(partner, NOTICES.partnerLeft(cohort.name));
    await this.deps.audit.record({
      ...by(actor),
      action: 'pair.ended',
      target: 'pair',
      targetId: pair.id,
      targetLabel: `${ended.mentor.displayName} / ${ended.mentee.displayName}`,
      cohortId: cohort.id,
      changes: [{ field: 'state', before: pair.state, after: ended.pair.value.state }],
      reason,
    });
    return {
      pairId: pair.id,
      ended: true,
      partnerId: partner.id,
      partnerName: partner.displayName,
      partnerTold,
    };
  }

  private async tellBoth(ctx: PairContext, notice: Notice) {
    const told = [];
    for (const person of [ctx.mentor, ctx.mentee]) {
      told.push({ name: person.displayName, told: await this.deps.messages.tell(person, notice) });
    }
    return told;
  }
}
