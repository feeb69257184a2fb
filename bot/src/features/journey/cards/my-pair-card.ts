import { PAIR_STATE_WORDS, type PairState } from '../../../contracts/cohorts';
import {
  type CardJson,
  cardTemplate,
  expandCard,
  heading,
} from '../../../platform/teams/cards/render';

export interface MyPairCardData {
  cohortName: string;
  isDemo: boolean;
  myRole: 'mentor' | 'mentee';
  arrangement: 'reverse' | 'reciprocal';
  state: string;
  partner: { displayName: string; jobTitle?: string; organisation?: string };
}

const template = cardTemplate([
  heading('Your pair'),
  { type: 'TextBlock', text: '${cohortName}', isSubtle: true, wrap: true, spacing: 'None' },
  { type: 'TextBlock', text: '${arrangementText}', wrap: true },
  {
    type: 'FactSet',
    facts: [
      { title: 'Partner', value: '${partnerName}' },
      { title: 'Role', value: '${partnerWork}' },
      { title: 'Status', value: '${stateText}' },
    ],
  },
]);

/** What a state asks of the pair, after the state's word (PAIR_STATE_WORDS). */
const STATE_HINT: Partial<Record<PairState, string>> = {
  proposed: 'your introduction is on its way',
  introduced: 'agree your relationship contract',
};

/** 'Introduced: agree your relationship contract', 'Active': the contract's word first. */
export function pairStateText(state: string): string {
  const words = (PAIR_STATE_WORDS as Record<string, string>)[state];
  if (!words) return state;
  const hint = STATE_HINT[state as PairState];
  return hint ? `${words}: ${hint}` : words;
}

export function buildMyPairCard(data: MyPairCardData): CardJson {
  const arrangementText =
    data.arrangement === 'reciprocal'
      ? 'You and your partner mentor each other (reciprocal mentoring).'
      : data.myRole === 'mentor'
        ? 'You are the reverse mentor: you share your experience with a senior leader.'
        : 'You are the mentee: your reverse mentor shares their experience with you.';
  const work = [data.partner.jobTitle, data.partner.organisation].filter(Boolean).join(', ');
  return expandCard(template, {
    cohortName:
      data.isDemo && !/demo/i.test(data.cohortName) ? `${data.cohortName} (demo)` : data.cohortName,
    arrangementText,
    partnerName: data.partner.displayName,
    partnerWork: work || 'Not given',
    stateText: pairStateText(data.state),
  });
}
