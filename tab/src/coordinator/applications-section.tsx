import { Button, Checkbox, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useCallback, useMemo, useState } from 'react';
import type { ApiClient } from '../app/api-client';
import type { ReviewQuery } from '../../../bot/src/contracts/application-review';
import { APPLICATION_STATUSES } from '../../../bot/src/contracts/applications';
import type { CohortSummary } from '../../../bot/src/contracts/cohorts';
import { ApplicationFilters } from './applications-filters';
import type { TrainingEventView } from '../../../bot/src/contracts/application-review';
import { BulkAttendanceDialog } from './applications-attendance-dialog';
import { BulkDecisionDialog } from './applications-decision-dialog';
import { BulkAttendanceResults, BulkResults } from './applications-bulk-results';
import { ApplicationsTable } from './applications-table';
import { CHANGE_DIALOG_CLOSE_MS } from './change-dialog';
import { plural } from './coordinator-api';
import { type BulkAttendanceAnswer, type BulkDecisionAnswer, getApplications } from './review-api';
import { APPLICATION_STATUS_WORDS, isDecidable } from './review-words';
import { ActionStatus, CountTiles } from '../shared/data-table';
import { Loading, Problem } from '../shared/status-views';
import { useApiLoad } from '../shared/use-api-load';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM, minWidth: 0 },
  bar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
  },
});

/** Words for how many there are of each, in the order met: "3 Waiting for the line manager". */
function tally(values: string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].map(([words, n]) => `${n} ${words.toLowerCase()}`).join(', ');
}

const namesOf = (items: { applicationId: string; displayName: string }[]) =>
  new Map(items.map((i) => [i.applicationId, i.displayName]));

/**
 * The programme team's review of the cohort's applications: filter, search and sort, then
 * accept, waitlist or decline (one by one or many at once, each with its own result), record
 * training attendance and the line manager's answer. Never a special-category answer: the API
 * holds none for this list.
 */
export function ApplicationsSection({
  client,
  cohort,
  active,
  onSignInExpired,
}: {
  client: ApiClient;
  cohort: CohortSummary;
  /** Read when the tab is opened (and each time again after). */
  active: boolean;
  onSignInExpired?: () => void;
}) {
  const styles = useStyles();
  const [query, setQuery] = useState<ReviewQuery>({});
  const [load, , retry] = useApiLoad(
    () => getApplications(client, cohort.id, query),
    [client, cohort.id, JSON.stringify(query)],
    onSignInExpired,
    { enabled: active, keepWhileReloading: true },
  );
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [bulkOpen, setBulkOpen] = useState({ open: false, n: 0 });
  const [attendanceOpen, setAttendanceOpen] = useState({ open: false, n: 0 });
  const [bulk, setBulk] = useState<
    | { kind: 'decision'; answer: BulkDecisionAnswer; names: ReadonlyMap<string, string> }
    | {
        kind: 'attendance';
        answer: BulkAttendanceAnswer;
        names: ReadonlyMap<string, string>;
        event: TrainingEventView;
      }
    | null
  >(null);
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);

  const list = load.status === 'loaded' ? load.data : undefined;
  const items = useMemo(() => list?.applications ?? [], [list]);
  const decidable = items.filter((i) => isDecidable(i.status));
  const chosen = decidable.filter((i) => selected.has(i.applicationId));

  // Read again once the dialog has closed (Fluent gives the page back to screen readers first).
  const reloadAfterDialog = useCallback(() => {
    window.setTimeout(retry, CHANGE_DIALOG_CLOSE_MS + 100);
  }, [retry]);
  const changed = useCallback(
    (text: string) => {
      setNote({ ok: true, text });
      reloadAfterDialog();
    },
    [reloadAfterDialog],
  );
  const toggle = useCallback((id: string, on: boolean) => {
    setSelected((now) => {
      const next = new Set(now);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }, []);

  if (load.status === 'loading') {
    return <Loading label="Loading the applications…" testId="applications-loading" />;
  }
  if (load.status === 'failed') {
    return (
      <Problem
        title="We couldn't load the applications"
        message={load.error.message}
        onRetry={retry}
        testId="applications-error"
      />
    );
  }
  const data = load.data;
  const total = APPLICATION_STATUSES.reduce((n, s) => n + (data.counts[s] ?? 0), 0);
  const allChosen = decidable.length > 0 && chosen.length === decidable.length;

  return (
    <div className={styles.stack} data-testid="applications-section">
      <CountTiles
        label="Applications by status"
        tiles={APPLICATION_STATUSES.filter((s) => s !== 'draft').map((s) => ({
          key: s,
          label: APPLICATION_STATUS_WORDS[s],
          value: data.counts[s] ?? 0,
          attention: s === 'submitted' && (data.counts[s] ?? 0) > 0,
        }))}
        minTileWidth={150}
        testId="applications-count"
      />
      <ApplicationFilters query={query} onChange={setQuery} counts={data.counts} />
      <Text data-testid="applications-summary">
        Showing {items.length} of {plural(total, 'application')}.
        {items.length > 0 && ` Line manager: ${tally(items.map((i) => i.managerSupportWords))}.`}
        {items.length > 0 &&
          ` Training: ${tally(items.map((i) => (i.training.complete ? 'Complete' : 'Still to attend')))}.`}
        {data.requireTraining && ' This cohort requires training before matching.'}
      </Text>
      <div className={styles.bar}>
        <Checkbox
          checked={allChosen ? true : chosen.length > 0 ? 'mixed' : false}
          disabled={decidable.length === 0}
          onChange={(_e, d) =>
            setSelected(
              d.checked === true ? new Set(decidable.map((i) => i.applicationId)) : new Set(),
            )
          }
          label={`Select all shown (${decidable.length})`}
          data-testid="applications-select-all"
        />
        <Button
          appearance="primary"
          disabledFocusable={chosen.length === 0}
          onClick={() => setBulkOpen((b) => ({ open: true, n: b.n + 1 }))}
          data-testid="applications-bulk"
        >
          Decide on {plural(chosen.length, 'selected application')}
        </Button>
        {data.trainingEvents.length > 0 && (
          <Button
            disabledFocusable={chosen.length === 0}
            onClick={() => setAttendanceOpen((b) => ({ open: true, n: b.n + 1 }))}
            data-testid="applications-bulk-attendance"
          >
            Record attendance for {plural(chosen.length, 'selected applicant')}
          </Button>
        )}
      </div>
      <ActionStatus note={note} testId="applications-status-line" />
      {bulk?.kind === 'decision' && (
        <BulkResults answer={bulk.answer} names={bulk.names} onDismiss={() => setBulk(null)} />
      )}
      {bulk?.kind === 'attendance' && (
        <BulkAttendanceResults
          answer={bulk.answer}
          names={bulk.names}
          eventTitle={bulk.event.title}
          onDismiss={() => setBulk(null)}
        />
      )}
      {items.length === 0 ? (
        <Text data-testid="applications-empty">
          {total === 0
            ? 'No applications have been sent yet.'
            : 'No application matches these filters. Clear the search or choose "All" to see more.'}
        </Text>
      ) : (
        <ApplicationsTable
          items={items}
          selected={selected}
          onToggle={toggle}
          context={{
            client,
            cohortId: cohort.id,
            cohortName: cohort.name,
            trainingEvents: data.trainingEvents,
            onChanged: changed,
          }}
        />
      )}
      {bulkOpen.n > 0 && (
        <BulkDecisionDialog
          key={bulkOpen.n}
          open={bulkOpen.open}
          client={client}
          cohortId={cohort.id}
          cohortName={cohort.name}
          items={chosen}
          onClose={() => setBulkOpen((b) => ({ ...b, open: false }))}
          onDone={(answer) => {
            setBulk({ kind: 'decision', answer, names: namesOf(chosen) });
            setNote(null);
            // What was refused stays selected, to look at and decide again.
            setSelected(new Set(answer.results.filter((r) => !r.ok).map((r) => r.applicationId)));
            reloadAfterDialog();
          }}
        />
      )}
      {attendanceOpen.n > 0 && (
        <BulkAttendanceDialog
          key={attendanceOpen.n}
          open={attendanceOpen.open}
          client={client}
          cohortId={cohort.id}
          events={data.trainingEvents}
          items={chosen}
          onClose={() => setAttendanceOpen((b) => ({ ...b, open: false }))}
          onDone={(answer, event) => {
            setBulk({ kind: 'attendance', answer, names: namesOf(chosen), event });
            setNote(null);
            // What was refused stays selected, to look at and record again.
            setSelected(new Set(answer.results.filter((r) => !r.ok).map((r) => r.applicationId)));
            reloadAfterDialog();
          }}
        />
      )}
    </div>
  );
}
