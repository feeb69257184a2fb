import type { PairReflection, PairSpace } from '../../../contracts/journey';
import { httpEtag } from '../../../platform/http/etag';
import { progress } from '../domain/meeting-plan';
import { nextStep } from '../domain/next-step';
import { type Reflection, isOverdue } from '../domain/pair-space';
import { resolveTimeZone } from '../domain/send-window';
import { type PairContext, sides } from './pair-context';

/**
 * What one partner may see of their pair's space, and nothing more: both partners' shared
 * work (goals, actions, meetings, contract), their own preparation and reflections, and only
 * what the partner chose to share. Coordinators never get this view.
 */
export function pairSpaceView(
  ctx: PairContext,
  participantId: string,
  now: Date,
  timeZone?: string,
): PairSpace {
  const who = sides(ctx, participantId);
  if (!who) throw new Error('not a partner in this pair');
  const { me, partner, myRole } = who;
  const zone = resolveTimeZone(timeZone ?? ctx.timeZone);
  const meetings = ctx.space.meetings.map((m) => m.value);
  const contract = ctx.space.contract?.value;
  const mineFirst = (id: string) => (id === me.id ? 'me' : 'partner');
  const next = meetings
    .filter((m) => m.status === 'planned' && (m.plannedAt ?? '') >= now.toISOString())
    .sort((a, b) => (a.plannedAt ?? '').localeCompare(b.plannedAt ?? ''))[0];
  const preparation = next
    ? {
        meetingId: next.id,
        mine:
          ctx.space.preparations
            .map((p) => p.value)
            .filter((p) => p.meetingId === next.id && p.authorId === me.id)
            .map((p) => ({ topics: p.topics, shared: p.shared }))[0] ?? null,
        partner:
          ctx.space.preparations
            .map((p) => p.value)
            .filter((p) => p.meetingId === next.id && p.authorId === partner.id && p.shared)
            .map((p) => ({ topics: p.topics }))[0] ?? null,
      }
    : null;
  const reflections = ctx.space.reflections.map((r) => r.value);

  return {
    pair: {
      id: ctx.pair.value.id,
      state: ctx.pair.value.state,
      arrangement: ctx.pair.value.arrangement,
      myRole,
    },
    cohort: {
      id: ctx.cohort.id,
      name: ctx.cohort.name,
      startDate: ctx.cohort.startDate,
      endDate: ctx.cohort.endDate,
      isDemo: ctx.cohort.isDemo,
      cadence: ctx.cohort.cadence,
    },
    me: { participantId: me.id, displayName: me.displayName },
    partner: {
      displayName: partner.displayName,
      role: partner.role,
      organisation: partner.organisation ?? null,
      jobTitle: partner.jobTitle ?? null,
    },
    contract: contract
      ? {
          version: contract.version,
          terms: contract.terms,
          agreedByMe: Boolean(
            myRole === 'mentor' ? contract.mentorAgreedAt : contract.menteeAgreedAt,
          ),
          agreedByPartner: Boolean(
            myRole === 'mentor' ? contract.menteeAgreedAt : contract.mentorAgreedAt,
          ),
        }
      : null,
    progress: progress(ctx.cohort.cadence, meetings),
    nextStep: nextStep({
      state: ctx.pair.value.state,
      participantId: me.id,
      meetings,
      reflections,
      now,
      timeZone: zone,
    }),
    meetings: meetings.map((m) => ({
      id: m.id,
      number: m.number ?? null,
      status: m.status,
      windowStart: m.windowStart,
      windowEnd: m.windowEnd,
      plannedAt: m.plannedAt ?? null,
      plannedMinutes: m.plannedMinutes ?? null,
      mode: m.mode ?? null,
      heldMinutes: m.heldMinutes ?? null,
    })),
    goals: ctx.space.goals
      .map(({ value: g, etag }) => ({ ...g, etag: httpEtag(etag) }))
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
    actions: ctx.space.actions.map(({ value: a, etag }) => ({
      id: a.id,
      text: a.text,
      owner: mineFirst(a.ownerId),
      dueDate: a.dueDate,
      done: Boolean(a.doneAt),
      overdue: isOverdue(a, now, zone),
      meetingId: a.meetingId ?? null,
      etag: httpEtag(etag),
    })),
    preparation,
    reflections: {
      mine: reflections.filter((r) => r.authorId === me.id).map(reflectionView),
      sharedWithMe: reflections
        .filter((r) => r.authorId === partner.id && r.sharedWithPartner)
        .map(reflectionView),
    },
  };
}

/** What the API shows of a reflection: to its author, or to the partner it was shared with. */
export function reflectionView(r: Reflection): PairReflection {
  return {
    id: r.id,
    meetingId: r.meetingId,
    learned: r.learned,
    doDifferently: r.doDifferently,
    sharedWithPartner: r.sharedWithPartner,
    createdAt: r.createdAt,
  };
}

/** The pair space as the API answers it (the journey contract's shape). */
export type PairSpaceView = PairSpace;
