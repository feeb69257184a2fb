import { Button, Field, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { AuditEntry } from '../../../bot/src/contracts/audit';
import type { CohortSummary } from '../../../bot/src/contracts/cohorts';
import type { ApiClient } from '../app/api-client';
import { downloadCsv } from '../coordinator/coordinator-api';
import { CohortSelect } from '../shared/cohort-select';
import { ActionStatus, RowHeader, ScrollTable, useTableStyles } from '../shared/data-table';
import { Loading, Problem } from '../shared/status-views';
import { describeFailure } from '../shared/use-form-submit';
import { auditCsv, auditPage } from './admin-api';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalL },
  tools: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    gap: tokens.spacingHorizontalM,
  },
  changes: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
  field: { minWidth: 0, maxWidth: '100%' },
  control: { maxWidth: '100%' },
});

const when = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

function formatWhen(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : when.format(date);
}

type Trail =
  | { status: 'loading' }
  | { status: 'failed'; message: string }
  | { status: 'loaded'; entries: AuditEntry[]; next: string | null; more: boolean };

/**
 * What the programme team did to people, pairs, roles and cohorts: who, what, when, and each
 * field before and after. Never a pair's conversation. Newest first, one cohort or all, as CSV.
 */
export function AuditSection({ client, cohorts }: { client: ApiClient; cohorts: CohortSummary[] }) {
  const styles = useStyles();
  const t = useTableStyles();
  const [cohortId, setCohortId] = useState('');
  const [trail, setTrail] = useState<Trail>({ status: 'loading' });
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const [attempt, setAttempt] = useState(0);
  const names = new Map(cohorts.map((c) => [c.id, c.name]));

  useEffect(() => {
    let live = true;
    setTrail({ status: 'loading' });
    auditPage(client, cohortId || undefined)
      .then((page) => {
        if (live)
          setTrail({ status: 'loaded', entries: page.entries, next: page.next, more: false });
      })
      .catch((error: unknown) => {
        if (live) setTrail({ status: 'failed', message: describeFailure(error) });
      });
    return () => {
      live = false;
    };
  }, [client, cohortId, attempt]);

  async function older() {
    if (trail.status !== 'loaded' || !trail.next) return;
    setTrail({ ...trail, more: true });
    try {
      const page = await auditPage(client, cohortId || undefined, trail.next);
      setTrail({
        status: 'loaded',
        entries: [...trail.entries, ...page.entries],
        next: page.next,
        more: false,
      });
    } catch (error) {
      setTrail({ ...trail, more: false });
      setNote({ ok: false, text: `We couldn't load older entries. ${describeFailure(error)}` });
    }
  }

  return (
    <div className={styles.stack} data-testid="audit-section">
      <Text>
        Every change the programme team makes to cohorts, people, pairs and roles, and each time
        they view someone&apos;s application, newest first. The content of a pair&apos;s
        conversations is never recorded.
      </Text>
      <div className={styles.tools}>
        <Field className={styles.field} label="Cohort">
          <CohortSelect
            className={styles.control}
            cohorts={cohorts}
            value={cohortId}
            onChange={setCohortId}
            anyLabel="All cohorts"
            testId="audit-cohort"
          />
        </Field>
        <Button
          onClick={() =>
            void downloadCsv(
              () => auditCsv(client, cohortId || undefined),
              'audit-trail.csv',
              'the audit trail',
            ).then(setNote)
          }
          data-testid="audit-export"
        >
          Export CSV
        </Button>
        <Button
          onClick={() =>
            void downloadCsv(
              () => auditCsv(client, cohortId || undefined, 'personal_data.viewed'),
              'personal-data-access.csv',
              'the access to personal data',
            ).then(setNote)
          }
          data-testid="audit-export-access"
        >
          Export access to personal data (for the DPO)
        </Button>
      </div>
      <ActionStatus note={note} testId="audit-status" />
      {trail.status === 'loading' && (
        <Loading label="Loading the audit trail…" testId="audit-loading" />
      )}
      {trail.status === 'failed' && (
        <Problem
          title="We couldn't load the audit trail"
          message={trail.message}
          onRetry={() => setAttempt((n) => n + 1)}
          testId="audit-error"
        />
      )}
      {trail.status === 'loaded' && trail.entries.length === 0 && (
        <Text data-testid="audit-empty">Nothing has been recorded yet.</Text>
      )}
      {trail.status === 'loaded' && trail.entries.length > 0 && (
        <ScrollTable
          caption={`Audit trail (${trail.entries.length}${trail.next ? '+' : ''} entries)`}
          columns={['When', 'Who', 'What', 'Cohort', 'Changes and reason']}
          minWidth={900}
          testId="audit-table"
        >
          {trail.entries.map((e) => (
            <tr key={e.id} data-testid="audit-row">
              <RowHeader>
                <span className={t.nowrap}>{formatWhen(e.at)}</span>
              </RowHeader>
              <td className={t.td}>{e.actorName || e.actorId}</td>
              <td className={t.td}>
                <span className={t.block}>{e.actionText}</span>
                <span className={`${t.block} ${t.small} ${t.muted}`}>{e.targetLabel}</span>
              </td>
              <td className={t.td}>
                {e.cohortId ? (names.get(e.cohortId) ?? 'Another cohort') : '—'}
              </td>
              <td className={t.td}>
                {e.changes.length > 0 && (
                  <ul className={styles.changes}>
                    {e.changes.map((c) => (
                      <li key={c.field}>
                        {c.field}: {c.before ?? '—'} → {c.after ?? '—'}
                      </li>
                    ))}
                  </ul>
                )}
                {e.reason && <span className={t.block}>Reason: {e.reason}</span>}
              </td>
            </tr>
          ))}
        </ScrollTable>
      )}
      {trail.status === 'loaded' && trail.next && (
        <Button disabled={trail.more} onClick={() => void older()} data-testid="audit-older">
          {trail.more ? 'Loading…' : 'Show older entries'}
        </Button>
      )}
    </div>
  );
}
