import { Badge, Button, Field, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { ApiClient } from '../app/api-client';
import { ApiRequestError } from '../app/api-client';
import {
  type CohortDetail,
  cohortChangeSchema,
  newCohortSchema,
} from '../../../bot/src/contracts/cohort-admin';
import { COHORT_STATUS_WORDS } from '../../../bot/src/contracts/cohort-settings';
import type { CohortSummary } from '../../../bot/src/contracts/cohorts';
import {
  archiveCohort,
  closeCohort,
  createCohort,
  getCohortDetail,
  updateCohort,
} from './admin-api';
import { CHANGE_DIALOG_CLOSE_MS, ChangeDialog, CheckFailed } from './change-dialog';
import {
  type CohortErrors,
  CohortFields,
  type CohortValues,
  NEW_COHORT_VALUES,
  checkCohort,
  valuesOf,
} from './cohort-form';

const useStyles = makeStyles({
  bar: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
});

/** The API's field problems as the form shows them; true when there were any. */
function placeFields(error: unknown, setErrors: (e: CohortErrors) => void): boolean {
  if (!(error instanceof ApiRequestError) || error.fields.length === 0) return false;
  setErrors(Object.fromEntries(error.fields.map((f) => [f.field, f.message])));
  return true;
}

/** A cohort's status, when it is not simply open. */
export function CohortStatusBadge({ cohort }: { cohort: Pick<CohortSummary, 'status'> }) {
  if (!cohort.status || cohort.status === 'open') return null;
  return (
    <Badge appearance="tint" color="informative" shape="rounded" data-testid="cohort-status">
      {COHORT_STATUS_WORDS[cohort.status]}
    </Badge>
  );
}

/** "New cohort" for programme admins: the same fields as editing, with the programme's defaults. */
export function NewCohortButton({
  client,
  onCreated,
}: {
  client: ApiClient;
  onCreated: (cohort: CohortSummary) => void;
}) {
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState<CohortValues>(NEW_COHORT_VALUES);
  const [errors, setErrors] = useState<CohortErrors>({});
  const [created, setCreated] = useState<CohortSummary | null>(null);
  // Open the new cohort only once the dialog has closed: leaving the page with the modal still
  // open would leave the rest of the page hidden from screen readers.
  useEffect(() => {
    if (open || !created) return undefined;
    const timer = window.setTimeout(() => {
      setCreated(null);
      onCreated(created);
    }, CHANGE_DIALOG_CLOSE_MS);
    return () => window.clearTimeout(timer);
  }, [open, created, onCreated]);
  return (
    <>
      <Button appearance="primary" onClick={() => setOpen(true)} data-testid="new-cohort">
        New cohort
      </Button>
      <ChangeDialog
        open={open}
        onOpenChange={setOpen}
        title="New cohort"
        happens={[
          'The cohort is created with these dates, hours and meeting plan.',
          'You can then import or add its participants and make its pairs.',
        ]}
        told="Nobody is messaged. People hear from the programme when their pair is introduced."
        confirmLabel="Create cohort"
        testId="new-cohort-dialog"
        onFailure={(error) => placeFields(error, setErrors)}
        onConfirm={async () => {
          const checked = checkCohort(newCohortSchema, values);
          setErrors(checked.errors);
          if (!checked.input) throw new CheckFailed();
          setCreated(await createCohort(client, checked.input));
          setValues(NEW_COHORT_VALUES);
        }}
      >
        <CohortFields values={values} errors={errors} onChange={setValues} />
      </ChangeDialog>
    </>
  );
}

/** Edit, close and archive, for the cohort's own view; `onChanged` gets the saved cohort. */
export function CohortAdminBar({
  client,
  cohort,
  onChanged,
}: {
  client: ApiClient;
  cohort: CohortDetail;
  onChanged: (cohort: CohortDetail) => void;
}) {
  const styles = useStyles();
  const [dialog, setDialog] = useState<'edit' | 'close' | 'archive' | null>(null);
  const [values, setValues] = useState<CohortValues>(() => valuesOf(cohort));
  const [errors, setErrors] = useState<CohortErrors>({});
  const [reason, setReason] = useState('');
  const [etag, setEtag] = useState(cohort.etag);
  const status = cohort.status ?? 'open';
  const reload = async () => setEtag((await getCohortDetail(client, cohort.id)).etag);
  const openDialog = (which: 'edit' | 'close' | 'archive') => {
    setEtag(cohort.etag);
    if (which === 'edit') setValues(valuesOf(cohort));
    setErrors({});
    setDialog(which);
  };
  const show = (which: 'edit' | 'close' | 'archive') => ({
    open: dialog === which,
    onOpenChange: (open: boolean) => setDialog(open ? which : null),
  });

  if (status === 'archived') return null;
  return (
    <div className={styles.bar}>
      <Button onClick={() => openDialog('edit')} data-testid="cohort-edit">
        Edit cohort
      </Button>
      {status === 'open' && (
        <Button onClick={() => openDialog('close')} data-testid="cohort-close">
          Close cohort
        </Button>
      )}
      {status === 'closed' && (
        <Button onClick={() => openDialog('archive')} data-testid="cohort-archive">
          Archive cohort
        </Button>
      )}
      <ChangeDialog
        {...show('edit')}
        title={`Edit ${cohort.name}`}
        happens={[
          'The cohort’s details are saved as shown.',
          'Pairs already meeting keep the plan they started with; new pairs follow the new cadence.',
        ]}
        told="Nobody is messaged."
        confirmLabel="Save changes"
        testId="cohort-edit-dialog"
        onReload={reload}
        onFailure={(error) => placeFields(error, setErrors)}
        onConfirm={async () => {
          const checked = checkCohort(cohortChangeSchema, values);
          setErrors(checked.errors);
          if (!checked.input) throw new CheckFailed();
          onChanged(await updateCohort(client, cohort.id, etag, checked.input));
        }}
      >
        <CohortFields values={values} errors={errors} onChange={setValues} />
      </ChangeDialog>
      <ChangeDialog
        {...show('close')}
        title={`Close ${cohort.name}?`}
        happens={[
          'No more reminders or journey messages go out for this cohort.',
          'Pairs that are meeting are marked completed; pairs that never started or are paused are ended.',
          'You can still read everything, and archive the cohort afterwards.',
        ]}
        told="Nobody is messaged by closing. Post an announcement first if you want to thank everyone."
        confirmLabel="Close cohort"
        testId="cohort-close-dialog"
        onReload={reload}
        onConfirm={async () => {
          onChanged((await closeCohort(client, cohort.id, etag, reason)).cohort);
        }}
      >
        <Field label="Reason (for the audit trail, optional)">
          <Textarea value={reason} onChange={(_e, d) => setReason(d.value)} />
        </Field>
      </ChangeDialog>
      <ChangeDialog
        {...show('archive')}
        title={`Archive ${cohort.name}?`}
        happens={[
          'The cohort becomes read-only and is hidden from your list of cohorts.',
          'Show archived cohorts on the home page to find it again.',
        ]}
        told="Nobody is messaged."
        confirmLabel="Archive cohort"
        testId="cohort-archive-dialog"
        onReload={reload}
        onConfirm={async () => onChanged(await archiveCohort(client, cohort.id, etag))}
      />
    </div>
  );
}
