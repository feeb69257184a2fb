import { buildContractCard } from '../cards/contract-card';
import { buildContractChaserCard } from '../cards/contract-chaser-card';
import { buildFinalReviewCard } from '../cards/final-review-card';
import { buildFitCheckCard } from '../cards/fit-check-card';
import { buildIntroductionCard } from '../cards/introduction-card';
import { buildEndCard, buildPauseCard, buildResumeCard } from '../cards/pause-end-card';
import { buildConfirmationCard } from '../../../platform/teams/cards/confirmation-card';
import { type CardJson, withRefresh } from '../../../platform/teams/cards/render';
import { formatMinutes } from '../domain/meeting-plan';
import type { Participant } from '../../cohorts';
import type { PairContext } from '../services/pair-context';
import { CARD_VERSION, type Form, chatUrl, dateText, meetingUrl, viewer } from './view-format';

/**
 * Views of one pair for one person, as cards. Every date is shown in the viewer's own time
 * zone in en-GB style. A partner's private text never appears: preparation only when shared.
 * This module holds the pair's own cards (introduction, contract, fit check, final review,
 * pause, resume, end); meeting-views.ts the meetings' and actions'.
 */

export { type Form, chatUrl, dayText, meetingUrl, whenText } from './view-format';
export * from './meeting-views';

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
  if (!contract) return contractNotReadyCard();
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

/** The one gentle chaser when the contract is not agreed five working days after the introduction. */
export function contractChaserCard(ctx: PairContext, participantId: string): CardJson {
  const { me, partner, myRole } = viewer(ctx, participantId);
  const contract = ctx.space.contract?.value;
  const agreedBy = (role: 'mentor' | 'mentee') =>
    Boolean(role === 'mentor' ? contract?.mentorAgreedAt : contract?.menteeAgreedAt);
  return buildContractChaserCard({
    recipientName: me.displayName,
    partnerName: partner.displayName,
    cohortName: ctx.cohort.name,
    iHaveAgreed: agreedBy(myRole),
    partnerHasAgreed: agreedBy(myRole === 'mentor' ? 'mentee' : 'mentor'),
    chatUrl: chatUrl(partner),
    pairId: ctx.pair.value.id,
    cardVersion: CARD_VERSION,
  });
}

/** What a contract card answers before the contract exists (it comes with the introduction). */
export function contractNotReadyCard(): CardJson {
  return buildConfirmationCard({
    title: 'Your contract is not ready yet',
    lines: [
      'It arrives with your introduction to your partner; I will send it to you then. Nothing was agreed or changed.',
    ],
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
