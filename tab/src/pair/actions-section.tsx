import {
  Badge,
  Button,
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Text,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { ApiRequestError } from '../app/api-client';
import {
  type ActionOwner,
  JOURNEY_LIMITS,
  type NewAction,
  type PairAction,
} from '../../../bot/src/contracts/journey';
import { DateField } from '../shared/date-field';
import { FormDialog } from '../shared/form-dialog';
import { useLocale } from '../shared/locale';
import { formatDayWords } from '../shared/local-dates';
import { FormProblem, SubmitButton, useFormStyles } from '../shared/form-parts';
import { describeFailure, useFormSubmit } from '../shared/use-form-submit';
import type { FieldErrors } from '../shared/use-form-submit';
import { checkNewAction } from './pair-checks';
import { todayIso } from './pair-format';
import { type PairWorkProps, conflictTitle, usePairWorkStyles as useStyles } from './pair-work';

function ActionItem({
  action,
  partnerName,
  myName,
  onToggle,
}: {
  action: PairAction;
  partnerName: string;
  myName: string;
  onToggle: (action: PairAction, done: boolean) => Promise<void>;
}) {
  const styles = useStyles();
  const locale = useLocale();
  // The ticked state shows at once while the change is saved.
  const [pending, setPending] = useState<boolean | null>(null);
  const busy = pending !== null;
  const [problem, setProblem] = useState<string | undefined>();
  const [conflict, setConflict] = useState(false);
  const metaId = `action-meta-${action.id}`;
  const owner = action.owner === 'me' ? `For you (${myName})` : `For ${partnerName}`;

  async function toggle(done: boolean) {
    setPending(done);
    setProblem(undefined);
    setConflict(false);
    try {
      await onToggle(action, done);
    } catch (error) {
      if (error instanceof ApiRequestError && error.status === 412) setConflict(true);
      else setProblem(describeFailure(error));
    } finally {
      setPending(null);
    }
  }

  return (
    <li className={styles.item} data-testid={`action-${action.id}`}>
      <Checkbox
        checked={pending ?? action.done}
        disabled={busy}
        onChange={(_, d) => void toggle(d.checked === true)}
        label={<span className={action.done ? styles.done : undefined}>{action.text}</span>}
        aria-describedby={metaId}
        data-testid="action-done"
      />
      <div className={styles.meta} id={metaId}>
        <Text size={200}>{owner}</Text>
        <Text size={200}>Due {formatDayWords(action.dueDate, locale)}</Text>
        {action.done ? (
          <Badge appearance="tint" color="success" data-testid="action-state">
            Done
          </Badge>
        ) : action.overdue ? (
          <Badge appearance="filled" color="danger" data-testid="action-state">
            Overdue
          </Badge>
        ) : null}
      </div>
      {conflict && (
        <MessageBar intent="warning" layout="multiline" data-testid="action-conflict">
          <MessageBarBody>
            <MessageBarTitle>{conflictTitle(partnerName)}</MessageBarTitle>
            Their version is shown above. Tick or untick it again if it still needs changing.
          </MessageBarBody>
        </MessageBar>
      )}
      {problem && (
        <MessageBar intent="error" data-testid="action-problem">
          <MessageBarBody>{problem}</MessageBarBody>
        </MessageBar>
      )}
    </li>
  );
}

function AddActionForm({
  partnerName,
  myName,
  onAdd,
  onCancel,
}: {
  partnerName: string;
  myName: string;
  onAdd: (action: NewAction) => Promise<void>;
  onCancel: () => void;
}) {
  const styles = useFormStyles();
  const empty: NewAction = { text: '', owner: 'me', dueDate: '' };
  const [values, setValues] = useState<NewAction>(empty);
  const { errors, setErrors, problem, setProblem, saving, save } = useFormSubmit();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const missing: FieldErrors = checkNewAction(values);
    setErrors(missing);
    setProblem(undefined);
    if (Object.keys(missing).length > 0) return;
    // Saved, the dialog closes; refused, every word typed stays.
    await save(async () => {
      await onAdd(values);
    });
  }

  return (
    <form
      className={styles.form}
      onSubmit={(e) => void submit(e)}
      data-testid="add-action"
      noValidate
    >
      <FormProblem problem={problem} />
      <Field label="What was agreed" required validationMessage={errors.text}>
        <Input
          value={values.text}
          onChange={(_, d) => setValues((v) => ({ ...v, text: d.value }))}
          maxLength={JOURNEY_LIMITS.actionText}
          data-testid="action-text"
        />
      </Field>
      <div className={styles.row}>
        <Field label="Who will do it" validationMessage={errors.owner}>
          <Select
            value={values.owner}
            onChange={(_, d) => setValues((v) => ({ ...v, owner: d.value as ActionOwner }))}
            data-testid="action-owner"
          >
            <option value="me">Me ({myName})</option>
            <option value="partner">{partnerName}</option>
          </Select>
        </Field>
        <DateField
          label="Due date"
          required
          validationMessage={errors.dueDate}
          min={todayIso()}
          value={values.dueDate}
          onChange={(dueDate) => setValues((v) => ({ ...v, dueDate }))}
          testId="action-due"
        />
      </div>
      <div className={styles.buttons}>
        <SubmitButton saving={saving} testId="action-save">
          Add action
        </SubmitButton>
        <Button type="button" onClick={onCancel} disabled={saving} data-testid="action-cancel">
          Cancel
        </Button>
      </div>
    </form>
  );
}

export function ActionsSection({
  client,
  pairId,
  partnerName,
  myName,
  actions,
  onActionsChange,
}: PairWorkProps & { actions: PairAction[]; onActionsChange: (actions: PairAction[]) => void }) {
  const styles = useStyles();
  const [adding, setAdding] = useState(false);
  // Open actions first (soonest due first), then those done.
  const shown = [...actions].sort(
    (a, b) => Number(a.done) - Number(b.done) || a.dueDate.localeCompare(b.dueDate),
  );
  const open = actions.filter((a) => !a.done).length;
  const replace = (action: PairAction) =>
    onActionsChange(actions.map((a) => (a.id === action.id ? action : a)));

  async function toggle(action: PairAction, done: boolean) {
    try {
      const changed = await client.changeAction(pairId, action.id, action.etag, { done });
      replace({ ...action, ...changed, overdue: !changed.done && Boolean(action.overdue) });
    } catch (error) {
      if (error instanceof ApiRequestError && error.status === 412 && error.current) {
        const value = error.current.value as Partial<PairAction> & { doneAt?: string };
        const isDone = value.done ?? Boolean(value.doneAt);
        replace({
          ...action,
          text: value.text ?? action.text,
          dueDate: value.dueDate ?? action.dueDate,
          done: isDone,
          overdue: !isDone && Boolean(action.overdue),
          etag: error.current.etag,
        });
      }
      throw error;
    }
  }

  return (
    <>
      {actions.length === 0 ? (
        <Text className={styles.muted} data-testid="actions-empty">
          No actions yet. When you agree something to do before your next meeting, add it here.
        </Text>
      ) : (
        <ul className={styles.list} data-testid="actions-list">
          {shown.map((a) => (
            <ActionItem
              key={a.id}
              action={a}
              partnerName={partnerName}
              myName={myName}
              onToggle={toggle}
            />
          ))}
        </ul>
      )}
      {actions.length > 0 && (
        <Text size={200} className={styles.muted} data-testid="actions-open-count">
          {open === 0 ? 'All done.' : `${open} open.`}
        </Text>
      )}
      <div>
        <Button onClick={() => setAdding(true)} data-testid="action-add-open">
          Add an agreed action
        </Button>
      </div>
      <FormDialog
        open={adding}
        title="Add an agreed action"
        onClose={() => setAdding(false)}
        testId="add-action-dialog"
      >
        <AddActionForm
          partnerName={partnerName}
          myName={myName}
          onCancel={() => setAdding(false)}
          onAdd={async (input) => {
            const added = await client.addAction(pairId, input);
            onActionsChange([...actions, { overdue: false, meetingId: null, ...added }]);
            setAdding(false);
          }}
        />
      </FormDialog>
    </>
  );
}
