import type { Server } from 'restify';
import type { AppContext } from '../../app/app-context';
import { progress } from '../journey/domain/meeting-plan';
import { partnerOf } from '../cohorts/domain/pair';
import { HEALTH_WORDS, type PairHealth } from '../journey/domain/pair-health';
import { EVENT_TYPE_WORDS, isInvited } from '../calendar/domain/programme-event';
import { cohortHealth } from '../journey/services/cohort-health';
import { AppError } from '../../platform/errors';
import type { Caller } from '../../platform/http/auth/token-verifier';
import { authedRoute } from '../../platform/http/route';
import { cohortView } from '../cohorts/http/views';

const UPCOMING = 5;
const RECENT = 5;

/**
 * The programme channel's home: what everyone in the cohort may see (upcoming events they are
 * invited to, recent announcements sent to them) and the caller's own pair in brief.
 * Coordinators also get the pairs' health as counts. Never another pair's details.
 */
export function registerHomeRoutes(server: Server, ctx: AppContext): void {
  async function viewer(caller: Caller, cohortId: string) {
    const memberships = await ctx.identity.membershipsOf(caller.userId, async () => caller.email);
    const membership = memberships.find((m) => m.cohortId === cohortId);
    const coordinator = await ctx.identity.isCoordinator(caller.userId);
    if (!membership && !coordinator) throw AppError.notFound('You are not in that cohort');
    return { membership, coordinator };
  }

  server.get(
    '/api/cohorts/:cohortId/home',
    authedRoute(ctx.http, async ({ caller, params }) => {
      const cohortId = params.cohortId ?? '';
      const { membership, coordinator } = await viewer(caller, cohortId);
      const cohort = await ctx.repos.cohorts.get(cohortId);
      if (!cohort) throw AppError.notFound('You are not in that cohort');
      const now = ctx.clock.now();

      const calendar = await ctx.repos.events.calendar(cohortId);
      const upcomingEvents = calendar.events
        .map((e) => e.value)
        .filter((e) => e.end >= now.toISOString())
        .filter((e) => coordinator || (membership && isInvited(e, membership.role)))
        .slice(0, UPCOMING)
        .map((e) => ({
          id: e.id,
          title: e.title,
          type: e.type,
          typeText: EVENT_TYPE_WORDS[e.type],
          audience: e.audience,
          start: e.start,
          end: e.end,
          location: e.location,
          myResponse:
            calendar.rsvps.find(
              (r) => r.eventId === e.id && r.participantId === membership?.participantId,
            )?.response ?? null,
        }));

      // Announcements addressed to the caller (coordinators: every one sent to the cohort). One
      // that did not reach them in chat (blocked, failed) is shown here all the same; one whose
      // send was cancelled before their turn never went to them, so it is not.
      const recent = (await ctx.repos.announcements.recent(cohortId, 25)).filter(
        (a) => a.kind === 'announcement' && a.status !== 'scheduled',
      );
      const mine = [];
      for (const a of recent) {
        if (mine.length >= RECENT) break;
        const row =
          membership === undefined
            ? undefined
            : await ctx.repos.announcements.getRecipient(a.id, membership.participantId);
        const addressed = row !== undefined && row.value.status !== 'cancelled';
        if (!coordinator && !addressed) continue;
        mine.push({
          id: a.id,
          title: a.title,
          text: a.text,
          link: a.link ?? null,
          from: a.createdByName,
          sentAt: a.startedAt ?? a.sendAt,
        });
      }

      let myPair = null;
      if (membership?.pairId) {
        const pair = await ctx.repos.pairs.get(cohortId, membership.pairId);
        const partnerId = pair ? partnerOf(pair.value, membership.participantId) : undefined;
        if (pair && partnerId) {
          const [partner, space] = await Promise.all([
            ctx.repos.participants.get(cohortId, partnerId),
            ctx.repos.pairSpaces.load(pair.value.id),
          ]);
          const meetings = space.meetings.map((m) => m.value);
          const next = meetings
            .filter((m) => m.status === 'planned' && (m.plannedAt ?? '') >= now.toISOString())
            .sort((a, b) => (a.plannedAt ?? '').localeCompare(b.plannedAt ?? ''))[0];
          myPair = {
            id: pair.value.id,
            state: pair.value.state,
            partnerName: partner?.value.displayName ?? null,
            progress: progress(cohort.value.cadence, meetings).summary,
            nextMeetingAt: next?.plannedAt ?? null,
          };
        }
      }

      let health = null;
      if (coordinator) {
        const rows = await cohortHealth(ctx.repos, cohortId);
        const counts: Partial<Record<PairHealth, number>> = {};
        for (const row of rows) counts[row.health] = (counts[row.health] ?? 0) + 1;
        health = {
          pairs: rows.length,
          counts: (Object.keys(HEALTH_WORDS) as PairHealth[]).map((h) => ({
            health: h,
            text: HEALTH_WORDS[h],
            count: counts[h] ?? 0,
          })),
        };
      }

      return {
        body: {
          cohort: cohortView(cohort.value),
          viewer: coordinator ? 'coordinator' : 'participant',
          channel: cohort.value.channel?.channelName ?? null,
          upcomingEvents,
          announcements: mine,
          myPair,
          health,
        },
      };
    }),
  );

  /** Which cohort a Teams channel belongs to (set when the channel tab was added). */
  server.get(
    '/api/channels/:channelId/cohort',
    authedRoute(ctx.http, async ({ caller, params }) => {
      const channelId = params.channelId ?? '';
      const cohorts = await ctx.repos.cohorts.list();
      const cohort = cohorts.find((c) => c.channel?.channelId === channelId);
      if (!cohort) throw AppError.notFound('This channel is not linked to a cohort');
      await viewer(caller, cohort.id);
      return { body: { cohortId: cohort.id } };
    }),
  );
}
