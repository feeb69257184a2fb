import type { CohortHome } from '../../../contracts/channel-home';
import { HEALTH_WORDS, PAIR_HEALTHS } from '../../../contracts/cohorts';
import { AppError } from '../../../platform/errors';
import type { CalendarService } from '../../calendar/index';
import {
  type Cadence,
  type CohortService,
  type IdentityService,
  type Membership,
  cohortView,
} from '../../cohorts/index';
import { type Meeting, type PairHealthRow, progress } from '../../journey/index';
import type { VouchedEmail } from '../../../platform/vouched-email';

const UPCOMING = 5;
const RECENT = 5;

/** What the home reads of an announcement (the announcements feature's record, in part). */
export interface HomeAnnouncement {
  id: string;
  kind: string;
  status: string;
  title: string;
  text: string;
  link?: { url: string; label: string };
  createdByName: string;
  startedAt?: string;
  sendAt: string;
}

/** The cohort's recent announcements, and whether one was addressed to a participant. */
export interface HomeAnnouncements {
  recent(cohortId: string, limit: number): Promise<HomeAnnouncement[]>;
  getRecipient(
    announcementId: string,
    participantId: string,
  ): Promise<{ value: { status: string } } | undefined>;
}

/** What the home needs of the pair's journey. */
export interface HomeJourney {
  /** The pair's meetings, as its space holds them. */
  meetingsOf(pairId: string): Promise<Meeting[]>;
  /** Every pair's health in the cohort (coordinators only see the counts). */
  cohortHealth(cohortId: string): Promise<PairHealthRow[]>;
}

export interface ChannelHomeDeps {
  identity: Pick<IdentityService, 'runsCohort' | 'membershipsOf'>;
  cohorts: Pick<CohortService, 'find' | 'pairOf' | 'forChannel'>;
  calendar: Pick<CalendarService, 'upcoming'>;
  announcements: HomeAnnouncements;
  journey: HomeJourney;
  now: () => Date;
}

/** The signed-in person: object id, and the vouched email that may link them the first time. */
export interface HomeViewer {
  userId: string;
  email?: VouchedEmail;
}

const NOT_IN_COHORT = 'You are not in that cohort';

/**
 * The programme channel's home: what everyone in the cohort may see (upcoming events they are
 * invited to, recent announcements sent to them) and the caller's own pair in brief.
 * Coordinators also get the pairs' health as counts. Never another pair's details.
 */
export class ChannelHomeService {
  constructor(private readonly deps: ChannelHomeDeps) {}

  /** The caller's membership of the cohort and whether they coordinate; else 404. */
  private async viewer(person: HomeViewer, cohortId: string) {
    const [memberships, coordinator] = await Promise.all([
      this.deps.identity.membershipsOf(person.userId, async () => person.email),
      this.deps.identity.runsCohort(person.userId, cohortId),
    ]);
    const membership = memberships.find((m) => m.cohortId === cohortId);
    if (!membership && !coordinator) throw AppError.notFound(NOT_IN_COHORT);
    return { membership, coordinator };
  }

  async home(person: HomeViewer, cohortId: string): Promise<CohortHome> {
    // The cohort row is read alongside the check; nothing of it is answered unless it passes.
    const [{ membership, coordinator }, cohort] = await Promise.all([
      this.viewer(person, cohortId),
      this.deps.cohorts.find(cohortId),
    ]);
    if (!cohort) throw AppError.notFound(NOT_IN_COHORT);
    const now = this.deps.now();
    const [upcomingEvents, announcements, myPair, health] = await Promise.all([
      this.deps.calendar.upcoming(cohortId, { coordinator, membership }, now, UPCOMING),
      this.announcementsFor(cohortId, membership, coordinator),
      this.myPair(cohortId, cohort.value.cadence, membership, now),
      coordinator ? this.healthCounts(cohortId) : Promise.resolve(null),
    ]);
    return {
      cohort: cohortView(cohort.value),
      viewer: coordinator ? 'coordinator' : 'participant',
      channel: cohort.value.channel?.channelName ?? null,
      upcomingEvents,
      announcements,
      myPair,
      health,
    };
  }

  /** Which cohort a Teams channel belongs to, for someone in it (or a coordinator); else 404. */
  async cohortOfChannel(person: HomeViewer, channelId: string): Promise<{ cohortId: string }> {
    const cohort = await this.deps.cohorts.forChannel(channelId);
    if (!cohort) throw AppError.notFound('This channel is not linked to a cohort');
    await this.viewer(person, cohort.id);
    return { cohortId: cohort.id };
  }

  /**
   * Announcements addressed to the caller (coordinators: every one sent to the cohort). One
   * that did not reach them in chat (blocked, failed) is shown here all the same; one whose
   * send was cancelled before their turn never went to them, so it is not.
   */
  private async announcementsFor(
    cohortId: string,
    membership: Membership | undefined,
    coordinator: boolean,
  ): Promise<CohortHome['announcements']> {
    const recent = (await this.deps.announcements.recent(cohortId, 25)).filter(
      (a) => a.kind === 'announcement' && a.status !== 'scheduled',
    );
    const mine: CohortHome['announcements'] = [];
    for (const a of recent) {
      if (mine.length >= RECENT) break;
      const row =
        membership === undefined
          ? undefined
          : await this.deps.announcements.getRecipient(a.id, membership.participantId);
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
    return mine;
  }

  /** The caller's own pair in brief: its state, partner's name, progress and next meeting. */
  private async myPair(
    cohortId: string,
    cadence: Cadence,
    membership: Membership | undefined,
    now: Date,
  ): Promise<CohortHome['myPair']> {
    if (!membership?.pairId) return null;
    const mine = await this.deps.cohorts.pairOf(
      cohortId,
      membership.pairId,
      membership.participantId,
    );
    if (!mine) return null;
    const meetings = await this.deps.journey.meetingsOf(mine.pair.id);
    const next = meetings
      .filter((m) => m.status === 'planned' && (m.plannedAt ?? '') >= now.toISOString())
      .sort((a, b) => (a.plannedAt ?? '').localeCompare(b.plannedAt ?? ''))[0];
    return {
      id: mine.pair.id,
      state: mine.pair.state,
      partnerName: mine.partner?.displayName ?? null,
      progress: progress(cadence, meetings).summary,
      nextMeetingAt: next?.plannedAt ?? null,
    };
  }

  /** How many pairs are in each health, in the order the words are listed. */
  private async healthCounts(cohortId: string): Promise<CohortHome['health']> {
    const rows = await this.deps.journey.cohortHealth(cohortId);
    const counts = new Map<string, number>();
    for (const row of rows) counts.set(row.health, (counts.get(row.health) ?? 0) + 1);
    return {
      pairs: rows.length,
      counts: PAIR_HEALTHS.map((h) => ({
        health: h,
        text: HEALTH_WORDS[h],
        count: counts.get(h) ?? 0,
      })),
    };
  }
}
