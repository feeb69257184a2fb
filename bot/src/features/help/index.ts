/** The welcome card a person sees first, and the help card listing the commands. */
export { type HelpCardData, buildHelpCard } from './help-card';
export { type WelcomeCardData, buildWelcomeCard } from './welcome-card';
