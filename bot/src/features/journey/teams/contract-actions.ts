import { contractAgreeSchema } from '../../../contracts/journey-card-data';
import { excerpt } from '../../../contracts/text';
import { parseContractEdit } from '../domain/journey-inputs';
import type { JourneyService } from '../services/journey-service';
import { sides } from '../services/pair-context';
import {
  type Handling,
  type VerbRoute,
  done,
  form,
  message,
  toPartner,
  unlessRefused,
} from './card-action-kit';
import * as views from './journey-views';

export type ContractVerb = 'contract.open' | 'contract.edit' | 'contract.agree' | 'contract.save';

export interface ContractActionDeps {
  journey: Pick<JourneyService, 'agreeContract' | 'editContract'>;
}

/** A contract verb's latest card is the contract as it stands. */
const latestContract = ({ ctx, participantId, actor }: Handling) =>
  views.contractCard(ctx, participantId, actor.timeZone);

/** The relationship contract's card: read it, suggest changes, agree it. */
export function contractActions({ journey }: ContractActionDeps): Record<ContractVerb, VerbRoute> {
  return {
    'contract.open': {
      handle: async (h) => done(latestContract(h)),
      latest: latestContract,
    },
    'contract.edit': {
      handle: async ({ ctx, participantId, actor }) =>
        done(views.contractCard(ctx, participantId, actor.timeZone, { editing: true })),
      latest: latestContract,
    },
    'contract.agree': {
      latest: latestContract,
      handle: ({ ctx, participantId, actor, data }) =>
        unlessRefused(
          () => views.contractCard(ctx, participantId, actor.timeZone),
          async () => {
            const parsed = contractAgreeSchema.safeParse(data);
            if (!parsed.success) {
              const sent = excerpt(JSON.stringify(data.contractVersion ?? null));
              return done(
                message(
                  'Not agreed',
                  `The contract version ${parsed.error.issues[0]!.message} (the card sent ${sent}).`,
                  'Type "my pair" to see your contract as it stands, then agree it there.',
                ),
              );
            }
            const version = parsed.data.contractVersion;
            const next = await journey.agreeContract(ctx, participantId, version, actor.timeZone);
            const card = views.contractCard(next, participantId, actor.timeZone);
            if (next.pair.value.state !== 'active') return done(card);
            const started = message(
              'You are both signed up',
              'You have both agreed your contract. I will remind you when it is time to plan each meeting.',
            );
            return done(card, toPartner(next, participantId, started));
          },
        ),
    },
    'contract.save': {
      latest: latestContract,
      handle: async ({ ctx, participantId, actor, data }) => {
        const parsed = parseContractEdit(data);
        if (!parsed.ok) {
          return done(
            views.contractCard(ctx, participantId, actor.timeZone, {
              editing: true,
              ...form(data, parsed.errors),
            }),
          );
        }
        return unlessRefused(
          () => views.contractCard(ctx, participantId, actor.timeZone),
          async () => {
            const edited = await journey.editContract(ctx, participantId, parsed.value);
            const partner = sides(ctx, participantId)!.partner.id;
            return done(
              views.contractCard(edited, participantId, actor.timeZone),
              toPartner(ctx, participantId, views.contractCard(edited, partner, ctx.timeZone)),
            );
          },
        );
      },
    },
  };
}
