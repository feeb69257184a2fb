import { z } from 'zod';

/** Programme events around the pairs: induction, training, peer support, action learning. */
export const EVENT_TYPES = [
  'induction',
  'mentor_training',
  'peer_support',
  'action_learning_set',
  'awareness_session',
  'evaluation_session',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const EVENT_AUDIENCES = ['everyone', 'mentors', 'mentees'] as const;
export type EventAudience = (typeof EVENT_AUDIENCES)[number];

export type RsvpResponse = 'yes' | 'no' | 'maybe';

export interface ProgrammeEvent {
  id: string;
  cohortId: string;
  type: EventType;
  title: string;
  description: string;
  audience: EventAudience;
  /** UTC ISO instants. */
  start: string;
  end: string;
  /** A Teams meeting link or a place. */
  location: string;
  capacity?: number;
  createdBy: string;
  updatedAt: string;
}

export const EVENT_TYPE_WORDS: Record<EventType, string> = {
  induction: 'Programme induction',
  mentor_training: 'Mentor training',
  peer_support: 'Peer support meeting',
  action_learning_set: 'Action learning set',
  awareness_session: 'Awareness session',
  evaluation_session: 'Evaluation session',
};

const instant = z
  .string({ message: 'is required (an ISO-8601 date and time)' })
  .refine((v) => !Number.isNaN(Date.parse(v)), 'must be an ISO-8601 date and time');

export const eventInputSchema = z
  .object({
    type: z.enum(EVENT_TYPES, { message: `must be one of ${EVENT_TYPES.join(', ')}` }),
    title: z
      .string({ message: 'is required' })
      .trim()
      .min(3, 'must be at least 3 characters')
      .max(140, 'must be at most 140 characters'),
    description: z.string().trim().max(4000, 'must be at most 4000 characters').default(''),
    audience: z
      .enum(EVENT_AUDIENCES, { message: 'must be everyone, mentors or mentees' })
      .default('everyone'),
    start: instant,
    end: instant,
    location: z.string().trim().max(500, 'must be at most 500 characters').default(''),
    capacity: z
      .number()
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(10000)
      .optional(),
  })
  .strict()
  .refine((e) => Date.parse(e.end) > Date.parse(e.start), {
    message: 'must be after start',
    path: ['end'],
  });

export type EventInput = z.infer<typeof eventInputSchema>;

/** Whether someone with this programme role is invited (coordinators see every event). */
export function isInvited(
  event: Pick<ProgrammeEvent, 'audience'>,
  role: 'mentor' | 'mentee' | 'either',
): boolean {
  if (event.audience === 'everyone') return true;
  if (role === 'either') return true;
  return event.audience === 'mentors' ? role === 'mentor' : role === 'mentee';
}
