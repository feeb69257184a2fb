import type { PairRole } from './cohorts';

/**
 * How many people an audience reaches, said the same way on every card and screen. In a
 * reciprocal pair each person is both mentor and mentee, so they are counted among the mentors
 * and among the mentees: "Mentors (4, including 2 in reciprocal pairs)". Pure; the bot's chat
 * preview and the tab's announcement and event forms all use these words.
 */

export interface AudienceCount {
  /** Everyone the audience reaches, each person once. */
  people: number;
  /**
   * Of those, the people in reciprocal pairs, counted both here and in the other part's
   * audience; 0 for an audience that counts each person once (everyone in the cohort).
   */
  reciprocal: number;
}

/** One person, as far as counting goes: the parts they take and whether their pair is reciprocal. */
export interface CountedPerson {
  parts: readonly PairRole[];
  /** In a reciprocal pair that has not ended. */
  reciprocal: boolean;
}

/** The audiences counted by part, and everyone. */
export interface AudienceCounts {
  everyone: AudienceCount;
  mentors: AudienceCount;
  mentees: AudienceCount;
}

/** What the note beside a count says, whenever a reciprocal pair is counted. */
export const RECIPROCAL_COUNT_NOTE =
  'In a reciprocal pair each person is both mentor and mentee, so they are counted among the mentors and among the mentees.';

/** The parts a person takes: their pair's (both in a reciprocal pair), else their roster role's. */
export function partsOf(
  role: 'mentor' | 'mentee' | 'either',
  reciprocal: boolean,
): readonly PairRole[] {
  if (reciprocal || role === 'either') return ['mentor', 'mentee'];
  return [role];
}

/** Counts each audience once over the people; a reciprocal partner is in both parts' audiences. */
export function countAudiences(people: readonly CountedPerson[]): AudienceCounts {
  const count = (part: PairRole): AudienceCount => {
    const inPart = people.filter((p) => p.parts.includes(part));
    return { people: inPart.length, reciprocal: inPart.filter((p) => p.reciprocal).length };
  };
  return {
    everyone: { people: people.length, reciprocal: 0 },
    mentors: count('mentor'),
    mentees: count('mentee'),
  };
}

/** '4, including 2 in reciprocal pairs'; '4' when none is reciprocal. */
export function countWords(count: AudienceCount): string {
  if (count.reciprocal <= 0) return String(count.people);
  const pairs =
    count.reciprocal === 1 ? '1 in a reciprocal pair' : `${count.reciprocal} in reciprocal pairs`;
  return `${count.people}, including ${pairs}`;
}

/** 'Mentors (4, including 2 in reciprocal pairs)'; just the label when the count is unknown. */
export function audienceLabel(label: string, count: AudienceCount | undefined): string {
  return count ? `${label} (${countWords(count)})` : label;
}

/** '4 people, including 2 in reciprocal pairs', for sentences ("Goes to …", "To Mentors: …"). */
export function peopleWords(count: AudienceCount): string {
  const people = `${count.people} ${count.people === 1 ? 'person' : 'people'}`;
  if (count.reciprocal <= 0) return people;
  return `${people}, including ${count.reciprocal} in ${count.reciprocal === 1 ? 'a reciprocal pair' : 'reciprocal pairs'}`;
}
