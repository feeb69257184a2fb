import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useId, useState } from 'react';
import {
  type CohortLinks,
  LINK_METHOD_WORDS,
  type ParticipantLink,
} from '../../../bot/src/contracts/cohorts';
import type { ApiClient } from '../app/api-client';
import { ApiRequestError } from '../app/api-client';
import { plural, undoLink } from './coordinator-api';
import { ActionStatus, RowHeader, ScrollTable, useTableStyles } from '../shared/data-table';
import { Loading, Problem } from '../shared/status-views';
import { describeFailure } from '../shared/use-form-submit';
import type { LoadState } from '../shared/use-api-load';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
  history: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL },
});

const when = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** A UTC date-time in the viewer's own time zone: '9 March 2027, 10:15'. */
function formatWhen(iso: string | null): string {
  if (!iso) return 'Before link records were kept';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : when.format(date);
}

interface LinksSectionProps {
  client: ApiClient;
  cohortId: string;
  load: LoadState<CohortLinks>;
  onRetry: () => void;
  /** After an undo: the links and the roster are read again. */
  onChanged: () => void;
}

/**
 * Who on the roster is linked to a Teams account, when and how (the object id on the roster, a
 * verified email at sign-in, or the Teams roster's email), with an undo for each, and the record
 * of every link and undo. The linking policy is in docs/api.md.
 */
export function LinksSection({ client, cohortId, load, onRetry, onChanged }: LinksSectionProps) {
  const styles = useStyles();
  const t = useTableStyles();
  const titleId = useId();
  const [confirming, setConfirming] = useState<ParticipantLink | null>(null);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);

  if (load.status === 'loading') {
    return <Loading label="Loading the sign-in links…" testId="links-loading" />;
  }
  if (load.status === 'failed') {
    return (
      <Problem
        title="We couldn't load the sign-in links"
        message={load.error.message}
        onRetry={onRetry}
        testId="links-error"
      />
    );
  }
  const { links, history } = load.data;

  async function undo(link: ParticipantLink) {
    setBusy(true);
    try {
      await undoLink(client, cohortId, link.participantId, link.etag);
      setNote({ ok: true, text: `${link.displayName} is no longer linked to a Teams account.` });
    } catch (error) {
      const stale = error instanceof ApiRequestError && error.status === 412;
      setNote({
        ok: false,
        text: stale
          ? `${link.displayName}'s link changed since this list was loaded. Here is the latest: check it and try again.`
          : `We couldn't undo ${link.displayName}'s link. ${describeFailure(error)}`,
      });
    } finally {
      setBusy(false);
      setConfirming(null);
      onChanged();
    }
  }

  return (
    <div className={styles.stack} data-testid="links-section">
      <Text>
        People are linked to their Teams account by the object id on the roster, or, the first time
        they sign in, by a work email Microsoft has verified in your organisation. If someone was
        linked to the wrong account, undo the link: they are linked again only the same way.
      </Text>
      {confirming && (
        <div role="group" aria-labelledby={titleId} data-testid="link-undo-confirm">
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle id={titleId}>
                Undo {confirming.displayName}&apos;s link?
              </MessageBarTitle>
              They will no longer see this cohort or their pair from that Teams account until they
              are linked again.
            </MessageBarBody>
            <MessageBarActions>
              <Button
                appearance="primary"
                disabled={busy}
                onClick={() => void undo(confirming)}
                data-testid="link-undo-yes"
              >
                {busy ? 'Undoing…' : 'Yes, undo the link'}
              </Button>
              <Button
                disabled={busy}
                onClick={() => setConfirming(null)}
                data-testid="link-undo-no"
              >
                Keep it
              </Button>
            </MessageBarActions>
          </MessageBar>
        </div>
      )}
      <ActionStatus note={note} testId="links-status" />
      {links.length === 0 ? (
        <Text data-testid="links-empty">
          Nobody in this cohort is linked to a Teams account yet.
        </Text>
      ) : (
        <ScrollTable
          caption={`Sign-in links, ${plural(links.length, 'person', 'people')}`}
          columns={['Name', 'Linked', 'How', 'Undo']}
          minWidth={760}
          testId="links-table"
        >
          {links.map((link) => (
            <tr key={link.participantId} data-testid={`link-${link.participantId}`}>
              <RowHeader testId="link-name">{link.displayName}</RowHeader>
              <td className={t.td}>{formatWhen(link.linkedAt)}</td>
              <td className={t.td}>{link.via ? LINK_METHOD_WORDS[link.via] : 'Not recorded'}</td>
              <td className={t.td}>
                <Button
                  size="small"
                  disabled={busy}
                  onClick={() => setConfirming(link)}
                  aria-label={`Undo link for ${link.displayName}`}
                  data-testid="link-undo"
                >
                  Undo link
                </Button>
              </td>
            </tr>
          ))}
        </ScrollTable>
      )}
      {history.length > 0 && (
        <>
          <Text weight="semibold">Record of links and undos</Text>
          <ul className={styles.history} data-testid="links-history">
            {history.map((e) => (
              <li key={e.id}>
                <Text size={200}>
                  {formatWhen(e.at)}: {e.displayName}{' '}
                  {e.action === 'linked' ? 'linked' : 'unlinked'} ({LINK_METHOD_WORDS[e.via]})
                </Text>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
