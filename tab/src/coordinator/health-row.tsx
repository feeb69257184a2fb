import { Badge, mergeClasses } from '@fluentui/react-components';
import {
  type ChangedByPart,
  HEALTH_WORDS,
  NO_REASON_GIVEN,
  PAIR_STATE_WORDS,
  type PairHealth,
  type PairHealthRow,
} from '../../../bot/src/contracts/cohorts';
import { formatLocalDate } from './coordinator-api';
import { RowHeader, useTableStyles } from '../shared/data-table';
import { PartnerReachNote } from './reach-section';

/** One row of the pairs' health table: the pair, its state and change, meetings and requests. */

const healthColour: Record<
  PairHealth,
  'danger' | 'warning' | 'informative' | 'success' | 'subtle' | 'brand'
> = {
  at_risk: 'danger',
  needs_check_in: 'warning',
  starting: 'informative',
  not_started: 'warning',
  on_track: 'success',
  paused: 'subtle',
  completed: 'brand',
  ended: 'subtle',
};

/** A partner's part as the table words it: reverse pairs have a mentor and a mentee. */
function partWords(part: ChangedByPart, arrangement: PairHealthRow['arrangement']): string {
  if (part === 'coordinator') return 'programme team';
  if (arrangement === 'reciprocal') return 'partner';
  return part === 'mentor' ? 'reverse mentor' : 'mentee';
}

/** Who paused or ended the pair, when, until when and why: the programme team's to see. */
function ChangeDetail({ row }: { row: PairHealthRow }) {
  const t = useTableStyles();
  const change = row.change;
  if (!change) return null;
  const who =
    change.byPart === 'coordinator'
      ? 'the programme team'
      : `${change.byName ?? 'someone no longer on the roster'} (${partWords(change.byPart, row.arrangement)})`;
  const verb = change.state === 'paused' ? 'Paused' : 'Ended';
  return (
    <span className={mergeClasses(t.block, t.small)} data-testid="health-change">
      <span className={t.block} data-testid="health-change-by">
        {verb} by {who} on {formatLocalDate(change.at)}
        {change.state === 'paused' &&
          (change.until ? `, until ${formatLocalDate(change.until)}` : ', until resumed')}
      </span>
      <span
        className={mergeClasses(t.block, change.reason ? undefined : t.muted)}
        data-testid="health-change-reason"
      >
        {change.reason ? `Reason: ${change.reason}` : NO_REASON_GIVEN}
      </span>
    </span>
  );
}

/** Which partners asked for a word, and when. */
function AskedCell({ row }: { row: PairHealthRow }) {
  const t = useTableStyles();
  if (row.askedBy.length === 0) return <span className={t.muted}>No</span>;
  return (
    <>
      <Badge appearance="filled" shape="rounded" color="warning">
        Asked
      </Badge>
      {row.askedBy.map((a) => (
        <span
          key={`${a.part}-${a.at}`}
          className={mergeClasses(t.block, t.small)}
          data-testid="health-asked-by"
        >
          {a.name || 'Someone no longer on the roster'} ({partWords(a.part, row.arrangement)}),{' '}
          {formatLocalDate(a.at)}
        </span>
      ))}
    </>
  );
}

export function HealthBadge({ row }: { row: Pick<PairHealthRow, 'health' | 'healthText'> }) {
  return (
    <Badge
      appearance="tint"
      shape="rounded"
      color={healthColour[row.health] ?? 'informative'}
      data-testid="health-state"
    >
      {row.healthText || HEALTH_WORDS[row.health] || row.health}
    </Badge>
  );
}

function PairCell({ row }: { row: PairHealthRow }) {
  const t = useTableStyles();
  const reverse = row.arrangement === 'reverse';
  return (
    <RowHeader>
      <span className={t.block} data-testid="health-mentor">
        {row.mentor || 'Someone no longer on the roster'}
        {reverse && <span className={mergeClasses(t.muted, t.small)}> · reverse mentor</span>}
      </span>
      <PartnerReachNote row={row} role="mentor" />
      <span className={t.block} data-testid="health-mentee">
        {row.mentee || 'Someone no longer on the roster'}
        {reverse && <span className={mergeClasses(t.muted, t.small)}> · mentee</span>}
      </span>
      <PartnerReachNote row={row} role="mentee" />
    </RowHeader>
  );
}

export function HealthRow({ row }: { row: PairHealthRow }) {
  const t = useTableStyles();
  return (
    <tr data-testid={`health-row-${row.pairId}`} data-health={row.health}>
      <PairCell row={row} />
      <td className={t.td}>{row.arrangement === 'reciprocal' ? 'Reciprocal' : 'Reverse'}</td>
      <td className={t.td}>
        <HealthBadge row={row} />
        {row.state === 'active' && (
          <span className={mergeClasses(t.block, t.muted, t.small)} data-testid="health-pair-state">
            {PAIR_STATE_WORDS.active}
          </span>
        )}
        <ChangeDetail row={row} />
      </td>
      <td className={t.td}>
        <span className={mergeClasses(t.block, t.nowrap)} data-testid="health-meetings">
          {row.held} of {row.planned}
        </span>
        {row.minimumMet && (
          <span className={mergeClasses(t.block, t.muted, t.small)}>Minimum met</span>
        )}
      </td>
      <td className={mergeClasses(t.td, t.nowrap)} data-testid="health-last">
        {row.lastContact ? (
          formatLocalDate(row.lastContact)
        ) : (
          <span className={t.muted}>None yet</span>
        )}
      </td>
      <td className={t.td} data-testid="health-asked">
        <AskedCell row={row} />
      </td>
    </tr>
  );
}
