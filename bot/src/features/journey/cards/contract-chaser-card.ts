import { cardTemplate, type CardJson, heading } from '../../../platform/teams/cards/render';
import {
  expandJourneyCard,
  firstName,
  openUrl,
  subtle,
  text,
} from '../../../platform/teams/cards/card-kit';
import { execute } from './journey-verbs';

/**
 * The one gentle chaser, five working days after the introduction, when the pair has not yet
 * agreed its relationship contract. Sent to both partners; the words depend on whether the
 * recipient has already agreed. Never sent twice.
 */
export interface ContractChaserCardData {
  recipientName: string;
  partnerName: string;
  cohortName: string;
  /** The recipient has agreed; only their partner is awaited. */
  iHaveAgreed: boolean;
  /** The partner has agreed; only the recipient is awaited. */
  partnerHasAgreed: boolean;
  /** Deep link to a 1:1 Teams chat with the partner. */
  chatUrl: string;
  pairId: string;
  cardVersion: number;
}

const template = cardTemplate(
  [
    heading('${title}'),
    subtle('${cohortName}', { spacing: 'None' }),
    text('${lead}'),
    text('${next}'),
    subtle(
      'This is the only reminder I will send about the contract. If the pairing does not feel right, you can pause or end it privately, without giving a reason: type "help" to see how.',
      { spacing: 'Medium' },
    ),
  ],
  [
    execute(
      '${contractButton}',
      'contract.open',
      { pairId: '${pairId}', cardVersion: '${cardVersion}' },
      { style: 'positive' },
    ),
    openUrl('Chat with ${partnerFirst}', '${chatUrl}'),
  ],
);

export function buildContractChaserCard(data: ContractChaserCardData): CardJson {
  const me = firstName(data.recipientName);
  const partnerFirst = firstName(data.partnerName);
  const words = data.iHaveAgreed
    ? {
        title: `Waiting for ${partnerFirst}`,
        lead: `Thank you for agreeing your relationship contract, ${me}. ${partnerFirst} has not agreed it yet.`,
        next: `A quick hello in chat may help: your meetings start once you have both agreed.`,
        contractButton: 'See our contract',
      }
    : {
        title: `Your contract is waiting, ${me}`,
        lead: data.partnerHasAgreed
          ? `It has been a week since you were introduced to **${data.partnerName}**, who has already agreed your relationship contract.`
          : `It has been a week since you were introduced to **${data.partnerName}**, and your relationship contract is not agreed yet.`,
        next: 'Agreeing it is your first step together: read it, change any term you both want, or agree it as it is. Your meetings start once you have both agreed.',
        contractButton: 'Read and agree our contract',
      };
  return expandJourneyCard(template, {
    ...words,
    cohortName: data.cohortName,
    partnerFirst,
    chatUrl: data.chatUrl,
    pairId: data.pairId,
    cardVersion: data.cardVersion,
  });
}
