import { createHmac } from 'node:crypto';
import {
  type MySensitiveAnswers,
  PREFER_NOT_TO_SAY,
  SENSITIVE_CATEGORIES,
  type SensitiveAnswers,
} from '../../../contracts/applications';
import {
  type GroupedCounts,
  type SensitiveAggregate,
  aggregateAnswers,
  countByGroup,
} from '../domain/sensitive-aggregate';
import type { ApplicationDeps } from '../ports';

/**
 * Special-category answers: written and read only by their author, deleted on request, and
 * otherwise used only as opaque tokens for matching and in aggregates of at least five people.
 * No method here returns another person's values.
 */

export class SensitiveService {
  constructor(private readonly deps: Pick<ApplicationDeps, 'stores' | 'now'>) {}

  /** The author's own answers (nothing stored is an empty set). */
  async mine(cohortId: string, userId: string): Promise<MySensitiveAnswers> {
    const stored = await this.deps.stores.sensitive.get(cohortId, userId);
    return stored
      ? { cohortId, answers: stored.answers, updatedAt: stored.updatedAt }
      : { cohortId, answers: {} };
  }

  /** Replaces the author's answers; an empty set deletes them. */
  async save(cohortId: string, userId: string, answers: SensitiveAnswers) {
    const given = SENSITIVE_CATEGORIES.filter((c) => answers[c] !== undefined);
    if (given.length === 0) return this.remove(cohortId, userId);
    const updatedAt = this.deps.now().toISOString();
    await this.deps.stores.sensitive.put(cohortId, userId, { answers, updatedAt });
    return { cohortId, answers, updatedAt };
  }

  async remove(cohortId: string, userId: string): Promise<MySensitiveAnswers> {
    await this.deps.stores.sensitive.remove(cohortId, userId);
    return { cohortId, answers: {} };
  }

  /** Object ids of the people whose answers the cohort holds (retention; no values). */
  async holders(cohortId: string): Promise<string[]> {
    return [...(await this.deps.stores.sensitive.listByCohort(cohortId)).keys()];
  }

  /**
   * Opaque tokens for matching: equal answers in one cohort give equal tokens, and nothing else
   * can be read from them (an HMAC under the cohort's own random secret). "Prefer not to say"
   * gives none. The token names its category, so matching can weigh differences per category.
   */
  async livedExperienceTokens(cohortId: string, applicantId: string): Promise<string[]> {
    const stored = await this.deps.stores.sensitive.get(cohortId, applicantId);
    if (!stored) return [];
    return tokensOf(stored.answers, await this.deps.stores.sensitive.salt(cohortId));
  }

  /** Tokens for everyone in a cohort who answered, by object id (one partition read). */
  async tokensByApplicant(cohortId: string): Promise<Map<string, string[]>> {
    const all = await this.deps.stores.sensitive.listByCohort(cohortId);
    const tokens = new Map<string, string[]>();
    if (all.size === 0) return tokens;
    const salt = await this.deps.stores.sensitive.salt(cohortId);
    for (const [userId, stored] of all) tokens.set(userId, tokensOf(stored.answers, salt));
    return tokens;
  }

  /** Counts per answer among `applicantIds`, under the floor of five (domain/sensitive-aggregate). */
  async aggregate(cohortId: string, applicantIds: readonly string[]): Promise<SensitiveAggregate> {
    const all = await this.deps.stores.sensitive.listByCohort(cohortId);
    return aggregateAnswers(applicantIds.map((id) => all.get(id)?.answers ?? {}));
  }

  /**
   * Counts per answer and group among `people` (one partition read), the not-shared folded into
   * one (domain/sensitive-aggregate `countByGroup`); someone with no known id has shared nothing.
   * Counts only: the caller applies its floor.
   */
  async countsByGroup<G extends string>(
    cohortId: string,
    people: readonly { userId: string | undefined; group: G }[],
  ): Promise<GroupedCounts<G>> {
    const all = await this.deps.stores.sensitive.listByCohort(cohortId);
    const answersOf = (userId: string | undefined) => (userId && all.get(userId)?.answers) || {};
    return countByGroup(people.map(({ userId, group }) => ({ answers: answersOf(userId), group })));
  }
}

function tokensOf(answers: SensitiveAnswers, salt: string): string[] {
  return SENSITIVE_CATEGORIES.flatMap((category) => {
    const answer = answers[category];
    if (!answer || !answer.consent || answer.value === PREFER_NOT_TO_SAY) return [];
    const mac = createHmac('sha256', salt).update(`${category}\u0000${answer.value}`).digest();
    return [`${category}:${mac.toString('base64url').slice(0, 22)}`];
  });
}
