import type { EmailLinkMethod } from '../contracts/cohorts';

/**
 * An email address that may link a person to a roster row the first time they sign in, with what
 * vouches for it and in which tenant. The tab's token verifier makes one only from the `email`
 * claim with `xms_edov` true; the bot makes one only from the Teams roster of the activity's
 * tenant. `preferred_username` (and a UPN) never becomes one: Microsoft documents it as mutable
 * and not for authorisation. The cohorts feature decides whether it links (its tenant must be the
 * programme's).
 */
export interface VouchedEmail {
  /** Lower-case. */
  address: string;
  via: EmailLinkMethod;
  /** The Entra tenant that vouches for it (the token's `tid`, the activity's tenant). */
  tenantId: string;
}

/** Asked only when the object id finds nothing: the person's vouched email, if any. */
export type EmailHint = () => Promise<VouchedEmail | undefined>;
