import type { Contract, ContractTerms } from './pair-space';

/** The relationship contract's rules: both agree one version; any edit asks both again. */

/** Kind, plain-English ground rules every pair starts from, and may edit before agreeing. */
export const DEFAULT_CONTRACT_TERMS: ContractTerms = {
  confidentiality:
    'What we say stays between us, unless we both agree otherwise or someone is at risk of harm.',
  frequency: 'Once a month for six months, at least an hour each time.',
  mode: 'either',
  boundaries:
    "We don't discuss individual colleagues' performance. The mentor speaks from their own experience and is not a representative of any group. Either of us may say 'pass' to any question, with no need to explain.",
  pauseOrEnd:
    'Either of us can pause or end the pairing at any time, privately and without giving a reason, through the bot or the programme team.',
  raisingConcerns:
    'If something worries either of us, we speak to the programme coordinator, or use "I\'d like a word with the coordinator" in the bot.',
};

export function newContract(pairId: string, terms: ContractTerms, now: Date): Contract {
  return { pairId, terms: { ...terms }, version: 1, updatedAt: now.toISOString() };
}

export function agreeTo(
  contract: Contract,
  role: 'mentor' | 'mentee',
  version: number,
  now: Date,
): { ok: true; contract: Contract } | { ok: false; reason: string } {
  if (version !== contract.version) {
    return {
      ok: false,
      reason: 'The contract has changed since this card was sent. Here is the latest.',
    };
  }
  const key = role === 'mentor' ? 'mentorAgreedAt' : 'menteeAgreedAt';
  if (contract[key]) return { ok: true, contract };
  return {
    ok: true,
    contract: { ...contract, [key]: now.toISOString(), updatedAt: now.toISOString() },
  };
}

export function bothAgreed(contract: Contract): boolean {
  return Boolean(contract.mentorAgreedAt && contract.menteeAgreedAt);
}

/** A changed contract is a new version that neither partner has agreed yet. */
export function editTerms(
  contract: Contract,
  terms: ContractTerms,
  by: string,
  now: Date,
): Contract {
  return {
    pairId: contract.pairId,
    terms: { ...terms },
    version: contract.version + 1,
    editedBy: by,
    updatedAt: now.toISOString(),
  };
}
