import type { Contract, ContractTerms } from './pair-space';

/** The relationship contract's rules: both agree one version; any edit asks both again. */

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
