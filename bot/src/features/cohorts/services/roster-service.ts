import { type Cohort, type CohortInput, createCohort } from '../domain/cohort';
import { newId } from '../domain/ids';
import type { Pair } from '../domain/pair';
import type { Participant } from '../domain/participant';
import { type RosterProblem, parseRoster } from '../domain/roster-import';
import type { CohortRepository } from '../store/cohort-repository';
import {
  type Membership,
  type MembershipRepository,
  emailKey,
  userKey,
} from '../store/membership-repository';
import type { PairRepository } from '../store/pair-repository';
import type { ParticipantRepository } from '../store/participant-repository';
import type { LinkRepository } from '../store/link-repository';
import { eachLimited } from '../../../platform/storage/batch';
import { AppError } from '../../../platform/errors';
import type { RosterReadAs } from '../../../contracts/cohorts';
import { decodeText } from '../../../contracts/text-encoding';
import type { AuditLog } from '../../../contracts/audit';
import type { Actor } from './role-service';

/** What an import brought in. */
export interface Imported {
  participants: number;
  pairs: number;
}

/** The records creating a cohort and importing its roster write. */
export interface RosterStores {
  cohorts: Pick<CohortRepository, 'create'>;
  participants: Pick<ParticipantRepository, 'listByCohort' | 'createMany'>;
  pairs: Pick<PairRepository, 'listByCohort' | 'createMany'>;
  memberships: Pick<MembershipRepository, 'put'>;
  links: Pick<LinkRepository, 'record'>;
}

/** A refused roster: 400 `invalid_roster`, every problem in `details.problems`. */
export function rosterRefusal(problems: RosterProblem[]): AppError {
  const first = problems[0]!;
  const where =
    first.line > 0 ? `line ${first.line}${first.column ? `, column ${first.column}` : ''}: ` : '';
  return AppError.coded(
    'invalid',
    'invalid_roster',
    `Nothing was imported. ${problems.length} problem${problems.length === 1 ? '' : 's'} to fix, starting with ${where}${first.message}`,
    { problems },
  );
}

/** Creates cohorts and brings their participants and pairs in from a CSV roster. */
export class RosterService {
  constructor(
    private readonly repos: RosterStores,
    private readonly clock: () => Date = () => new Date(),
    /** Called with the pairs an import created, so their introductions get scheduled. */
    private readonly onPairsCreated?: (cohortId: string, pairIds: string[]) => Promise<void>,
    /** Where a person's actions are recorded (the demo seed, a system actor, is not). */
    private readonly audit?: AuditLog,
  ) {}

  /** A new cohort; `by` is the person creating it (audited) or a system name (the demo seed). */
  async createCohort(input: CohortInput, by: Actor | string, isDemo = false): Promise<Cohort> {
    const createdBy = typeof by === 'string' ? by : by.userId;
    const cohort = createCohort(input, newId(), createdBy, this.clock(), isDemo);
    await this.repos.cohorts.create(cohort);
    if (typeof by !== 'string') {
      await this.audit?.record({
        action: 'cohort.created',
        actorId: by.userId,
        actorName: by.name,
        target: 'cohort',
        targetId: cohort.id,
        targetLabel: cohort.name,
        cohortId: cohort.id,
        changes: [
          { field: 'name', before: null, after: cohort.name },
          { field: 'dates', before: null, after: `${cohort.startDate} to ${cohort.endDate}` },
        ],
        reason: null,
      });
    }
    return cohort;
  }

  /**
   * Imports a roster file's bytes: read in the encoding they were saved in (a byte-order mark,
   * UTF-8, else Windows-1252, said in `readAs.note`), or refused as `invalid_roster` with how to
   * save the file as UTF-8 when they are no text. Then as `importRoster` (which refuses U+FFFD).
   */
  async importRosterFile(
    cohortId: string,
    bytes: Uint8Array,
    by: Actor,
  ): Promise<{ imported: Imported; readAs: RosterReadAs }> {
    // U+FFFD is kept here only for parseRoster to refuse with the row and column of each field.
    const decoded = decodeText(bytes, { replacement: 'keep' });
    if (!decoded.ok) {
      throw rosterRefusal([{ line: decoded.line, column: '', message: decoded.message }]);
    }
    const imported = await this.importRoster(cohortId, decoded.text, by.userId);
    await this.audit?.record({
      action: 'roster.imported',
      actorId: by.userId,
      actorName: by.name,
      target: 'cohort',
      targetId: cohortId,
      targetLabel: `${imported.participants} participants, ${imported.pairs} pairs`,
      cohortId,
      changes: [
        { field: 'participants', before: null, after: String(imported.participants) },
        { field: 'pairs', before: null, after: String(imported.pairs) },
      ],
      reason: null,
    });
    return { imported, readAs: { encoding: decoded.encoding, note: decoded.note } };
  }

  /**
   * Validates the whole file first; writes nothing unless every row is valid (otherwise an
   * `invalid_roster` AppError lists every problem). Participants and pairs are written in
   * cohort-partition transactions, then the membership index that lets each person find their
   * cohort and pair. A row that carries an Entra object id is linked to it by the import, and
   * that link is recorded as made by `importedBy` (the coordinator).
   */
  async importRoster(cohortId: string, csvText: string, importedBy: string): Promise<Imported> {
    const [existingPeople, existingPairs] = await Promise.all([
      this.repos.participants.listByCohort(cohortId),
      this.repos.pairs.listByCohort(cohortId),
    ]);
    const pairedIds = new Set(existingPairs.flatMap((p) => [p.mentorId, p.menteeId]));
    const result = parseRoster(
      csvText,
      existingPeople.map((p) => ({ email: p.email, paired: pairedIds.has(p.id) })),
    );
    if (!result.ok) throw rosterRefusal(result.problems);

    const now = this.clock().toISOString();
    const participants: Participant[] = result.people.map((p) => ({
      id: newId(),
      cohortId,
      displayName: p.displayName,
      email: p.email,
      userId: p.userId,
      role: p.role,
      organisation: p.organisation,
      jobTitle: p.jobTitle,
      createdAt: now,
    }));
    const byEmail = new Map(participants.map((p) => [p.email, p]));
    const pairs: Pair[] = result.pairs.map((p) => ({
      id: newId(),
      cohortId,
      mentorId: byEmail.get(p.mentorEmail)!.id,
      menteeId: byEmail.get(p.menteeEmail)!.id,
      arrangement: p.arrangement,
      state: 'proposed',
      createdAt: now,
      updatedAt: now,
    }));
    const pairOf = new Map<string, string>();
    for (const pair of pairs) {
      pairOf.set(pair.mentorId, pair.id);
      pairOf.set(pair.menteeId, pair.id);
    }

    await this.repos.participants.createMany(cohortId, participants);
    await this.repos.pairs.createMany(cohortId, pairs);
    await this.repos.memberships.put(
      participants.flatMap((p) => {
        const membership: Membership = {
          cohortId,
          participantId: p.id,
          role: p.role,
          displayName: p.displayName,
          pairId: pairOf.get(p.id),
        };
        const entries = [{ key: emailKey(p.email), membership }];
        if (p.userId) entries.push({ key: userKey(p.userId), membership });
        return entries;
      }),
    );
    await eachLimited(
      participants.filter((p) => p.userId),
      16,
      (p) =>
        this.repos.links.record({
          id: newId(),
          cohortId,
          participantId: p.id,
          displayName: p.displayName,
          action: 'linked',
          via: 'roster_object_id',
          userId: p.userId!,
          email: null,
          by: importedBy,
          at: now,
        }),
    );
    if (this.onPairsCreated && pairs.length > 0) {
      await this.onPairsCreated(
        cohortId,
        pairs.map((p) => p.id),
      );
    }
    return { participants: participants.length, pairs: pairs.length };
  }
}
