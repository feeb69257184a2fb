import { DateTime } from 'luxon';
import { buildActionReminderCard } from '../cards/action-reminder-card';
import { buildBookingNudgeCard } from '../cards/booking-nudge-card';
import { buildCheckInCard } from '../cards/check-in-card';
import { buildContractCard } from '../cards/contract-card';
import { buildFinalReviewCard } from '../cards/final-review-card';
import { buildFitCheckCard } from '../cards/fit-check-card';
import { buildIntroductionCard } from '../cards/introduction-card';
import { type MyActionsItem, buildMyActionsCard } from '../cards/my-actions-card';
import { buildNextMeetingCard } from '../cards/next-meeting-card';
import { buildEndCard, buildPauseCard, buildResumeCard } from '../cards/pause-end-card';
import { buildPreparationCard } from '../cards/preparation-card';
import { buildReflectionCard } from '../cards/reflection-card';
import { type CardJson, withRefresh } from '../../../platform/teams/cards/render';
import { formatMinutes, progress } from '../domain/meeting-plan';
import type { Meeting } from '../domain/pair-space';
import type { Participant } from '../../cohorts/domain/participant';
import { resolveTimeZone } from '../domain/send-window';
import { type PairContext, sides } from '../services/pair-context';

/**
 * Views of one pair for one person, as cards. Every date is shown in the viewer's own time
 * zone in en-GB style. A partner's private text never appears: preparation only when shared.
 */

export interface Form {
  errors?: Record<string, string>;
  values?: Record<string, string>;
}

const CARD_VERSION = 1;

export function whenText(iso: string, timeZone: string): string {
  return DateTime.fromISO(iso, { zone: resolveTimeZone(timeZone) })
    .setLocale('en-GB')
    .toFormat("'on' cccc d LLLL 'at' HH:mm");
}

export function dayText(isoDate: string): string {
  return DateTime.fromISO(isoDate).setLocale('en-GB').toFormat('cccc d LLLL');
}

function dateText(iso: string, timeZone: string): string {
  return DateTime.fromISO(iso, { zone: resolveTimeZone(timeZone) })
    .setLocale('en-GB')
    .toFormat('d LLLL');
}

export function chatUrl(partner: Participant): string {
  return `https://teams.microsoft.com/l/chat/0/0?users=${encodeURIComponent(partner.email)}`;
}

export function meetingUrl(partner: Participant, subject: string): string {
  const query = new URLSearchParams({ subject, attendees: partner.email });
  return `https://teams.microsoft.com/l/meeting/new?${query.toString()}`;
}

function viewer(ctx: PairContext, participantId: string) {
  const who = sides(ctx, participantId);
  if (!who) throw new Error('not a partner in this pair');
  return who;
}

function meeting(ctx: PairContext, meetingId: string): Meeting {
  const found = ctx.space.meetings.find((m) => m.value.id === meetingId);
  if (!found) throw new Error(`no meeting ${meetingId}`);
  return found.value;
}

export function introductionCard(ctx: PairContext, participantId: string): CardJson {
  const { me, partner, myRole } = viewer(ctx, participantId);
  return buildIntroductionCard({
    recipientName: me.displayName,
    partner: {
      displayName: partner.displayName,
      jobTitle: partner.jobTitle,
      organisation: partner.organisation,
    },
    myRole,
    arrangement: ctx.pair.value.arrangement,
    cohortName: ctx.cohort.name,
    plannedMeetings: ctx.cohort.cadence.plannedMeetings,
    minimumMeetings: ctx.cohort.cadence.minimumMeetings,
    minimumMinutes: ctx.cohort.cadence.minimumMinutes,
    chatUrl: chatUrl(partner),
    meetingUrl: meetingUrl(partner, 'Reverse mentoring: our first meeting'),
    pairId: ctx.pair.value.id,
    cardVersion: CARD_VERSION,
  });
}

export function contractCard(
  ctx: PairContext,
  participantId: string,
  timeZone: string,
  form: Form & { editing?: boolean } = {},
): CardJson {
  const { myRole } = viewer(ctx, participantId);
  const contract = ctx.space.contract?.value;
  if (!contract) throw new Error('no contract yet');
  const party = (p: Participant, at?: string) => ({
    name: p.displayName,
    agreedAt: at ? dateText(at, timeZone) : undefined,
  });
  const card = buildContractCard({
    pairId: ctx.pair.value.id,
    cardVersion: CARD_VERSION,
    contractVersion: contract.version,
    terms: contract.terms,
    mentor: party(ctx.mentor, contract.mentorAgreedAt),
    mentee: party(ctx.mentee, contract.menteeAgreedAt),
    viewerRole: myRole,
    editing: form.editing,
    errors: form.errors,
    values: form.values,
  });
  // Both partners' copies refresh when viewed, so each sees who has agreed and who is awaited.
  const userIds = [ctx.mentor.userId, ctx.mentee.userId].filter((id): id is string => !!id);
  return form.editing
    ? card
    : withRefresh(
        card,
        'contract.open',
        { pairId: ctx.pair.value.id, cardVersion: CARD_VERSION },
        userIds,
      );
}

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

export function fitCheckCard(ctx: PairContext, participantId: string, form: Form = {}): CardJson {
  const { partner } = viewer(ctx, participantId);
  return buildFitCheckCard({
    pairId: ctx.pair.value.id,
    cardVersion: CARD_VERSION,
    partnerName: partner.displayName,
    errors: form.errors,
    values: form.values,
  });
}

export function heldSummary(ctx: PairContext): string {
  const meetings = ctx.space.meetings.map((m) => m.value);
  const held = meetings.filter((m) => m.status === 'held');
  const minutes = held.reduce((sum, m) => sum + (m.heldMinutes ?? 0), 0);
  return `You met ${held.length} time${held.length === 1 ? '' : 's'} out of ${ctx.cohort.cadence.plannedMeetings} planned, ${formatMinutes(minutes)} in all.`;
}

export function finalReviewCard(
  ctx: PairContext,
  participantId: string,
  form: Form = {},
): CardJson {
  const { partner } = viewer(ctx, participantId);
  return buildFinalReviewCard({
    pairId: ctx.pair.value.id,
    cardVersion: CARD_VERSION,
    partnerName: partner.displayName,
    heldSummary: heldSummary(ctx),
    errors: form.errors,
    values: form.values,
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
  const today = DateTime.fromJSDate(now, { zone: resolveTimeZone(timeZone) }).toISODate() ?? '';
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
        overdue: !a.doneAt && a.dueDate < today,
        done: Boolean(a.doneAt),
      });
    }
  });
  items.sort((a, b) => Number(a.done) - Number(b.done));
  return buildMyActionsCard({ actions: items, cardVersion: CARD_VERSION });
}

export function pauseCard(ctx: PairContext, participantId: string, form: Form = {}): CardJson {
  const { partner } = viewer(ctx, participantId);
  return buildPauseCard({
    pairId: ctx.pair.value.id,
    cardVersion: CARD_VERSION,
    partnerName: partner.displayName,
    errors: form.errors,
    values: form.values,
  });
}

export function resumeCard(ctx: PairContext, participantId: string, timeZone: string): CardJson {
  const { partner } = viewer(ctx, participantId);
  return buildResumeCard({
    pairId: ctx.pair.value.id,
    cardVersion: CARD_VERSION,
    partnerName: partner.displayName,
    pausedUntilText: ctx.status.pausedUntil
      ? `until ${dateText(ctx.status.pausedUntil, timeZone)}`
      : undefined,
  });
}

export function endCard(ctx: PairContext, participantId: string, form: Form = {}): CardJson {
  const { partner } = viewer(ctx, participantId);
  return buildEndCard({
    pairId: ctx.pair.value.id,
    cardVersion: CARD_VERSION,
    partnerName: partner.displayName,
    errors: form.errors,
    values: form.values,
  });
}
