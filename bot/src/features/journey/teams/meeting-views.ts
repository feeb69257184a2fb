import { buildActionReminderCard } from '../cards/action-reminder-card';
import { buildBookingNudgeCard } from '../cards/booking-nudge-card';
import { buildCheckInCard } from '../cards/check-in-card';
import { type MyActionsItem, buildMyActionsCard } from '../cards/my-actions-card';
import { buildNextMeetingCard } from '../cards/next-meeting-card';
import { buildPreparationCard } from '../cards/preparation-card';
import { buildReflectionCard } from '../cards/reflection-card';
import type { CardJson } from '../../../platform/teams/cards/render';
import { progress } from '../domain/meeting-plan';
import { isOverdue } from '../domain/pair-space';
import type { PairContext } from '../services/pair-context';
import {
  CARD_VERSION,
  type Form,
  dateText,
  dayText,
  meeting,
  meetingUrl,
  viewer,
  whenText,
} from './view-format';

/** Views of a pair's meetings and actions for one person, as cards (see view-format.ts). */

export function bookingCard(
  ctx: PairContext,
  participantId: string,
  meetingId: string,
  timeZone: string,
  form: Form = {},
): CardJson {
  const { partner } = viewer(ctx, participantId);
  const m = meeting(ctx, meetingId);
  return buildBookingNudgeCard({
    pairId: ctx.pair.value.id,
    meetingId,
    cardVersion: CARD_VERSION,
    meetingNumber: m.number ?? 0,
    plannedMeetings: ctx.cohort.cadence.plannedMeetings,
    partnerName: partner.displayName,
    windowEndText: `by ${dateText(new Date(new Date(m.windowEnd).getTime() - 1).toISOString(), timeZone)}`,
    meetingUrl: meetingUrl(partner, `Reverse mentoring: meeting ${m.number ?? ''}`.trim()),
    errors: form.errors,
    values: form.values,
  });
}

function openActions(ctx: PairContext) {
  const names = new Map([
    [ctx.mentor.id, ctx.mentor.displayName],
    [ctx.mentee.id, ctx.mentee.displayName],
  ]);
  return ctx.space.actions
    .map((a) => a.value)
    .filter((a) => !a.doneAt)
    .map((a) => ({
      text: a.text,
      ownerName: names.get(a.ownerId) ?? '',
      dueText: dayText(a.dueDate),
    }));
}

export function preparationCard(
  ctx: PairContext,
  participantId: string,
  meetingId: string,
  timeZone: string,
  form: Form = {},
): CardJson {
  const { me, partner } = viewer(ctx, participantId);
  const m = meeting(ctx, meetingId);
  const mine = ctx.space.preparations.find(
    (p) => p.value.meetingId === meetingId && p.value.authorId === me.id,
  );
  const theirs = ctx.space.preparations.find(
    (p) => p.value.meetingId === meetingId && p.value.authorId === partner.id && p.value.shared,
  );
  return buildPreparationCard({
    pairId: ctx.pair.value.id,
    meetingId,
    cardVersion: CARD_VERSION,
    meetingNumber: m.number ?? 0,
    meetingWhenText: m.plannedAt ? whenText(m.plannedAt, timeZone) : '',
    partnerName: partner.displayName,
    openActions: openActions(ctx),
    partnerPreparation: theirs?.value.topics,
    myTopics: mine?.value.topics,
    errors: form.errors,
    values: form.values,
  });
}

export function reflectionCard(
  ctx: PairContext,
  participantId: string,
  meetingId: string,
  timeZone: string,
  form: Form = {},
): CardJson {
  const { partner } = viewer(ctx, participantId);
  const m = meeting(ctx, meetingId);
  return buildReflectionCard({
    pairId: ctx.pair.value.id,
    meetingId,
    cardVersion: CARD_VERSION,
    meetingNumber: m.number ?? 0,
    meetingWhenText: m.plannedAt ? whenText(m.plannedAt, timeZone) : '',
    partnerName: partner.displayName,
    errors: form.errors,
    values: form.values,
  });
}

export function actionReminderCard(
  ctx: PairContext,
  actionId: string,
  isDueToday: boolean,
): CardJson {
  const action = ctx.space.actions.find((a) => a.value.id === actionId)?.value;
  if (!action) throw new Error(`no action ${actionId}`);
  return buildActionReminderCard({
    pairId: ctx.pair.value.id,
    actionId,
    cardVersion: CARD_VERSION,
    text: action.text,
    dueText: dayText(action.dueDate),
    isDueToday,
    done: Boolean(action.doneAt),
  });
}

export function checkInCard(
  ctx: PairContext,
  participantId: string,
  meetingNumber: number,
  missedInARow: number,
): CardJson {
  const { partner } = viewer(ctx, participantId);
  const m = ctx.space.meetings.find((x) => x.value.number === meetingNumber)?.value;
  return buildCheckInCard({
    pairId: ctx.pair.value.id,
    meetingId: m?.id,
    cardVersion: CARD_VERSION,
    meetingNumber,
    partnerName: partner.displayName,
    missedInARow,
  });
}

/** The next planned meeting, or the window that needs one, with progress against the plan. */
export function nextMeetingCard(
  ctx: PairContext,
  participantId: string,
  timeZone: string,
  now: Date,
): CardJson {
  const { partner } = viewer(ctx, participantId);
  const meetings = ctx.space.meetings.map((m) => m.value);
  const upcoming = meetings
    .filter((m) => m.status === 'planned' && m.plannedAt && m.plannedAt >= now.toISOString())
    .sort((a, b) => (a.plannedAt ?? '').localeCompare(b.plannedAt ?? ''))[0];
  const open = meetings.find(
    (m) => m.status === 'unplanned' && m.windowEnd > now.toISOString() && m.number !== undefined,
  );
  const target = upcoming ?? open;
  return buildNextMeetingCard({
    meetingNumber: target?.number,
    plannedMeetings: ctx.cohort.cadence.plannedMeetings,
    whenText: upcoming?.plannedAt ? whenText(upcoming.plannedAt, timeZone) : undefined,
    modeText:
      upcoming?.mode === 'in_person'
        ? 'In person'
        : upcoming?.mode === 'online'
          ? 'Online (Teams)'
          : undefined,
    partnerName: partner.displayName,
    progressSummary: progress(ctx.cohort.cadence, meetings).summary,
    pairId: ctx.pair.value.id,
    meetingId: target?.id,
    cardVersion: CARD_VERSION,
  });
}

/** Open and recently done actions of every pair the person is in, overdue ones marked. */
export function myActionsCard(
  contexts: PairContext[],
  participantIds: string[],
  timeZone: string,
  now: Date,
): CardJson {
  const items: MyActionsItem[] = [];
  contexts.forEach((ctx, i) => {
    const me = participantIds[i]!;
    const names = new Map([
      [ctx.mentor.id, ctx.mentor.displayName],
      [ctx.mentee.id, ctx.mentee.displayName],
    ]);
    for (const { value: a } of ctx.space.actions) {
      items.push({
        actionId: a.id,
        pairId: ctx.pair.value.id,
        text: a.text,
        ownerName: a.ownerId === me ? 'You' : (names.get(a.ownerId) ?? ''),
        dueText: dateText(`${a.dueDate}T12:00:00Z`, 'UTC'),
        overdue: isOverdue(a, now, ctx.timeZone),
        done: Boolean(a.doneAt),
      });
    }
  });
  items.sort((a, b) => Number(a.done) - Number(b.done));
  return buildMyActionsCard({ actions: items, cardVersion: CARD_VERSION });
}
