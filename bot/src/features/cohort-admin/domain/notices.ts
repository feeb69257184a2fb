/**
 * What people are told when the programme team changes their pairing: kindly, in plain words,
 * and never who asked for it or why (the reason stays with the programme team). Pure text.
 */

export interface Notice {
  title: string;
  lines: string[];
}

const HELP =
  'If you would like to talk about it, or about what comes next, your programme coordinator is there to help, in confidence.';

export const NOTICES = {
  /** To the partner of someone removed from, or moved out of, the cohort. */
  partnerLeft: (cohortName: string): Notice => ({
    title: 'Your pairing has ended',
    lines: [
      `Your partner is no longer taking part in ${cohortName}, so your mentoring pairing has ended. This is not about anything you did, and no one is at fault.`,
      'Your programme team will be in touch about a new partner if you would like one.',
      HELP,
    ],
  }),
  paused: (): Notice => ({
    title: 'Your pairing is paused',
    lines: [
      'Your programme team has paused your mentoring pairing for now. There will be no reminders until it resumes.',
      HELP,
    ],
  }),
  resumed: (): Notice => ({
    title: 'Your pairing has resumed',
    lines: [
      'Your mentoring pairing is active again. I will remind you when it is time to plan your next meeting.',
    ],
  }),
  ended: (): Notice => ({
    title: 'Your pairing has ended',
    lines: [
      'Your mentoring pairing has ended. Pairings end for all sorts of reasons, and no one is at fault. Thank you for the time you have given.',
      'Your programme team will be in touch about a new partner if you would like one.',
      HELP,
    ],
  }),
};
