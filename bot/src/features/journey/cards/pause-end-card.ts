import { JOURNEY_LIMITS } from '../../../contracts/journey';
/**
 * Pausing, resuming and ending a pairing: private to whoever does it. The partner gets only a
 * neutral notice (no name of who did it, no reason); the reason, when given, goes only to the
 * programme team.
 */
import { cardTemplate, type CardJson, heading } from '../../../platform/teams/cards/render';
import {
  expandJourneyCard,
  field,
  type FormState,
  formModel,
  subtle,
  text,
} from '../../../platform/teams/cards/card-kit';
import { execute } from './journey-verbs';

export type PauseInputId = 'weeks' | 'reason';
export type EndInputId = 'reason';

export interface PauseCardData extends FormState<PauseInputId> {
  pairId: string;
  cardVersion: number;
  partnerName: string;
}

export interface ResumeCardData {
  pairId: string;
  cardVersion: number;
  partnerName: string;
  /** e.g. "until 28 April"; omit when paused until resumed. */
  pausedUntilText?: string;
}

export interface EndCardData extends FormState<EndInputId> {
  pairId: string;
  cardVersion: number;
  partnerName: string;
}

export interface PartnerNoticeCardData {
  /** `pause-over`: a pause for a set time reached its end and the pairing resumed by itself. */
  kind: 'paused' | 'resumed' | 'ended' | 'pause-over';
}

/** The values of the `weeks` input; 'until_resumed' has no end date. */
export const PAUSE_WEEKS = ['2', '4', '8', 'until_resumed'] as const;

const REASON_LABEL =
  "Reason (optional): only the programme team sees this; you don't have to give one";

const reasonField = field({
  type: 'Input.Text',
  id: 'reason',
  label: REASON_LABEL,
  isMultiline: true,
  maxLength: JOURNEY_LIMITS.changeReason,
});

const ids = { pairId: '${pairId}', cardVersion: '${cardVersion}' };

const pauseTemplate = cardTemplate(
  [
    heading('Pause our pairing'),
    text(
      'Pausing stops meetings and reminders for a while. You can resume at any time. ${partnerName} will be told only that the pairing is paused, not why.',
    ),
    ...field({
      type: 'Input.ChoiceSet',
      id: 'weeks',
      label: 'Pause for',
      style: 'expanded',
      isRequired: true,
      errorMessage: 'Choose how long to pause for.',
      choices: [
        { title: '2 weeks', value: '2' },
        { title: '4 weeks', value: '4' },
        { title: '8 weeks', value: '8' },
        { title: 'Until I resume it', value: 'until_resumed' },
      ],
    }),
    ...reasonField,
  ],
  [execute('Pause the pairing', 'pair.pause', ids)],
);

const resumeTemplate = cardTemplate(
  [
    heading('Your pairing is paused'),
    text('Meetings and reminders are paused${untilText}. Resume whenever you are ready.'),
    subtle('${partnerName} will be told only that the pairing has resumed.'),
  ],
  [execute('Resume our pairing', 'pair.resume', ids, { style: 'positive' })],
);

const endTemplate = cardTemplate(
  [
    heading('End our pairing'),
    text(
      'You can end your pairing at any time, without giving a reason. No blame. Your partner will be told only that the pairing has ended.',
    ),
    subtle(
      'If you would rather talk it through first, or would like a pause instead, your programme coordinator can help in confidence.',
    ),
    ...reasonField,
  ],
  [
    {
      type: 'Action.ShowCard',
      title: 'End the pairing…',
      card: {
        type: 'AdaptiveCard',
        body: [
          text(
            'Are you sure you want to end your pairing with ${partnerName}? Meetings and reminders stop for you both.',
          ),
        ],
        actions: [
          execute(
            'Yes, end the pairing',
            'pair.end',
            { ...ids, confirmed: true },
            { style: 'destructive' },
          ),
        ],
      },
    },
  ],
);

const NOTICES: Record<PartnerNoticeCardData['kind'], { title: string; lines: string[] }> = {
  paused: {
    title: 'Your pairing is paused',
    lines: [
      'Your mentoring pairing has been paused for now. Meetings and reminders stop until it resumes; you do not need to do anything.',
      'If you would like to talk about it, your programme coordinator is there to help, in confidence.',
    ],
  },
  resumed: {
    title: 'Your pairing has resumed',
    lines: [
      'Your mentoring pairing is active again. I will remind you when it is time to plan your next meeting.',
    ],
  },
  'pause-over': {
    title: 'Welcome back: your pairing has resumed',
    lines: [
      'The pause on your mentoring pairing has come to its end, so your pairing is active again. I will remind you when it is time to plan your next meeting.',
      'If now is still not a good time, you can pause again whenever you need to: type "pause".',
    ],
  },
  ended: {
    title: 'Your pairing has ended',
    lines: [
      'Your mentoring pairing has ended. Pairings end for all sorts of reasons, and no one is at fault. Thank you for the time you have given.',
      'If you would like to talk about it, or about what comes next, your programme coordinator is there to help, in confidence.',
    ],
  },
};

const noticeTemplate = cardTemplate([
  heading('${title}'),
  { type: 'TextBlock', $data: '${lines}', text: '${$data}', wrap: true },
]);

export function buildPauseCard(data: PauseCardData): CardJson {
  return expandJourneyCard(pauseTemplate, {
    pairId: data.pairId,
    cardVersion: data.cardVersion,
    partnerName: data.partnerName,
    form: formModel({ weeks: '', reason: '' }, data),
  });
}

export function buildResumeCard(data: ResumeCardData): CardJson {
  return expandJourneyCard(resumeTemplate, {
    pairId: data.pairId,
    cardVersion: data.cardVersion,
    partnerName: data.partnerName,
    untilText: data.pausedUntilText ? ` ${data.pausedUntilText}` : '',
  });
}

export function buildEndCard(data: EndCardData): CardJson {
  return expandJourneyCard(endTemplate, {
    pairId: data.pairId,
    cardVersion: data.cardVersion,
    partnerName: data.partnerName,
    form: formModel({ reason: '' }, data),
  });
}

/** The neutral notice the other partner gets: no name of who did it, and no reason. */
export function buildPartnerNoticeCard(data: PartnerNoticeCardData): CardJson {
  return expandJourneyCard(noticeTemplate, NOTICES[data.kind]);
}
