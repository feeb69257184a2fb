import type { EventAudience, EventType, RsvpResponse } from './calendar';
import type { CohortSummary, PairHealth, PairState } from './cohorts';

/**
 * The programme channel's home on the wire: what everyone in the cohort may see, the caller's
 * own pair in brief and, for coordinators, the pairs' health in counts.
 */

/** `GET /api/cohorts/{id}/home`: what everyone in the cohort may see, and the caller's pair. */
export interface CohortHome {
  cohort: CohortSummary;
  viewer: 'coordinator' | 'participant';
  channel: string | null;
  upcomingEvents: {
    id: string;
    title: string;
    type: EventType;
    typeText: string;
    audience: EventAudience;
    start: string;
    end: string;
    location: string;
    myResponse: RsvpResponse | null;
  }[];
  announcements: {
    id: string;
    title: string;
    text: string;
    link: { url: string; label: string } | null;
    from: string;
    sentAt: string;
  }[];
  myPair: null | {
    id: string;
    state: PairState;
    partnerName: string | null;
    progress: string;
    nextMeetingAt: string | null;
  };
  /** Coordinators only: how many pairs are in each health. */
  health: null | { pairs: number; counts: { health: PairHealth; text: string; count: number }[] };
}

/** `GET /api/channels/{channelId}/cohort`. */
export interface ChannelCohort {
  cohortId: string;
}
