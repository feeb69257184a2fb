import { Badge, Button, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { SetStateAction } from 'react';
import type {
  AnnouncementRecipient,
  AnnouncementStatus,
} from '../../../../bot/src/contracts/announcements';
import { plural } from '../../coordinator/coordinator-api';
import { RowHeader, ScrollTable, TableFilter, useTableStyles } from '../../shared/data-table';
import {
  FILTERS,
  FILTER_WORDS,
  RECIPIENT_WORDS,
  type RecipientFilter,
  formatShort,
  matchesFilter,
} from '../announcement-words';
import { STATUS_COLOUR } from './report-words';

/** People shown in the report's table before "Show more". */
export const ROWS_PER_PAGE = 200;

const useStyles = makeStyles({
  subheading: { margin: 0 },
  muted: { color: tokens.colorNeutralForeground2 },
  reason: { minWidth: '220px' },
});

function RecipientRow({ r }: { r: AnnouncementRecipient }) {
  const t = useTableStyles();
  const styles = useStyles();
  return (
    <tr data-testid="recipient-row" data-status={r.status}>
      <RowHeader testId="recipient-name">{r.displayName}</RowHeader>
      <td className={mergeClasses(t.td, t.nowrap)}>
        <Badge
          appearance="tint"
          shape="rounded"
          color={STATUS_COLOUR[r.status] ?? 'informative'}
          data-testid="recipient-status"
        >
          {RECIPIENT_WORDS[r.status] ?? r.status}
        </Badge>
      </td>
      <td className={mergeClasses(t.td, styles.reason)} data-testid="recipient-reason">
        {r.reason ?? <span className={t.muted}>None</span>}
      </td>
      <td className={mergeClasses(t.td, t.nowrap)} data-testid="recipient-sent">
        {r.sentAt ? formatShort(r.sentAt) : <span className={t.muted}>Not sent</span>}
      </td>
      <td className={mergeClasses(t.td, t.nowrap)} data-testid="recipient-read">
        {r.acknowledgedAt ? (
          formatShort(r.acknowledgedAt)
        ) : (
          <span className={t.muted}>Not yet</span>
        )}
      </td>
    </tr>
  );
}

interface RecipientsProps {
  status: AnnouncementStatus;
  /** Everyone, sorted by name. */
  recipients: AnnouncementRecipient[];
  filter: RecipientFilter;
  onFilter: (filter: RecipientFilter) => void;
  /** How many rows are shown; a large send has thousands of people. */
  rowLimit: number;
  onRowLimit: (limit: SetStateAction<number>) => void;
}

/** Who it went to: each person's status, reason, when it was sent and read; filterable. */
export function RecipientsSection({
  status,
  recipients,
  filter,
  onFilter,
  rowLimit,
  onRowLimit,
}: RecipientsProps) {
  const styles = useStyles();
  const t = useTableStyles();
  const shown = recipients.filter((r) => matchesFilter(r, filter));
  const filterCount = (f: RecipientFilter) => recipients.filter((r) => matchesFilter(r, f)).length;
  return (
    <>
      <Text as="h4" size={400} weight="semibold" className={styles.subheading}>
        {status === 'scheduled' ? 'Who it goes to' : 'Who it went to'}
      </Text>
      {recipients.length === 0 ? (
        <Text className={styles.muted} data-testid="announcement-recipients-empty">
          {status === 'scheduled'
            ? 'People are listed here once it starts sending.'
            : status === 'cancelled'
              ? 'It was cancelled before it went to anyone.'
              : 'Nobody yet.'}
        </Text>
      ) : (
        <>
          <div className={t.tools}>
            <TableFilter
              label="Show"
              value={filter}
              options={FILTERS.map((f) => ({
                value: f,
                label: `${FILTER_WORDS[f]} (${filterCount(f)})`,
              }))}
              onChange={(f) => {
                onFilter(f);
                onRowLimit(ROWS_PER_PAGE);
              }}
              testId="announcement-recipient-filter"
            />
          </div>
          {shown.length === 0 ? (
            <Text className={styles.muted} data-testid="announcement-recipients-filter-empty">
              Nobody is “{FILTER_WORDS[filter]}”.
            </Text>
          ) : (
            <ScrollTable
              caption={`Recipients${filter === 'all' ? '' : `: ${FILTER_WORDS[filter]} only`}, ${plural(shown.length, 'person', 'people')}`}
              columns={['Name', 'Status', 'Reason', 'Sent', 'Read']}
              minWidth={760}
              testId="announcement-recipients"
            >
              {shown.slice(0, rowLimit).map((r) => (
                <RecipientRow key={r.participantId} r={r} />
              ))}
            </ScrollTable>
          )}
          {shown.length > rowLimit && (
            <div className={t.tools}>
              <Text className={styles.muted} data-testid="announcement-recipients-shown">
                Showing {rowLimit.toLocaleString('en-GB')} of{' '}
                {plural(shown.length, 'person', 'people')}.
              </Text>
              <Button
                appearance="secondary"
                onClick={() => onRowLimit((n) => n + ROWS_PER_PAGE)}
                data-testid="announcement-recipients-more"
              >
                Show {Math.min(ROWS_PER_PAGE, shown.length - rowLimit).toLocaleString('en-GB')} more
              </Button>
            </div>
          )}
        </>
      )}
    </>
  );
}
