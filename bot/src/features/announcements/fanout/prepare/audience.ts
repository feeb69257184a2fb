import {
  type Announcement,
  type AudienceMember,
  openCallAudience,
  resolveAudience,
} from '../../domain/announcement';
import type { AnnouncementPorts } from '../../ports';

type Role = 'mentor' | 'mentee';

/**
 * Prepare, first step: everyone an announcement is for, as of now. Roles come from the pairs
 * (reciprocal partners are both; ended pairs count for neither), else from the roster; event
 * invitations go to those the event is for, reminders to those who said yes.
 */
export class AudienceResolver {
  constructor(
    private readonly ports: Pick<
      AnnouncementPorts,
      'participants' | 'pairs' | 'pairHealth' | 'events' | 'nextCohortList'
    >,
  ) {}

  async audienceOf(
    a: Pick<Announcement, 'cohortId' | 'audience' | 'kind' | 'eventId'>,
  ): Promise<AudienceMember[]> {
    if (a.audience.kind === 'applications_open') return this.openCall(a.audience);
    const [people, pairs] = await Promise.all([
      this.ports.participants.listByCohort(a.cohortId),
      this.ports.pairs.listByCohort(a.cohortId),
    ]);
    const roles = new Map<string, Set<Role>>();
    const reciprocal = new Set<string>();
    const add = (id: string, role: Role) => roles.set(id, (roles.get(id) ?? new Set()).add(role));
    for (const pair of pairs) {
      if (pair.state === 'ended_early') continue;
      add(pair.mentorId, 'mentor');
      add(pair.menteeId, 'mentee');
      if (pair.arrangement === 'reciprocal') {
        add(pair.mentorId, 'mentee');
        add(pair.menteeId, 'mentor');
        reciprocal.add(pair.mentorId).add(pair.menteeId);
      }
    }
    let needy = new Set<string>();
    if (a.audience.kind === 'needs_check_in') {
      const health = await this.ports.pairHealth(a.cohortId);
      const flagged = new Set(
        health
          .filter((h) => h.health === 'needs_check_in' || h.health === 'at_risk')
          .map((h) => h.pairId),
      );
      needy = new Set(
        pairs.filter((p) => flagged.has(p.id)).flatMap((p) => [p.mentorId, p.menteeId]),
      );
    }
    const members: AudienceMember[] = people.map((p) => {
      const own = roles.get(p.id);
      const fallback: Role[] = p.role === 'either' ? ['mentor', 'mentee'] : [p.role];
      return {
        participantId: p.id,
        userId: p.userId,
        displayName: p.displayName,
        roles: own ? [...own] : fallback,
        reciprocal: reciprocal.has(p.id),
        pairNeedsCheckIn: needy.has(p.id),
      };
    });
    if (a.kind === 'event-reminder' && a.eventId) {
      const calendar = await this.ports.events.calendar(a.cohortId);
      const yes = new Set(
        calendar.rsvps
          .filter((r) => r.eventId === a.eventId && r.response === 'yes')
          .map((r) => r.participantId),
      );
      return members.filter((m) => yes.has(m.participantId));
    }
    if (a.kind === 'event-invitation' && a.eventId) {
      const event = await this.ports.events.get(a.cohortId, a.eventId);
      if (!event) return [];
      return members.filter((m) =>
        this.ports.events.isInvited(
          event.value,
          m.roles.length === 2 ? 'either' : (m.roles[0] ?? 'either'),
        ),
      );
    }
    return resolveAudience(a.audience, members);
  }

  /**
   * "Applications are open": the people of the cohorts the sender ran when it was made, and
   * those cohorts' next-cohort lists, as chosen; each person once.
   */
  private async openCall(audience: Announcement['audience']): Promise<AudienceMember[]> {
    const lists = new Set(audience.lists ?? []);
    const cohortIds = audience.cohortIds ?? [];
    const found = await Promise.all(
      cohortIds.map(async (cohortId): Promise<AudienceMember[]> => {
        const [people, interested] = await Promise.all([
          lists.has('cohorts') ? this.ports.participants.listByCohort(cohortId) : [],
          lists.has('next-cohort') ? this.ports.nextCohortList(cohortId) : [],
        ]);
        return [
          ...people.map((p) => ({
            participantId: p.id,
            userId: p.userId,
            displayName: p.displayName,
            roles: [],
            pairNeedsCheckIn: false,
          })),
          ...interested.map((p) => ({
            participantId: p.userId,
            userId: p.userId,
            displayName: p.displayName,
            roles: [],
            pairNeedsCheckIn: false,
          })),
        ];
      }),
    );
    return openCallAudience(found.flat());
  }
}
