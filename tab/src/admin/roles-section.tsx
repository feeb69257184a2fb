import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  Select,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { CohortSummary } from '../../../bot/src/contracts/cohorts';
import {
  COHORT_ROLES,
  type NewRoleGrant,
  type RoleGrantView,
  STAFF_ROLES,
  STAFF_ROLE_WORDS,
  type StaffRole,
} from '../../../bot/src/contracts/roles';
import type { ApiClient } from '../app/api-client';
import { CohortSelect } from '../shared/cohort-select';
import { ActionStatus, RowHeader, ScrollTable, useTableStyles } from '../shared/data-table';
import { Loading, Problem } from '../shared/status-views';
import { describeFailure, fieldErrorsFrom, type FieldErrors } from '../shared/use-form-submit';
import { ApiRequestError } from '../app/api-client';
import { useApiLoad } from '../shared/use-api-load';
import { grantRole, listRoles, removeRole } from './admin-api';
import { formatLocalDate } from '../coordinator/coordinator-api';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalL },
  form: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 220px), 1fr))',
    gap: tokens.spacingHorizontalM,
    alignItems: 'start',
  },
  actions: { display: 'flex', alignItems: 'flex-end', minHeight: '56px' },
  // A long cohort name must not push the field past its column (or the page past the screen).
  field: { minWidth: 0 },
  control: { width: '100%', minWidth: 0 },
});

const isCohortRole = (role: StaffRole) => (COHORT_ROLES as readonly StaffRole[]).includes(role);

interface RolesSectionProps {
  client: ApiClient;
  cohorts: CohortSummary[];
}

/**
 * Who holds a staff role, and the programme admin's grant and removal. A role given by email
 * waits for that person's first verified sign-in; a cohort role opens that cohort only.
 */
export function RolesSection({ client, cohorts }: RolesSectionProps) {
  const styles = useStyles();
  const t = useTableStyles();
  const [load, , reload] = useApiLoad(() => listRoles(client), [client]);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<StaffRole>('coordinator');
  const [picked, setCohortId] = useState(cohorts[0]?.id ?? '');
  // The list can arrive or change after the first render: a pick no longer listed falls back.
  const cohortId = cohorts.some((c) => c.id === picked) ? picked : (cohorts[0]?.id ?? '');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const [removing, setRemoving] = useState<RoleGrantView | null>(null);

  async function grant() {
    const input: NewRoleGrant = {
      role,
      email: email.trim(),
      ...(isCohortRole(role) ? { cohortId } : {}),
    };
    setSaving(true);
    setErrors({});
    try {
      const granted = await grantRole(client, input);
      setNote({ ok: true, text: `${granted.email ?? granted.name} is now ${describe(granted)}.` });
      setEmail('');
      reload();
    } catch (error) {
      const fields = error instanceof ApiRequestError ? fieldErrorsFrom(error) : {};
      setErrors(fields);
      if (Object.keys(fields).length === 0) {
        setNote({ ok: false, text: `We couldn't grant the role. ${describeFailure(error)}` });
      }
    } finally {
      setSaving(false);
    }
  }

  async function remove(grant: RoleGrantView) {
    setSaving(true);
    try {
      await removeRole(client, grant.id);
      setNote({ ok: true, text: `${who(grant)} is no longer ${describe(grant)}.` });
    } catch (error) {
      setNote({ ok: false, text: `We couldn't remove the role. ${describeFailure(error)}` });
    } finally {
      setSaving(false);
      setRemoving(null);
      reload();
    }
  }

  return (
    <div className={styles.stack} data-testid="roles-section">
      <Text>
        Programme admins run every cohort, grant roles and read the audit trail. A cohort
        coordinator runs only the cohorts given here. A sponsor sees a cohort&apos;s figures, never
        names. Give a role by work email: it takes effect when they first sign in.
      </Text>
      <form
        className={styles.form}
        aria-label="Grant a role"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void grant();
        }}
      >
        <Field
          className={styles.field}
          label="Work email"
          required
          validationMessage={errors.email}
          validationState={errors.email ? 'error' : 'none'}
        >
          <Input
            className={styles.control}
            type="email"
            value={email}
            onChange={(_, d) => setEmail(d.value)}
            data-testid="role-email"
          />
        </Field>
        <Field className={styles.field} label="Role" validationMessage={errors.role}>
          <Select
            className={styles.control}
            value={role}
            onChange={(_, d) => setRole(d.value as StaffRole)}
            data-testid="role-kind"
          >
            {STAFF_ROLES.map((r) => (
              <option key={r} value={r}>
                {STAFF_ROLE_WORDS[r]}
              </option>
            ))}
          </Select>
        </Field>
        {isCohortRole(role) && (
          <Field
            className={styles.field}
            label="Cohort"
            required
            validationMessage={errors.cohortId}
            validationState={errors.cohortId ? 'error' : 'none'}
          >
            <CohortSelect
              className={styles.control}
              cohorts={cohorts}
              value={cohortId}
              onChange={setCohortId}
              testId="role-cohort"
            />
          </Field>
        )}
        <div className={styles.actions}>
          <Button appearance="primary" type="submit" disabled={saving} data-testid="role-grant">
            {saving ? 'Saving…' : 'Grant role'}
          </Button>
        </div>
      </form>
      <ActionStatus note={note} testId="roles-status" />
      {load.status === 'loading' && <Loading label="Loading roles…" testId="roles-loading" />}
      {load.status === 'failed' && (
        <Problem
          title="We couldn't load the roles"
          message={load.error.message}
          onRetry={reload}
          testId="roles-error"
        />
      )}
      {load.status === 'loaded' && (
        <ScrollTable
          caption={`Staff roles (${load.data.length})`}
          columns={['Who', 'Role', 'Cohort', 'Since', 'Remove']}
          minWidth={720}
          testId="roles-table"
        >
          {load.data.map((g) => (
            <tr key={g.id} data-testid="role-row">
              <RowHeader>
                <span className={t.block}>{who(g)}</span>
                {!g.claimed && (
                  <span className={`${t.block} ${t.small} ${t.muted}`}>
                    Waiting for their first sign-in
                  </span>
                )}
              </RowHeader>
              <td className={t.td}>{g.roleText}</td>
              <td className={t.td}>
                {g.cohortName ?? (g.cohortId ? 'Removed cohort' : 'Every cohort')}
              </td>
              <td className={`${t.td} ${t.nowrap}`}>{formatLocalDate(g.grantedAt)}</td>
              <td className={t.td}>
                <Button
                  size="small"
                  disabled={saving}
                  onClick={() => setRemoving(g)}
                  aria-label={`Remove ${g.roleText} from ${who(g)}`}
                  data-testid="role-remove"
                >
                  Remove
                </Button>
              </td>
            </tr>
          ))}
        </ScrollTable>
      )}
      {/* Mounted only while asking: a closed Fluent dialog still registers with the focus manager. */}
      {removing && (
        <Dialog open onOpenChange={(_, d) => !d.open && setRemoving(null)}>
          <DialogSurface data-testid="role-remove-confirm">
            <DialogBody>
              <DialogTitle>Remove this role?</DialogTitle>
              <DialogContent>
                {`${who(removing)} will no longer be ${describe(removing)}. Nothing is sent to them.`}
              </DialogContent>
              <DialogActions>
                <Button
                  appearance="primary"
                  disabledFocusable={saving}
                  onClick={() => void remove(removing)}
                  data-testid="role-remove-yes"
                >
                  Remove role
                </Button>
                <Button onClick={() => setRemoving(null)} data-testid="role-remove-no">
                  Keep it
                </Button>
              </DialogActions>
            </DialogBody>
          </DialogSurface>
        </Dialog>
      )}
    </div>
  );
}

function who(g: RoleGrantView): string {
  return g.name ?? g.email ?? g.userId ?? 'Someone';
}

function describe(g: RoleGrantView): string {
  const role = g.roleText.toLowerCase();
  return g.cohortName ? `${role} of ${g.cohortName}` : `a ${role}`;
}
