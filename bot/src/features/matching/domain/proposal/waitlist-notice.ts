/** What someone left unmatched at publishing is told: kindly, in plain words, never why. */
export function waitlistNotice(cohortName: string): { title: string; lines: string[] } {
  return {
    title: 'You are on the waiting list',
    lines: [
      `Thank you for applying to ${cohortName}. Pairs have now been made, and we could not find you a partner this time.`,
      'This is not about anything you did: it depends on who applied and when they are free. You are on the waiting list, and we will be in touch as soon as a suitable partner is free.',
      'If you would like to talk about it, your programme coordinator is there to help, in confidence.',
    ],
  };
}
