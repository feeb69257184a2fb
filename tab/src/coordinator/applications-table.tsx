import { Checkbox, mergeClasses } from '@fluentui/react-components';
import { AVAILABILITY_SLOT_WORDS } from '../../../bot/src/contracts/applications';
import { type RowContext, ApplicationRowActions } from './applications-row-dialogs';
import { formatLocalDate } from './coordinator-api';
import type { ApplicationReviewItem } from './review-api';
import {
  ARRANGEMENT_WORDS,
  MEETING_WORDS,
  ROLE_WORDS,
  isDecidable,
  managerAnswerWords,
  trainingWords,
} from './review-words';
import { RowHeader, ScrollTable, useTableStyles } from '../shared/data-table';

const COLUMNS = [
  'Applicant',
  'Status',
  'Applied as',
  'Organisation',
  'Line manager',
  'Training',
  'Perspectives and notes',
];

/**
 * The applications as the service sorted them: who, status and line-manager support in words,
 * what they applied as, training, and each row's actions. The table scrolls in its own box on a
 * narrow screen, with the applicant's name kept in view.
 */
export function ApplicationsTable({
  items,
  selected,
  onToggle,
  context,
}: {
  items: ApplicationReviewItem[];
  selected: ReadonlySet<string>;
  onToggle: (applicationId: string, on: boolean) => void;
  context: RowContext;
}) {
  const t = useTableStyles();
  const small = mergeClasses(t.block, t.muted, t.small);
  return (
    <ScrollTable
      caption={`Applications, ${items.length} shown`}
      columns={COLUMNS}
      minWidth={1100}
      testId="applications-table"
    >
      {items.map((a) => (
        <tr key={a.applicationId} data-testid={`application-row-${a.applicationId}`}>
          <RowHeader testId="application-name">
            {isDecidable(a.status) ? (
              <Checkbox
                checked={selected.has(a.applicationId)}
                onChange={(_e, d) => onToggle(a.applicationId, d.checked === true)}
                label={a.displayName}
                data-testid="application-select"
              />
            ) : (
              <span className={t.block}>{a.displayName}</span>
            )}
            <span className={small}>{a.email}</span>
            {a.submittedAt && <span className={small}>Sent {formatLocalDate(a.submittedAt)}</span>}
          </RowHeader>
          <td className={t.td}>
            <div data-testid="application-status">
              <span className={t.block}>{a.statusWords}</span>
              {a.decisionReason && <span className={small}>Reason: {a.decisionReason}</span>}
              {a.readyForMatching && <span className={small}>Ready for matching</span>}
            </div>
            <ApplicationRowActions item={a} context={context} group="decision" />
          </td>
          <td className={t.td}>
            <span className={t.block}>
              {ROLE_WORDS[a.role]}, {ARRANGEMENT_WORDS[a.arrangement].toLowerCase()}
            </span>
            <span className={small}>{a.band}</span>
            <span className={small}>
              {MEETING_WORDS[a.meetingMode]}
              {a.location ? `, ${a.location}` : ''}
            </span>
          </td>
          <td className={t.td}>
            <span className={t.block}>{a.organisation}</span>
            <span className={small}>{a.directorate}</span>
          </td>
          <td className={t.td} data-testid="application-manager">
            <span className={t.block}>{a.lineManagerName}</span>
            <span className={small}>{a.managerSupportWords}</span>
            {a.managerAnswer && (
              <span className={small} data-testid="application-manager-answer">
                {managerAnswerWords(a.managerAnswer, formatLocalDate)}
                {a.managerAnswer.note && ` Note: ${a.managerAnswer.note}`}
              </span>
            )}
            <ApplicationRowActions item={a} context={context} group="manager" />
          </td>
          <td className={t.td}>
            <span className={t.block} data-testid="application-training-words">
              {trainingWords(a)}
            </span>
            <ApplicationRowActions item={a} context={context} group="training" />
          </td>
          <td className={t.td}>
            {a.perspectivesShared.length > 0 && (
              <span className={small}>Can share: {a.perspectivesShared.join('; ')}</span>
            )}
            {a.perspectivesWanted.length > 0 && (
              <span className={small}>Wants to learn: {a.perspectivesWanted.join('; ')}</span>
            )}
            <span className={small}>
              Free: {a.availability.map((s) => AVAILABILITY_SLOT_WORDS[s]).join(', ')}
            </span>
            {a.notes && <span className={small}>Notes: {a.notes}</span>}
          </td>
        </tr>
      ))}
    </ScrollTable>
  );
}
