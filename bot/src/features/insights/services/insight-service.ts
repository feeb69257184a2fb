import {
  type AuthorGroup,
  type InsightBoard,
  type InsightConsent,
  type InsightQueue,
  type InsightText,
  type InsightTheme,
  type MyInsights,
  type MyInsightView,
  type NewInsight,
} from '../../../contracts/insights';
import { AppError } from '../../../platform/errors';
import { ConflictError } from '../../../platform/storage/errors';
import type { Versioned } from '../../../platform/storage/versioned';
import {
  type Insight,
  type Outcome,
  authorConsent,
  authorEdit,
  draftInsight,
  moderatorEdit,
  publishInsight,
  returnInsight,
} from '../domain/insight';
import { authorGroupOf, insightBoard, insightView } from '../domain/insight-views';
import { insightPublishedCard } from '../cards/published-card';
import type { InsightDeps } from '../ports';
import { type StaffActor, auditAuthor, auditStaff } from './insight-audit';
import { withdrawInsight } from './insight-withdrawal';

export type { StaffActor };

/** A saved insight as a route answers it: the view and its stored ETag. */
export type Saved = ReturnType<typeof insightView>;

const NOT_FOUND = 'No insight has that id';
const NO_PAIR = 'You have no pairing in that cohort';

/**
 * Insights and testimonials (docs/insights.md): their authors write and agree, the programme
 * team moderates and publishes, the cohort's sponsors read the board. Every change goes through
 * the pure rules of `domain/insight.ts`, is stored under its ETag (a stale change is refused
 * with 412, never overwritten) and is audited without a name: authors appear by broad group.
 */
export class InsightService {
  constructor(private readonly deps: InsightDeps) {}

  private now(): string {
    return this.deps.now().toISOString();
  }

  /** The caller's participant id in the cohort (404 when they take no part in it). */
  private async participantIn(userId: string, cohortId: string): Promise<string> {
    const memberships = await this.deps.membershipsOf(userId);
    const membership = memberships.find((m) => m.cohortId === cohortId);
    if (!membership) throw AppError.notFound(NOT_FOUND);
    return membership.participantId;
  }

  /** An insight the caller is an author of; 404 for anyone else (its existence is not told). */
  private async authored(userId: string, cohortId: string, id: string) {
    const participantId = await this.participantIn(userId, cohortId);
    const stored = await this.deps.store.get(cohortId, id);
    if (!stored || !stored.value.authorIds.includes(participantId)) {
      throw AppError.notFound(NOT_FOUND);
    }
    return { participantId, stored };
  }

  private async moderated(cohortId: string, id: string): Promise<Versioned<Insight>> {
    const stored = await this.deps.store.get(cohortId, id);
    // A draft is its authors' alone until they agree: the programme team does not see it.
    if (!stored || stored.value.state === 'draft') throw AppError.notFound(NOT_FOUND);
    return stored;
  }

  private mine(insight: Insight, etag: string, participantId: string): MyInsightView {
    return { ...insightView(insight, etag), iAgreed: insight.agreedBy.includes(participantId) };
  }

  /** The caller's insights and testimonials, in every cohort they take part in. */
  async listMine(userId: string): Promise<MyInsights> {
    const memberships = await this.deps.membershipsOf(userId);
    const lists = await Promise.all(
      memberships.map(async (m) =>
        (await this.deps.store.byAuthor(m.cohortId, m.participantId)).map((s) =>
          this.mine(s.value, s.etag, m.participantId),
        ),
      ),
    );
    const insights = lists.flat().sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
    return { insights };
  }

  /**
   * A new insight for the caller's pair (both partners are its authors) or their own testimonial.
   * Writing it is the writer's agreement; the partner's is still needed for an insight.
   */
  async create(userId: string, body: NewInsight): Promise<MyInsightView> {
    const memberships = await this.deps.membershipsOf(userId);
    const membership = memberships.find((m) => m.cohortId === body.cohortId);
    const pair = membership?.pairId
      ? await this.deps.pairs.get(body.cohortId, membership.pairId)
      : undefined;
    if (!membership || !pair) throw AppError.notFound(NO_PAIR);
    const me = membership.participantId;
    const side = pair.value.mentorId === me ? 'mentor' : 'mentee';
    const authors =
      body.kind === 'insight'
        ? { authorIds: [pair.value.mentorId, pair.value.menteeId], sides: ['mentor', 'mentee'] }
        : { authorIds: [me], sides: [side] };
    const insight = draftInsight({
      id: this.deps.newId(),
      cohortId: body.cohortId,
      kind: body.kind,
      ...(body.kind === 'insight' ? { pairId: pair.value.id } : {}),
      authorIds: authors.authorIds,
      authorGroups: (authors.sides as ('mentor' | 'mentee')[]).map(authorGroupOf),
      drafter: me,
      body: {
        title: body.title,
        text: body.text,
        ...(body.themeSuggestion ? { themeSuggestion: body.themeSuggestion } : {}),
      },
      now: this.now(),
    });
    const etag = await this.deps.store.create(insight);
    await auditAuthor(this.deps.audit, 'insight.drafted', insight, authorGroupOf(side), undefined);
    return this.mine(insight, etag, me);
  }

  /** An author rewrites it (If-Match): the other author must agree again. */
  async editAsAuthor(
    userId: string,
    cohortId: string,
    id: string,
    etag: string,
    body: InsightText,
  ): Promise<MyInsightView> {
    const { participantId, stored } = await this.authored(userId, cohortId, id);
    const saved = await this.apply(
      stored,
      etag,
      authorEdit(stored.value, participantId, body, this.now()),
    );
    await auditAuthor(
      this.deps.audit,
      'insight.author_edited',
      saved.value,
      this.groupOf(saved.value, participantId),
      stored.value,
    );
    return this.mine(saved.value, saved.etag, participantId);
  }

  /** An author agrees to the text as it stands, or asks for a change (If-Match). */
  async consent(
    userId: string,
    cohortId: string,
    id: string,
    etag: string,
    decision: InsightConsent,
  ): Promise<MyInsightView> {
    const { participantId, stored } = await this.authored(userId, cohortId, id);
    const saved = await this.apply(
      stored,
      etag,
      authorConsent(stored.value, participantId, decision, this.now()),
    );
    await auditAuthor(
      this.deps.audit,
      decision.decision === 'agree' ? 'insight.author_agreed' : 'insight.author_asked_change',
      saved.value,
      this.groupOf(saved.value, participantId),
      stored.value,
    );
    return this.mine(saved.value, saved.etag, participantId);
  }

  /**
   * An author withdraws it (If-Match), whatever its state: it is deleted at once, so it leaves
   * the queue and the board; the other author is told, not by whom (services/insight-withdrawal).
   */
  async withdraw(userId: string, cohortId: string, id: string, etag: string): Promise<void> {
    const { participantId, stored } = await this.authored(userId, cohortId, id);
    const stale = new ConflictError('The insight changed meanwhile: read it again');
    await withdrawInsight(this.deps, stored.value, etag, participantId, () =>
      this.conflict(stored.value, stale),
    );
  }

  /** The programme team's list: every insight its authors sent (drafts are not theirs to see). */
  async queue(cohortId: string): Promise<InsightQueue> {
    const all = await this.deps.store.ofCohort(cohortId);
    const insights = all
      .filter((s) => s.value.state !== 'draft')
      .map((s) => insightView(s.value, s.etag))
      .sort((a, b) => a.updatedAt.localeCompare(b.updatedAt));
    return { insights };
  }

  /** The programme team edits it for anonymity: it goes back to every author for approval. */
  async editAsModerator(
    actor: StaffActor,
    cohortId: string,
    id: string,
    etag: string,
    body: InsightText,
  ): Promise<Saved> {
    const stored = await this.moderated(cohortId, id);
    const saved = await this.apply(stored, etag, moderatorEdit(stored.value, body, this.now()));
    await auditStaff(this.deps.audit, 'insight.edited', actor, saved.value, stored.value);
    return insightView(saved.value, saved.etag);
  }

  /** Publishes it under a theme (every author agreeing), and tells the authors. */
  async publish(
    actor: StaffActor,
    cohortId: string,
    id: string,
    etag: string,
    theme: InsightTheme,
  ): Promise<Saved> {
    const stored = await this.moderated(cohortId, id);
    const saved = await this.apply(stored, etag, publishInsight(stored.value, theme, this.now()));
    await auditStaff(this.deps.audit, 'insight.published', actor, saved.value, stored.value);
    await this.tellAuthors(saved.value, theme);
    return insightView(saved.value, saved.etag);
  }

  /** Returns it to its authors with a note they see. */
  async returnToAuthors(
    actor: StaffActor,
    cohortId: string,
    id: string,
    etag: string,
    note: string,
  ): Promise<Saved> {
    const stored = await this.moderated(cohortId, id);
    const saved = await this.apply(stored, etag, returnInsight(stored.value, note, this.now()));
    await auditStaff(this.deps.audit, 'insight.returned', actor, saved.value, stored.value);
    return insightView(saved.value, saved.etag);
  }

  /** The board: published insights by theme, no names, no pair ids. */
  async board(cohortId: string): Promise<InsightBoard> {
    const cohort = await this.deps.cohorts.get(cohortId);
    if (!cohort) throw AppError.notFound('No cohort has that id');
    const published = await this.deps.store.inState(cohortId, 'published');
    return insightBoard(
      cohortId,
      published.map((s) => s.value),
    );
  }

  /** Stores the rule's outcome under the ETag read (412 with the latest when it changed). */
  private async apply(
    stored: Versioned<Insight>,
    etag: string,
    outcome: Outcome,
  ): Promise<Versioned<Insight>> {
    if ('refused' in outcome) {
      throw AppError.coded('conflict', outcome.refused.code, outcome.refused.message);
    }
    try {
      const saved = await this.deps.store.update(outcome.insight, etag);
      return { value: outcome.insight, etag: saved };
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      throw await this.conflict(stored.value, error);
    }
  }

  /** A 412 carrying the latest version as its view (no pair or author id), for the caller to show. */
  private async conflict(insight: Insight, stale: Error): Promise<Error> {
    const latest = await this.deps.store.get(insight.cohortId, insight.id);
    if (!latest) return stale;
    const { etag: _stored, ...view } = insightView(latest.value, latest.etag);
    return new ConflictError(stale.message, { value: view, etag: latest.etag });
  }

  /** Each author, in their one-to-one chat when they have one (else they see it in the tab). */
  private async tellAuthors(insight: Insight, theme: InsightTheme): Promise<void> {
    const card = insightPublishedCard({ kind: insight.kind, title: insight.title, theme });
    await Promise.all(
      insight.authorIds.map(async (participantId) => {
        const person = await this.deps.participants.get(insight.cohortId, participantId);
        if (person?.value.userId) await this.deps.send(person.value.userId, card);
      }),
    );
  }

  private groupOf(insight: Insight, participantId: string): AuthorGroup {
    return insight.authorGroups[insight.authorIds.indexOf(participantId)] ?? 'junior_colleague';
  }
}
