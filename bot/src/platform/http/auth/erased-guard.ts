import type { Caller, TokenVerifier } from './token-verifier';

/**
 * A token verifier that refuses a person whose data was erased: after the token's own checks,
 * `refuse(userId)` answers whether the object id has a tombstone, and `refusal()` is the error
 * (403 `erased`). App wiring supplies both from the data-rights feature.
 */
export function refusingErased(
  verifier: Pick<TokenVerifier, 'verify'>,
  isErased: (userId: string) => Promise<boolean>,
  refusal: () => Error,
): Pick<TokenVerifier, 'verify'> {
  return {
    async verify(token: string): Promise<Caller> {
      const caller = await verifier.verify(token);
      if (await isErased(caller.userId)) throw refusal();
      return caller;
    },
  };
}
