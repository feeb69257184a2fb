import { Text, makeStyles, tokens } from '@fluentui/react-components';
import type { pages } from '@microsoft/teams-js';
import { useEffect } from 'react';
import { Problem } from './status-views';
import { loadTeamsJs } from './teams-context';
import type { TeamsHost } from './teams-context';

const useStyles = makeStyles({
  page: {
    boxSizing: 'border-box',
    maxWidth: '640px',
    padding: tokens.spacingHorizontalXXL,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalM,
    '@media (max-width: 600px)': { padding: tokens.spacingHorizontalL },
  },
  heading: { margin: 0 },
  body: { color: tokens.colorNeutralForeground2 },
});

/** What the channel tab is saved as when a team adds it. */
export function channelTabConfig(origin: string): pages.InstanceConfig {
  return {
    contentUrl: `${origin}/tab/index.html?view=channel`,
    websiteUrl: `${origin}/tab/index.html?view=channel`,
    entityId: 'programme-channel',
    suggestedDisplayName: 'Mentoring programme',
  };
}

/** The configurable tab's set-up page, shown by Teams when the app is added to a channel. */
export function ConfigPage({ host }: { host: TeamsHost | null }) {
  const styles = useStyles();
  const place = host && !host.channel ? 'chat' : 'channel';

  useEffect(() => {
    if (!host) return;
    void loadTeamsJs().then(({ pages }) => {
      pages.config.registerOnSaveHandler((saveEvent) => {
        pages.config.setConfig(channelTabConfig(window.location.origin)).then(
          () => saveEvent.notifySuccess(),
          (error: unknown) =>
            saveEvent.notifyFailure(error instanceof Error ? error.message : String(error)),
        );
      });
      pages.config.setValidityState(true);
    });
  }, [host]);

  return (
    <main className={styles.page} data-testid="config-page">
      <Text as="h1" size={500} weight="semibold" className={styles.heading}>
        Add Reverse mentoring to this {place}
      </Text>
      <Text className={styles.body}>
        The tab shows everyone here the mentoring programme. It never shows what pairs discuss.
        Select <strong>Save</strong> to add it as &ldquo;Mentoring programme&rdquo;.
      </Text>
      {!host && (
        <Problem
          intent="info"
          title="This page is for Microsoft Teams"
          message="Teams shows this page when someone adds Reverse mentoring to a channel. Open Teams to add the tab."
          testId="config-outside-teams"
        />
      )}
    </main>
  );
}
