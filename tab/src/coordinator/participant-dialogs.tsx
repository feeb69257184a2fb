import { Button, Field, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { ApiClient } from '../app/api-client';
import {
  type Details,
  DetailFields,
  EMPTY,
  type Errors,
  check,
  placeFields,
} from './participant-fields';
import type { CohortParticipant, CohortSummary } from '../../../bot/src/contracts/cohorts';
import { newParticipantSchema, participantChangeSchema } from '../../../bot/src/contracts/people';
import {
  addParticipant,
  editParticipant,
  listCohorts,
  moveParticipant,
  removeParticipant,
} from './admin-api';
import { ChangeDialog, CheckFailed } from './change-dialog';
import { getParticipants } from './coordinator-api';
import { CohortSelect } from '../shared/cohort-select';

const useStyles = makeStyles({
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
});

/** "Add participant": one person, without a partner until a pair is made for them. */
export function AddParticipantButton({
  client,
  cohortId,
  onChanged,
}: {
  client: ApiClient;
  cohortId: string;
  onChanged: (status: string) => void;
}) {
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState<Details>(EMPTY);
  const [errors, setErrors] = useState<Errors>({});
  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="participant-add">
        Add participant
      </Button>
      <ChangeDialog
        open={open}
        onOpenChange={setOpen}
        title="Add a participant"
        happens={[
          'They join this cohort without a partner; make a pair for them in Pairs.',
          'When they sign in with this email they find the cohort.',
        ]}
        told="Nobody is messaged until they are paired and introduced."
        confirmLabel="Add participant"
        testId="participant-add-dialog"
        onFailure={(e) => placeFields(e, setErrors)}
        onConfirm={async () => {
          const checked = check(newParticipantSchema, values);
          setErrors(checked.errors);
          if (!checked.input) throw new CheckFailed();
          const added = await addParticipant(client, cohortId, checked.input);
          setValues(EMPTY);
          onChanged(`${added.displayName} was added.`);
        }}
      >
        <DetailFields values={values} errors={errors} onChange={setValues} withRole />
      </ChangeDialog>
    </>
  );
}

function detailsOf(p: CohortParticipant): Details {
  return {
    displayName: p.displayName,
    email: p.email,
    jobTitle: p.jobTitle ?? '',
    organisation: p.organisation ?? '',
    band: p.band ?? '',
    role: p.role,
  };
}

/** Edit, remove and move, for one row of the participants table. */
export function ParticipantActions({
  client,
  cohort,
  person,
  partnerName,
  onChanged,
}: {
  client: ApiClient;
  cohort: CohortSummary;
  person: CohortParticipant;
  partnerName: string | undefined;
  onChanged: (status: string) => void;
}) {
  const styles = useStyles();
  const [dialog, setDialog] = useState<'edit' | 'remove' | 'move' | null>(null);
  const [values, setValues] = useState<Details>(() => detailsOf(person));
  const [errors, setErrors] = useState<Errors>({});
  const [reason, setReason] = useState('');
  const [etag, setEtag] = useState(person.etag);
  const [cohorts, setCohorts] = useState<CohortSummary[]>([]);
  const [toCohortId, setToCohortId] = useState('');
  const name = person.displayName;
  const reload = async () => {
    const latest = (await getParticipants(client, cohort.id)).find((p) => p.id === person.id);
    if (!latest) throw new Error(`${name} is no longer in this cohort.`);
    setEtag(latest.etag);
  };
  const open = (which: 'edit' | 'remove' | 'move') => {
    setEtag(person.etag);
    setErrors({});
    if (which === 'edit') setValues(detailsOf(person));
    if (which === 'move') {
      void listCohorts(client).then((all) => {
        const others = all.filter((c) => c.id !== cohort.id && c.status === 'open');
        setCohorts(others);
        setToCohortId(others[0]?.id ?? '');
      });
    }
    setDialog(which);
  };
  const show = (which: 'edit' | 'remove' | 'move') => ({
    open: dialog === which,
    onOpenChange: (o: boolean) => setDialog(o ? which : null),
    onReload: reload,
  });
  const pairEnds = partnerName
    ? [
        `Their pair with ${partnerName} ends, and its reminders stop.`,
        `${partnerName} can be paired with someone else.`,
      ]
    : [];
  const partnerTold = partnerName
    ? `${partnerName} is told kindly in Teams that their pairing has ended (never who asked or why).`
    : 'Nobody is messaged.';

  return (
    <div className={styles.actions}>
      <Button
        size="small"
        onClick={() => open('edit')}
        aria-label={`Edit ${name}`}
        data-testid="participant-edit"
      >
        Edit
      </Button>
      <Button
        size="small"
        onClick={() => open('move')}
        aria-label={`Move ${name}`}
        data-testid="participant-move"
      >
        Move
      </Button>
      <Button
        size="small"
        onClick={() => open('remove')}
        aria-label={`Remove ${name}`}
        data-testid="participant-remove"
      >
        Remove
      </Button>
      <ChangeDialog
        {...show('edit')}
        title={`Edit ${name}`}
        happens={['Their details are saved as shown; their pair carries on.']}
        told="Nobody is messaged."
        confirmLabel="Save changes"
        testId="participant-edit-dialog"
        onFailure={(e) => placeFields(e, setErrors)}
        onConfirm={async () => {
          const { role: _role, ...details } = values;
          const checked = check(participantChangeSchema, details);
          setErrors(checked.errors);
          if (!checked.input) throw new CheckFailed();
          await editParticipant(client, cohort.id, person.id, etag, checked.input);
          onChanged(`${values.displayName}'s details were saved.`);
        }}
      >
        <DetailFields values={values} errors={errors} onChange={setValues} withRole={false} />
      </ChangeDialog>
      <ChangeDialog
        {...show('remove')}
        title={`Remove ${name} from ${cohort.name}?`}
        happens={[`${name} leaves the cohort and gets no more messages from it.`, ...pairEnds]}
        told={partnerTold}
        confirmLabel={`Remove ${name}`}
        testId="participant-remove-dialog"
        onConfirm={async () => {
          const removed = await removeParticipant(client, cohort.id, person.id, etag, reason);
          onChanged(removed.message);
        }}
      >
        <Field label="Reason (for the audit trail, optional)">
          <Textarea
            value={reason}
            onChange={(_e, d) => setReason(d.value)}
            data-testid="remove-reason"
          />
        </Field>
      </ChangeDialog>
      <ChangeDialog
        {...show('move')}
        title={`Move ${name} to another cohort?`}
        happens={[
          `${name} leaves ${cohort.name} and joins the cohort you choose, not paired yet.`,
          ...pairEnds,
        ]}
        told={partnerTold}
        confirmLabel={`Move ${name}`}
        testId="participant-move-dialog"
        onFailure={(e) => placeFields(e, setErrors)}
        onConfirm={async () => {
          const moved = await moveParticipant(client, cohort.id, person.id, etag, toCohortId);
          onChanged(moved.message);
        }}
      >
        <Field
          label="Move to"
          validationMessage={
            errors.toCohortId ??
            (cohorts.length === 0 ? 'You run no other open cohort.' : undefined)
          }
          validationState={errors.toCohortId || cohorts.length === 0 ? 'error' : 'none'}
        >
          <CohortSelect
            cohorts={cohorts}
            value={toCohortId}
            onChange={setToCohortId}
            testId="move-to"
          />
        </Field>
      </ChangeDialog>
    </div>
  );
}
