import * as z from 'zod';
import { ID_PATTERN } from './ids';

/**
 * Matching proposals on the wire (issue 15, items 6–7): the cohort's matching settings, a run
 * (a draft proposal the coordinator reviews: lock, unlock, swap, remove, rerun), its comparison
 * with the previous run, and what publishing created. Used by the bot's routes and the tab.
 */

export const MATCH_AIMS = ['most-matched', 'best-fit'] as const;
export type MatchAimWire = (typeof MATCH_AIMS)[number];

export const MATCH_WEIGHT_KEYS = [
  'perspectives',
  'livedExperience',
  'crossOrganisation',
  'availability',
  'location',
] as const;
export type MatchWeightKey = (typeof MATCH_WEIGHT_KEYS)[number];

export const MATCHING_LIMITS = {
  /** Each weight, in points. */
  weightMax: 100,
  /** "Never pair these two" entries per cohort. */
  neverPair: 500,
  idLength: 200,
} as const;

const L = MATCHING_LIMITS;

/** Where the band gap is set, in the words a refused matching settings field shows. */
export const BAND_GAP_ELSEWHERE =
  'is set in the application settings (Application window), beside the ladder';

const personId = z
  .string({ message: 'choose a person' })
  .trim()
  .min(1, 'choose a person')
  .max(L.idLength, `must be at most ${L.idLength} characters`)
  .regex(ID_PATTERN, 'is not a person’s id');

const weight = z
  .number({ message: 'must be a number' })
  .int('must be a whole number')
  .min(0, 'must be 0 or more')
  .max(L.weightMax, `must be at most ${L.weightMax}`);

export const matchWeightsSchema = z
  .object({
    perspectives: weight,
    /** Optional: settings saved before it existed take the default. */
    livedExperience: weight.optional(),
    crossOrganisation: weight,
    availability: weight,
    location: weight,
  })
  .strict();
export type MatchWeightsWire = z.infer<typeof matchWeightsSchema>;

/**
 * `PUT /api/cohorts/{id}/matching/settings` (If-Match once settings were saved). The band gap is
 * not here: it is one cohort rule, set with the application settings (`minimumBandGap` in
 * application-settings.ts); a gap sent here is refused on its field, saying where it is set.
 */
export const matchingSettingsSchema = z
  .object({
    aim: z.enum(MATCH_AIMS, { message: 'must be most-matched or best-fit' }),
    minimumBandGap: z.never({ message: BAND_GAP_ELSEWHERE }).optional(),
    weights: matchWeightsSchema,
    neverPair: z
      .array(
        z
          .tuple([personId, personId])
          .refine(([a, b]) => a !== b, { message: 'choose two different people' }),
        { message: 'must be a list of two people' },
      )
      .max(L.neverPair, `at most ${L.neverPair} entries`),
  })
  .strict();
export type MatchingSettings = Omit<z.infer<typeof matchingSettingsSchema>, 'minimumBandGap'>;

/** `GET .../matching/settings`: the settings in force, the defaults beside them, and the ETag. */
export interface MatchingSettingsView {
  settings: MatchingSettings;
  defaults: MatchingSettings;
  limits: typeof MATCHING_LIMITS;
  /** The cohort's band gap, read-only here: set with the application settings. */
  minimumBandGap: number;
  /** Null until the coordinator first saves settings. */
  etag: string | null;
}

/** A pair named by its two people: lock, unlock and remove take this, with the run's If-Match. */
export const runPairSchema = z
  .object({ mentorId: personId, menteeId: personId })
  .strict()
  .refine((p) => p.mentorId !== p.menteeId, {
    message: 'choose two different people',
    path: ['menteeId'],
  });
export type RunPairRef = z.infer<typeof runPairSchema>;

/**
 * A reciprocal pair named by its two partners (either order): lock, unlock and remove take this
 * instead of `runPairSchema` for a pair of the reciprocal pool.
 */
export const runReciprocalPairSchema = z
  .object({ arrangement: z.literal('reciprocal'), personAId: personId, personBId: personId })
  .strict()
  .refine((p) => p.personAId !== p.personBId, {
    message: 'choose two different people',
    path: ['personBId'],
  });
export type RunReciprocalPairRef = z.infer<typeof runReciprocalPairSchema>;

/**
 * Swap two people on the same side: two mentors (or two mentees) trade partners; when one of
 * them is unmatched, they take the other's place and the other becomes unmatched. Two people of
 * the reciprocal pool swap the same way (any two partners), checked with the reciprocal rules.
 */
export const runSwapSchema = z
  .object({ personA: personId, personB: personId })
  .strict()
  .refine((s) => s.personA !== s.personB, {
    message: 'choose two different people',
    path: ['personB'],
  });
export type RunSwap = z.infer<typeof runSwapSchema>;

/** `POST .../matching/runs` and `.../matching/rematch`, and publish: no fields. */
export const emptyBodySchema = z.object({}).strict();

export const RUN_KINDS = ['run', 'rematch'] as const;
export type RunKind = (typeof RUN_KINDS)[number];
export const RUN_STATUSES = ['draft', 'published', 'superseded'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** The two kinds of pair a run holds (docs/matching.md, "Two pools in one run"). */
export type RunArrangement = 'reverse' | 'reciprocal';

/** A reverse pair: a junior mentor and a senior mentee. */
export interface RunPairView {
  /** Always 'reverse' here (sent by the bot; absent in older answers). */
  arrangement?: 'reverse';
  mentorId: string;
  menteeId: string;
  mentorName: string;
  menteeName: string;
  score: number;
  reasons: string[];
  warnings: string[];
  locked: boolean;
}

/** A reciprocal pair: two partners, each sharing and learning; no mentor or mentee. */
export interface RunReciprocalPairView {
  arrangement: 'reciprocal';
  personAId: string;
  personBId: string;
  personAName: string;
  personBName: string;
  score: number;
  reasons: string[];
  warnings: string[];
  locked: boolean;
}

export interface RunUnmatchedView {
  id: string;
  displayName: string;
  role: 'mentor' | 'mentee' | 'either';
  /** 'rules', 'shortage', 'removed' (the coordinator took their pair out) or 'not-in-pool'. */
  cause: 'rules' | 'shortage' | 'removed' | 'not-in-pool';
  reason: string;
  /** The pool that left them unmatched; absent for those in neither pool. */
  pool?: RunArrangement;
}

export interface RunComparisonView {
  previousRunId: string | null;
  kept: RunPairRef[];
  added: RunPairRef[];
  gone: RunPairRef[];
  totalScore: { before: number; after: number };
  /** People matched in both pools (two per pair). */
  matched: { before: number; after: number };
  /** The reciprocal pairs kept, new and gone (partners in either order). */
  reciprocal?: {
    kept: RunReciprocalPairRef[];
    added: RunReciprocalPairRef[];
    gone: RunReciprocalPairRef[];
  };
}

export interface RunView {
  id: string;
  cohortId: string;
  kind: RunKind;
  status: RunStatus;
  createdAt: string;
  aim: MatchAimWire;
  /** The reverse pool's pairs. */
  pairs: RunPairView[];
  /** The reciprocal pool's pairs (when the cohort offers reciprocal mentoring). */
  reciprocalPairs?: RunReciprocalPairView[];
  unmatched: RunUnmatchedView[];
  /** Locks kept from the previous run that a rule now forbids. */
  refusedLocks: { mentorId: string; menteeId: string; reason: string }[];
  reciprocalRefusedLocks?: { personAId: string; personBId: string; reason: string }[];
  /** Both pools' pairs. */
  totalScore: number;
  matchedCount: number;
  etag: string;
  comparison: RunComparisonView;
  /** A published run's publishing, read-only (absent on a draft or superseded run). */
  published?: PublishedRunView;
}

/**
 * How a run was published, as it is read again later: when and by whom, how many pairs it made,
 * who went on the waiting list and whether Teams reached them. Names only: nothing beyond what
 * the draft already showed.
 */
export interface PublishedRunView {
  publishedAt: string;
  /** The coordinator who published it; null for a run published before this was kept. */
  publishedByName: string | null;
  pairs: number;
  reciprocalPairs: number;
  waitlisted: { id: string; displayName: string; told: boolean }[];
  message: string;
}

export interface PublishedPairView {
  arrangement?: 'reverse';
  mentorId: string;
  menteeId: string;
  pairId: string;
  mentorParticipantId: string;
  menteeParticipantId: string;
}

export interface PublishedReciprocalPairView {
  arrangement: 'reciprocal';
  personAId: string;
  personBId: string;
  pairId: string;
  personAParticipantId: string;
  personBParticipantId: string;
}

/** What `POST .../matching/runs/{runId}/publish` created (the same answer when asked again). */
export interface PublishResultView {
  runId: string;
  publishedAt: string;
  pairs: PublishedPairView[];
  reciprocalPairs?: PublishedReciprocalPairView[];
  waitlisted: { id: string; displayName: string; told: boolean }[];
  /** The coordinator who published it (absent on runs published before it was kept). */
  publishedByName?: string;
  /** True when this run had already been published: nothing new was created. */
  alreadyPublished: boolean;
  message: string;
}

/** How a run was published, from what publishing answered (for the bot's views and the tab). */
export function publishedRunOf(result: PublishResultView): PublishedRunView {
  return {
    publishedAt: result.publishedAt,
    publishedByName: result.publishedByName ?? null,
    pairs: result.pairs.length,
    reciprocalPairs: result.reciprocalPairs?.length ?? 0,
    waitlisted: result.waitlisted.map((w) => ({
      id: w.id,
      displayName: w.displayName,
      told: w.told,
    })),
    message: result.message,
  };
}
