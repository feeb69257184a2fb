import { Field, Select, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { pages } from '@microsoft/teams-js';
import { useEffect, useMemo, useRef, useState } from 'react';
import { createApiClient } from './api-client';
import type { CohortSummary } from './api-types';
import { Loading, Problem } from '../shared/status-views';
import { teamsSignIn, tokenProviderFor } from './sso-credential';
import { loadTeamsJs } from './teams-context';
import type { TeamsHost } from './teams-context';
import { isProgrammeTeam } from '../../../bot/src/contracts/roles';

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

/** What the channel tab is saved as when a team adds it: the cohort travels in the address. */
export function channelTabConfig(origin: string, cohortId: string): pages.InstanceConfig {
  const url = `${origin}/tab/index.html?view=channel&programme=${encodeURIComponent(cohortId)}`;
  return {
    contentUrl: url,
    websiteUrl: url,
    entityId: `programme-${cohortId}`,
    suggestedDisplayName: 'Mentoring programme',
  };
}

type Setup =
  | { status: 'loading' }
  | { status: 'not-coordinator' }
  | { status: 'failed'; message: string }
  | { status: 'ready'; cohorts: CohortSummary[] };

/**
 * The configurable tab's set-up page, shown by Teams when the app is added to a channel. A
 * coordinator picks the cohort; saving links the channel to it (so announcements can be posted
 * there too) and stores the cohort in the tab's address.
 */
export function ConfigPage({ host }: { host: TeamsHost | null }) {
  const styles = useStyles();
  const place = host && !host.channel ? 'chat' : 'channel';
  const client = useMemo(
    () => (host ? createApiClient({ getToken: tokenProviderFor(teamsSignIn()) }) : null),
    [host],
  );
  const [setup, setSetup] = useState<Setup>({ status: 'loading' });
  const [cohortId, setCohortId] = useState('');
  const chosen = useRef('');
  chosen.current = cohortId;

  useEffect(() => {
    if (!client) return;
    client.getMe().then(
      (me) => {
        if (!isProgrammeTeam(me.access)) return setSetup({ status: 'not-coordinator' });
        setSetup({ status: 'ready', cohorts: me.coordinatedCohorts });
        setCohortId(me.coordinatedCohorts[0]?.id ?? '');
      },
      (error: unknown) =>
        setSetup({
          status: 'failed',
          message: error instanceof Error ? error.message : 'We could not sign you in.',
        }),
    );
  }, [client]);

  useEffect(() => {
    if (!host || !client) return;
    void loadTeamsJs().then(({ pages }) => {
      pages.config.registerOnSaveHandler((saveEvent) => {
        const id = chosen.current;
        const link = host.channel
          ? client.request(`/api/cohorts/${encodeURIComponent(id)}/channel`, {
              method: 'PUT',
              body: {
                channelId: host.channel.id,
                teamId: host.team?.groupId,
                channelName: host.channel.displayName,
              },
            })
          : Promise.resolve();
        link
          .then(() => pages.config.setConfig(channelTabConfig(window.location.origin, id)))
          .then(
            () => saveEvent.notifySuccess(),
            (error: unknown) =>
              saveEvent.notifyFailure(error instanceof Error ? error.message : String(error)),
          );
      });
    });
  }, [host, client]);

  useEffect(() => {
    if (!host) return;
    void loadTeamsJs().then(({ pages }) => pages.config.setValidityState(cohortId !== ''));
  }, [host, cohortId]);

  return (
    <main className={styles.page} data-testid="config-page">
      <Text as="h1" size={500} weight="semibold" className={styles.heading}>
        Add Reverse mentoring to this {place}
      </Text>
      <Text className={styles.body}>
        The tab shows everyone here the programme: events coming up, announcements and their own
        pair. It never shows what pairs discuss.
      </Text>
      {!host && (
        <Problem
          intent="info"
          title="This page is for Microsoft Teams"
          message="Teams shows this page when someone adds Reverse mentoring to a channel. Open Teams to add the tab."
          testId="config-outside-teams"
        />
      )}
      {host && setup.status === 'loading' && <Loading label="Checking your programmes…" />}
      {setup.status === 'not-coordinator' && (
        <Problem
          intent="info"
          title="Only the programme team can add this tab"
          message="Ask your programme coordinator to add the Mentoring programme tab to this channel."
          testId="config-not-coordinator"
        />
      )}
      {setup.status === 'failed' && (
        <Problem title="We couldn't check your programmes" message={setup.message} />
      )}
      {setup.status === 'ready' && (
        <Field label="Which cohort is this channel for?" required>
          <Select value={cohortId} onChange={(_, d) => setCohortId(d.value)}>
            {setup.cohorts.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </Select>
        </Field>
      )}
      {setup.status === 'ready' && (
        <Text className={styles.body}>
          Select <strong>Save</strong> to add it as &ldquo;Mentoring programme&rdquo;.
        </Text>
      )}
    </main>
  );
}
