import { Button, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { type ReactNode, useMemo } from 'react';
import type { CohortParticipant } from '../../../bot/src/contracts/cohorts';
import { plural } from './coordinator-api';
import { RowHeader, ScrollTable, useTableStyles } from '../shared/data-table';
import { Loading, Problem } from '../shared/status-views';
import type { LoadState } from '../shared/use-api-load';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
  alignStart: { alignSelf: 'flex-start' },
});

interface ParticipantsSectionProps {
  load: LoadState<CohortParticipant[]>;
  onRetry: () => void;
  onImport: () => void;
  /** Shown above the table (who the bot cannot reach yet: reach-section.tsx). */
  above?: ReactNode;
  /** A note under a person's name (reach-section.tsx). */
  rowNote?: (person: CohortParticipant) => ReactNode;
  /** Buttons above the table (add a participant). */
  toolbar?: ReactNode;
  /** Each row's actions (edit, move, remove), given the partner's name. */
  rowActions?: (person: CohortParticipant, partnerName: string | undefined) => ReactNode;
}

/** The cohort's roster: who, their role, how to reach them, and whether they have a partner. */
export function ParticipantsSection({
  load,
  onRetry,
  onImport,
  above,
  rowNote,
  toolbar,
  rowActions,
}: ParticipantsSectionProps) {
  const styles = useStyles();
  const t = useTableStyles();
  const people = load.status === 'loaded' ? load.data : [];
  const sorted = useMemo(
    () => [...people].sort((a, b) => a.displayName.localeCompare(b.displayName)),
    [people],
  );
  // Partners share a pair id; the roster itself says who is with whom.
  const partnerOf = useMemo(() => {
    const byPair = new Map<string, CohortParticipant[]>();
    for (const p of people) {
      if (p.pairId) byPair.set(p.pairId, [...(byPair.get(p.pairId) ?? []), p]);
    }
    const partners = new Map<string, string>();
    for (const members of byPair.values()) {
      for (const p of members) {
        const other = members.find((m) => m.id !== p.id);
        if (other) partners.set(p.id, other.displayName);
      }
    }
    return partners;
  }, [people]);

  if (load.status === 'loading') {
    return <Loading label="Loading the participants…" testId="participants-loading" />;
  }
  if (load.status === 'failed') {
    return (
      <Problem
        title="We couldn't load the participants"
        message={load.error.message}
        onRetry={onRetry}
        testId="participants-error"
      />
    );
  }
  if (people.length === 0) {
    return (
      <div className={styles.stack} data-testid="participants-empty">
        {toolbar}
        <Text>No participants yet. Import your roster to add people to this cohort.</Text>
        <Button appearance="primary" className={styles.alignStart} onClick={onImport}>
          Import participants and pairs
        </Button>
      </div>
    );
  }

  const mentors = people.filter((p) => p.role === 'mentor').length;
  const paired = people.filter((p) => p.pairId).length;
  const waiting = people.length - paired;

  return (
    <div className={styles.stack}>
      {toolbar}
      <Text data-testid="participants-summary">
        {plural(people.length, 'person', 'people')}: {plural(mentors, 'mentor')} and{' '}
        {plural(people.length - mentors, 'mentee')}. {paired} paired
        {waiting > 0 ? `, ${waiting} waiting for a partner` : ''}.
      </Text>
      {above}
      <ScrollTable
        caption={`Participants, ${plural(people.length, 'person', 'people')}`}
        columns={[
          'Name',
          'Role',
          'Email',
          'Organisation',
          'Pair',
          ...(rowActions ? ['Actions'] : []),
        ]}
        minWidth={980}
        testId="participants-table"
      >
        {sorted.map((p) => {
          const partner = partnerOf.get(p.id);
          return (
            <tr key={p.id} data-testid={`participant-${p.id}`}>
              <RowHeader testId="participant-name">
                <span className={t.block}>{p.displayName}</span>
                {p.jobTitle && (
                  <span className={mergeClasses(t.block, t.muted, t.small)}>{p.jobTitle}</span>
                )}
                {rowNote?.(p)}
              </RowHeader>
              <td className={t.td}>{p.role === 'mentor' ? 'Mentor' : 'Mentee'}</td>
              <td className={mergeClasses(t.td, t.nowrap)}>{p.email}</td>
              <td className={t.td}>
                {p.organisation ?? <span className={t.muted}>Not given</span>}
              </td>
              <td className={t.td} data-testid="participant-pair">
                {p.pairId ? (
                  `Paired with ${partner ?? 'someone no longer on the roster'}`
                ) : (
                  <span className={t.muted}>Not paired yet</span>
                )}
              </td>
              {rowActions && <td className={t.td}>{rowActions(p, partner)}</td>}
            </tr>
          );
        })}
      </ScrollTable>
    </div>
  );
}
