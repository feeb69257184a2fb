import { type ReactNode, useState } from 'react';
import type { ApiClient } from '../app/api-client';
import type { CohortParticipant, CohortSummary } from '../../../bot/src/contracts/cohorts';
import { ActionStatus } from '../shared/data-table';
import type { LoadState } from '../shared/use-api-load';
import { AddParticipantButton, ParticipantActions } from './participant-dialogs';
import { ParticipantsSection } from './participants';

/**
 * The participants panel of a cohort: the roster with "add participant" and each row's edit,
 * move and remove (none for an archived cohort, which is read-only), and what the last change did.
 */
export function CohortPeople({
  client,
  cohort,
  load,
  onRetry,
  onImport,
  onChanged,
  above,
  rowNote,
}: {
  client: ApiClient;
  cohort: CohortSummary;
  load: LoadState<CohortParticipant[]>;
  onRetry: () => void;
  onImport: () => void;
  onChanged: () => void;
  /** Shown above the table (who the bot cannot reach yet). */
  above?: ReactNode;
  /** A note under a person's name (whether the bot can reach them). */
  rowNote?: (person: CohortParticipant) => ReactNode;
}) {
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const changed = (text: string) => {
    setNote({ ok: true, text });
    onChanged();
  };
  const readOnly = cohort.status === 'archived';
  return (
    <ParticipantsSection
      load={load}
      onRetry={onRetry}
      onImport={onImport}
      above={above}
      rowNote={rowNote}
      toolbar={
        !readOnly && (
          <>
            <AddParticipantButton client={client} cohortId={cohort.id} onChanged={changed} />
            <ActionStatus note={note} testId="participants-status" />
          </>
        )
      }
      rowActions={
        readOnly
          ? undefined
          : (person, partnerName) => (
              <ParticipantActions
                client={client}
                cohort={cohort}
                person={person}
                partnerName={partnerName}
                onChanged={changed}
              />
            )
      }
    />
  );
}
