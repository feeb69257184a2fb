import { cardTemplate, type CardJson, heading } from '../../../platform/teams/cards/render';
import {
  durationText,
  expandJourneyCard,
  firstName,
  openUrl,
  subheading,
  subtle,
  text,
} from '../../../platform/teams/cards/card-kit';
import { execute } from './journey-verbs';

export interface IntroductionCardData {
  recipientName: string;
  partner: { displayName: string; jobTitle?: string; organisation?: string };
  myRole: 'mentor' | 'mentee';
  arrangement: 'reverse' | 'reciprocal';
  cohortName: string;
  plannedMeetings: number;
  minimumMeetings: number;
  minimumMinutes: number;
  /** Deep link to a 1:1 Teams chat with the partner. */
  chatUrl: string;
  /** Deep link to a new Teams meeting with the partner. */
  meetingUrl: string;
  pairId: string;
  cardVersion: number;
}

const template = cardTemplate(
  [
    heading('Meet your partner, ${recipientFirst}'),
    subtle('${cohortName}', { spacing: 'None' }),
    text('You have been paired with **${partnerName}**.'),
    {
      type: 'FactSet',
      $when: '${count(partnerFacts) > 0}',
      facts: [{ $data: '${partnerFacts}', title: '${title}', value: '${value}' }],
    },
    text('${roleText}'),
    subheading('How it works'),
    {
      type: 'FactSet',
      facts: [
        { title: 'Meet', value: '${meetText}' },
        {
          title: 'Prepare',
          value:
            'Before each meeting I ask what you would like to cover; you can share it with ${partnerFirst}.',
        },
        {
          title: 'Reflect',
          value:
            'After each meeting, a short reflection that is private to you unless you choose to share it.',
        },
        {
          title: 'Actions',
          value: 'Note what you agree to do, and I remind whoever owns each one.',
        },
      ],
    },
    subheading('Your first step'),
    text(
      'Say hello to ${partnerFirst}, then read and agree your relationship contract together: the ground rules for confidentiality, how often you meet, and how either of you can pause or end without blame.',
    ),
  ],
  [
    openUrl('Chat with ${partnerFirst}', '${chatUrl}'),
    openUrl('Schedule a Teams meeting', '${meetingUrl}'),
    execute('Read and agree our contract', 'contract.open', {
      pairId: '${pairId}',
      cardVersion: '${cardVersion}',
    }),
  ],
);

function roleText(data: IntroductionCardData, partnerFirst: string): string {
  if (data.arrangement === 'reciprocal') {
    return `You mentor each other (reciprocal mentoring): each of you shares your own experience and perspective, and learns from the other's.`;
  }
  return data.myRole === 'mentor'
    ? `You are the reverse mentor: you share your lived experience and perspective with ${partnerFirst}, a senior leader, and offer honest, constructive feedback. ${partnerFirst} is your mentee.`
    : `You are the mentee: ${partnerFirst} is your reverse mentor and will share their lived experience and perspective with you. Your part is to listen, ask questions, and open up how senior decisions are made.`;
}

export function buildIntroductionCard(data: IntroductionCardData): CardJson {
  const partnerFirst = firstName(data.partner.displayName);
  const partnerFacts = [
    { title: 'Job title', value: data.partner.jobTitle },
    { title: 'Organisation', value: data.partner.organisation },
  ].filter((f): f is { title: string; value: string } => Boolean(f.value));
  const minimum = `at least ${data.minimumMeetings} meetings of ${durationText(data.minimumMinutes)} or more`;
  return expandJourneyCard(template, {
    recipientFirst: firstName(data.recipientName),
    cohortName: data.cohortName,
    partnerName: data.partner.displayName,
    partnerFirst,
    partnerFacts,
    roleText: roleText(data, partnerFirst),
    meetText: `Once a month, ${data.plannedMeetings} meetings in all; the programme asks for ${minimum}.`,
    chatUrl: data.chatUrl,
    meetingUrl: data.meetingUrl,
    pairId: data.pairId,
    cardVersion: data.cardVersion,
  });
}
