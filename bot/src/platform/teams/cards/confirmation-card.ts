import { cardTemplate, type CardJson, heading } from './render';
import { expandJourneyCard } from './card-kit';

export interface ConfirmationCardData {
  /** e.g. "Saved" or "✓ Meeting 3 booked" */
  title: string;
  lines: string[];
}

const template = cardTemplate([
  heading('${title}'),
  { type: 'TextBlock', $data: '${lines}', text: '${$data}', wrap: true },
]);

/** A small card that replaces an answered card in place, saying what was saved. */
export function buildConfirmationCard(data: ConfirmationCardData): CardJson {
  return expandJourneyCard(template, { title: data.title, lines: data.lines });
}
