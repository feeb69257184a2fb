import { sdkProblems } from '../support/adaptivecards-sdk';
import { buildHelpCard } from '../../bot/src/features/help/help-card';
import { buildMyPairCard } from '../../bot/src/features/journey/cards/my-pair-card';
import { type CardJson, withRefresh } from '../../bot/src/platform/teams/cards/render';
import { buildWelcomeCard } from '../../bot/src/features/help/welcome-card';
import { commandCatalogue } from '../../bot/src/app/bot-routes';
import {
  buildManagerReleaseCard,
  buildManagerThanksCard,
} from '../../bot/src/features/applications/cards/manager-release-card';

const COMMANDS = commandCatalogue();

/** Every card the bot can send, built from representative data. */
const CATALOGUE: Record<string, CardJson> = {
  'welcome (personal)': buildWelcomeCard({ scope: 'personal', firstName: 'Amara' }),
  'welcome (team)': buildWelcomeCard({ scope: 'team' }),
  'welcome (with the privacy notice)': buildWelcomeCard({
    scope: 'personal',
    firstName: 'Amara',
    publicUrl: 'https://mentoring.example.org',
  }),
  help: buildHelpCard({ commands: COMMANDS }),
  'my pair': buildMyPairCard({
    cohortName: 'Cohort 3',
    isDemo: false,
    myRole: 'mentor',
    arrangement: 'reverse',
    state: 'active',
    partner: {
      displayName: 'David Whitfield',
      jobTitle: 'Director of Nursing',
      organisation: 'LLR ICB',
    },
  }),
  'line manager’s question': buildManagerReleaseCard({
    cohortId: 'c1',
    applicationId: 'a1',
    applicantName: 'Amara Okafor',
    cohortName: 'Cohort 3',
    meetingsFrom: '2027-03-01',
    meetingsTo: '2027-08-31',
    frequency: 'monthly',
    sessions: [{ title: 'Programme induction', start: '2027-02-10T10:00:00Z' }],
    timeZone: 'Europe/London',
  }),
  'line manager’s thanks': buildManagerThanksCard('Amara Okafor', true),
};

describe('card catalogue', () => {
  it.each(Object.entries(CATALOGUE))(
    '%s parses cleanly with the Adaptive Cards SDK at 1.5',
    (_name, card) => {
      expect(card.version).toBe('1.5');
      expect(sdkProblems(card)).toEqual([]);
      expect(JSON.stringify(card)).not.toContain('${');
    },
  );

  it.each(Object.entries(CATALOGUE))('%s stays under 28 KB', (_name, card) => {
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(28 * 1024);
  });

  it('the SDK check catches an element Teams cannot render', () => {
    const bad = { ...CATALOGUE.help!, body: [{ type: 'Carousel', pages: [] }] } as CardJson;
    expect(sdkProblems(bad).length).toBeGreaterThan(0);
  });

  it('a card that refreshes for both partners still parses cleanly', () => {
    const card = withRefresh(CATALOGUE.help!, 'contract.open', { pairId: 'p1' }, ['u1', 'u2']);
    expect(card.refresh).toEqual({
      action: { type: 'Action.Execute', verb: 'contract.open', data: { pairId: 'p1' } },
      userIds: ['u1', 'u2'],
    });
    expect(sdkProblems(card)).toEqual([]);
  });

  it('the welcome card links to the privacy notice at the service’s public address', () => {
    const linked = JSON.stringify(CATALOGUE['welcome (with the privacy notice)']);
    expect(linked).toContain('"How your information is used"');
    expect(linked).toContain('"https://mentoring.example.org/tab/index.html?view=privacy"');
    // Without a public address there is nothing to link to.
    expect(JSON.stringify(CATALOGUE['welcome (personal)'])).not.toContain('view=privacy');
  });

  it('the help card lists every command', () => {
    const text = JSON.stringify(CATALOGUE.help);
    for (const { command } of COMMANDS) expect(text).toContain(`**${command}**`);
  });
});
