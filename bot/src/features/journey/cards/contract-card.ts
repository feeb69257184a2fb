import { JOURNEY_LIMITS } from '../../../contracts/journey';
import type { ContractTerms } from '../domain/pair-space';
import { cardTemplate, type CardJson, heading } from '../../../platform/teams/cards/render';
import {
  expandJourneyCard,
  field,
  type FormState,
  formModel,
  subheading,
  subtle,
  text,
} from '../../../platform/teams/cards/card-kit';
import { execute } from './journey-verbs';

/** The contract a new pair starts from: kind, plain-English ground rules they can change. */
export { DEFAULT_CONTRACT_TERMS } from '../domain/contract';

export type ContractInputId = keyof ContractTerms;

export interface ContractParty {
  name: string;
  /** When they agreed the current version, as en-GB display text ("3 March"). */
  agreedAt?: string;
}

export interface ContractCardData extends FormState<ContractInputId> {
  pairId: string;
  cardVersion: number;
  /** The contract version shown; an agreement is to this version. */
  contractVersion: number;
  terms: ContractTerms;
  mentor: ContractParty;
  mentee: ContractParty;
  viewerRole: 'mentor' | 'mentee';
  /** Show the form to suggest changes. */
  editing?: boolean;
}

const MODE_TEXT: Record<ContractTerms['mode'], string> = {
  online: 'Online (Teams)',
  in_person: 'In person',
  either: 'Online or in person, whichever suits us',
};

const LABELS: Record<ContractInputId, string> = {
  confidentiality: 'Confidentiality',
  frequency: 'How often and how long we meet',
  mode: 'How we meet',
  boundaries: 'Boundaries',
  pauseOrEnd: 'Pausing or ending',
  raisingConcerns: 'Raising a concern',
};

const ORDER: ContractInputId[] = [
  'confidentiality',
  'frequency',
  'mode',
  'boundaries',
  'pauseOrEnd',
  'raisingConcerns',
];

const ids = { pairId: '${pairId}', cardVersion: '${cardVersion}' };
const versioned = { ...ids, contractVersion: '${contractVersion}' };

const viewTemplate = cardTemplate(
  [
    heading('Our relationship contract'),
    subtle('Version ${contractVersion}', { spacing: 'None' }),
    text(
      'These are the ground rules for your pairing. You both agree them before your meetings begin, and either of you can suggest changes at any time.',
    ),
    {
      type: 'Container',
      $data: '${terms}',
      spacing: 'Medium',
      items: [
        { type: 'TextBlock', text: '${label}', weight: 'Bolder', wrap: true },
        { type: 'TextBlock', text: '${value}', wrap: true, spacing: 'None' },
      ],
    },
    subheading('Agreement'),
    { type: 'TextBlock', $data: '${status}', text: '${line}', wrap: true, spacing: 'Small' },
    text('${summary}', { isSubtle: true }),
  ],
  [
    {
      ...execute('I agree', 'contract.agree', versioned, { style: 'positive' }),
      $when: '${showAgree}',
    },
    execute('Suggest changes', 'contract.edit', versioned),
  ],
);

const multiline = (id: ContractInputId, extra: Record<string, unknown> = {}) =>
  field({
    type: 'Input.Text',
    id,
    label: LABELS[id],
    isMultiline: true,
    maxLength: id === 'frequency' ? JOURNEY_LIMITS.contractFrequency : JOURNEY_LIMITS.contractTerm,
    isRequired: true,
    errorMessage: `Write what you agree about ${LABELS[id].toLowerCase()}, or keep the current wording.`,
    ...extra,
  });

const editTemplate = cardTemplate(
  [
    heading('Suggest changes to our contract'),
    text(
      'Change any of the wording below. When you save, the new version goes to you both and you each agree it again.',
    ),
    ...multiline('confidentiality'),
    ...multiline('frequency'),
    ...field({
      type: 'Input.ChoiceSet',
      id: 'mode',
      label: LABELS.mode,
      style: 'expanded',
      isRequired: true,
      errorMessage: 'Choose how you would like to meet.',
      choices: (Object.keys(MODE_TEXT) as ContractTerms['mode'][]).map((value) => ({
        title: MODE_TEXT[value],
        value,
      })),
    }),
    ...multiline('boundaries'),
    ...multiline('pauseOrEnd'),
    ...multiline('raisingConcerns'),
    subtle('Saving changes asks both of you to agree again.', { spacing: 'Medium' }),
  ],
  [
    execute('Save changes', 'contract.save', versioned, { style: 'positive' }),
    execute('Cancel', 'contract.open', ids, { associatedInputs: 'none' }),
  ],
);

function statusLine(party: ContractParty, isViewer: boolean): string {
  const who = isViewer ? 'you' : party.name;
  return party.agreedAt ? `✓ Agreed by ${who} on ${party.agreedAt}` : `Waiting for ${who}`;
}

export function buildContractCard(data: ContractCardData): CardJson {
  const common = {
    pairId: data.pairId,
    cardVersion: data.cardVersion,
    contractVersion: data.contractVersion,
  };
  if (data.editing) {
    const defaults = Object.fromEntries(ORDER.map((id) => [id, data.terms[id]])) as Record<
      ContractInputId,
      string
    >;
    return expandJourneyCard(editTemplate, { ...common, form: formModel(defaults, data) });
  }
  const viewer = data.viewerRole === 'mentor' ? data.mentor : data.mentee;
  const bothAgreed = Boolean(data.mentor.agreedAt && data.mentee.agreedAt);
  return expandJourneyCard(viewTemplate, {
    ...common,
    terms: ORDER.map((id) => ({
      label: LABELS[id],
      value: id === 'mode' ? MODE_TEXT[data.terms.mode] : data.terms[id],
    })),
    status: [
      { line: statusLine(data.mentor, data.viewerRole === 'mentor') },
      { line: statusLine(data.mentee, data.viewerRole === 'mentee') },
    ],
    summary: bothAgreed
      ? 'You have both agreed. Your meetings can begin.'
      : viewer.agreedAt
        ? 'Thank you for agreeing. Your meetings begin once you have both agreed.'
        : 'Your meetings begin once you have both agreed. If anything does not feel right, suggest changes.',
    showAgree: !viewer.agreedAt,
  });
}
