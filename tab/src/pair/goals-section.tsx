import {
  Badge,
  Button,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Text,
} from '@fluentui/react-components';
import { useState } from 'react';
import { ApiRequestError } from '../app/api-client';
import type { GoalInput, PairGoal } from '../../../bot/src/contracts/journey';
import { FormDialog } from '../shared/form-dialog';
import { GoalForm } from './goal-form';
import { describeGoalStatus } from './pair-format';
import { type PairWorkProps, conflictTitle, usePairWorkStyles as useStyles } from './pair-work';

const goalColour = {
  not_started: 'informative',
  in_progress: 'brand',
  achieved: 'success',
  set_aside: 'subtle',
} as const;

function GoalItem({
  goal,
  partnerName,
  onSave,
}: {
  goal: PairGoal;
  partnerName: string;
  onSave: (goal: PairGoal, input: GoalInput) => Promise<'saved' | PairGoal>;
}) {
  const styles = useStyles();
  const [editing, setEditing] = useState(false);
  const [latest, setLatest] = useState<PairGoal | null>(null);

  const view = (
    <>
      <div className={styles.itemTop}>
        <Text weight="semibold" data-testid="goal-text-shown">
          {goal.text}
        </Text>
        <Badge appearance="tint" color={goalColour[goal.status]} data-testid="goal-status-shown">
          {describeGoalStatus(goal.status)}
        </Badge>
      </div>
      {goal.note && (
        <Text className={styles.muted} data-testid="goal-note-shown">
          {goal.note}
        </Text>
      )}
    </>
  );

  const notice = latest ? (
    <MessageBar intent="warning" layout="multiline" data-testid="goal-conflict">
      <MessageBarBody>
        <MessageBarTitle>{conflictTitle(partnerName)}</MessageBarTitle>
        Their version is below; your text is kept so you can re-apply it.
        <span data-testid="goal-conflict-latest" style={{ display: 'block', marginTop: 4 }}>
          <strong>Their version:</strong> “{latest.text}” ({describeGoalStatus(latest.status)})
          {latest.note ? ` Note: ${latest.note}` : ''}
        </span>
      </MessageBarBody>
    </MessageBar>
  ) : undefined;
  const close = () => {
    setEditing(false);
    setLatest(null);
  };

  return (
    <li className={styles.item} data-testid={`goal-${goal.id}`}>
      {view}
      <div>
        <Button
          onClick={() => setEditing(true)}
          aria-label={`Edit goal: ${goal.text}`}
          data-testid="goal-edit"
        >
          Edit
        </Button>
      </div>
      <FormDialog open={editing} title="Edit goal" onClose={close} testId="goal-dialog">
        <GoalForm
          initial={{ text: goal.text, status: goal.status, note: goal.note }}
          submitLabel={latest ? 'Save my version' : 'Save goal'}
          notice={notice}
          testId="goal-edit-form"
          onCancel={close}
          onSubmit={async (input) => {
            const result = await onSave(goal, input);
            if (result === 'saved') {
              close();
              return true;
            }
            setLatest(result);
            return false;
          }}
        />
      </FormDialog>
    </li>
  );
}

export function GoalsSection({
  client,
  pairId,
  partnerName,
  goals,
  onGoalsChange,
}: Omit<PairWorkProps, 'myName'> & {
  goals: PairGoal[];
  onGoalsChange: (goals: PairGoal[]) => void;
}) {
  const styles = useStyles();
  const [adding, setAdding] = useState(false);
  const replace = (goal: PairGoal) =>
    onGoalsChange(goals.map((g) => (g.id === goal.id ? goal : g)));

  async function save(goal: PairGoal, input: GoalInput): Promise<'saved' | PairGoal> {
    try {
      replace(await client.updateGoal(pairId, goal.id, goal.etag, input));
      return 'saved';
    } catch (error) {
      if (error instanceof ApiRequestError && error.status === 412 && error.current) {
        const value = error.current.value as Partial<PairGoal>;
        const fresh: PairGoal = { ...goal, ...value, id: goal.id, etag: error.current.etag };
        replace(fresh);
        return fresh;
      }
      throw error;
    }
  }

  return (
    <>
      {goals.length === 0 ? (
        <Text className={styles.muted} data-testid="goals-empty">
          You haven&apos;t set any goals yet. Agree one or two with {partnerName} and add them here.
        </Text>
      ) : (
        <ul className={styles.list} data-testid="goals-list">
          {goals.map((g) => (
            <GoalItem key={g.id} goal={g} partnerName={partnerName} onSave={save} />
          ))}
        </ul>
      )}
      <div>
        <Button onClick={() => setAdding(true)} data-testid="goal-add-open">
          Add a goal
        </Button>
      </div>
      <FormDialog
        open={adding}
        title="Add a goal"
        onClose={() => setAdding(false)}
        testId="add-goal-dialog"
      >
        <GoalForm
          initial={{ text: '', status: 'not_started', note: '' }}
          submitLabel="Add goal"
          testId="add-goal"
          onCancel={() => setAdding(false)}
          onSubmit={async (input) => {
            const goal = await client.addGoal(pairId, input);
            onGoalsChange([...goals, goal]);
            setAdding(false);
            return true;
          }}
        />
      </FormDialog>
    </>
  );
}
