import { Button, Field, Select } from '@fluentui/react-components';
import { useRef, useState } from 'react';
import type { MouseEvent } from 'react';
import type { ApiClient } from '../app/api-client';
import {
  type PublishResultView,
  type RunView,
  runSwapSchema,
} from '../../../bot/src/contracts/matching';
import { CHANGE_DIALOG_CLOSE_MS, ChangeDialog, CheckFailed } from './change-dialog';
import { type FocusReturn, focusReturnFrom, returnFocusLater } from '../shared/focus-return';
import { type Errors, check, placeFields } from './participant-fields';
import { editRunPair, publishRun, swapInRun } from './matching-api';
import {
  type AnyRunPair,
  namesOfRun,
  pairLabel,
  pairRef,
  pairsCount,
  plainCount,
} from './matching-words';

/** Nothing reaches anyone from a draft: every dialog but publish says so. */
const NO_ONE_TOLD = 'No one: nothing is sent to anyone until you publish.';

/**
 * A dialog's open state that remembers the button it was opened from: Fluent moves focus into
 * the dialog before the change dialog notes where it came from, so the button is noted here, on
 * the click, and focus goes back to it once the dialog has gone.
 */
function useOpenedFrom(): [
  boolean,
  (event: MouseEvent<HTMLElement>) => void,
  (o: boolean) => void,
] {
  const [open, setOpen] = useState(false);
  const from = useRef<FocusReturn>({ opener: null, around: null });
  const openFrom = (event: MouseEvent<HTMLElement>) => {
    from.current = focusReturnFrom(event.currentTarget);
    setOpen(true);
  };
  const change = (next: boolean) => {
    if (!next) returnFocusLater(from.current, CHANGE_DIALOG_CLOSE_MS);
    setOpen(next);
  };
  return [open, openFrom, change];
}

interface DraftDialogProps {
  client: ApiClient;
  cohortId: string;
  run: RunView;
  /** The run as the change left it. */
  onChanged: (run: RunView, status: string) => void;
  /** Reads the latest run after someone else changed it. */
  onReload: () => Promise<void>;
}

/** Takes one pair out of the draft: both become unmatched and the pair is not proposed again. */
export function RemovePairButton({ pair, ...props }: DraftDialogProps & { pair: AnyRunPair }) {
  const { client, cohortId, run, onChanged, onReload } = props;
  const [open, openFrom, setOpen] = useOpenedFrom();
  const label = pairLabel(pair);
  return (
    <>
      <Button
        size="small"
        onClick={openFrom}
        aria-label={`Remove ${label}`}
        data-testid="matching-remove"
      >
        Remove
      </Button>
      <ChangeDialog
        open={open}
        onOpenChange={setOpen}
        title={`Remove ${label} from the proposal?`}
        happens={[
          `${label} become unmatched in this draft.`,
          'A rerun never proposes these two together again in this cohort.',
        ]}
        told={NO_ONE_TOLD}
        confirmLabel="Remove the pair"
        testId="matching-remove-dialog"
        onReload={onReload}
        onConfirm={async () => {
          const changed = await editRunPair(client, cohortId, run, 'remove', pairRef(pair));
          onChanged(changed, `Removed ${label} from the proposal.`);
        }}
      />
    </>
  );
}

/**
 * One person's place in the draft: their side and their partner, if any. People of the
 * reciprocal pool are all on one side, 'partner': any two of them can swap.
 */
function placesOf(run: RunView) {
  const places = new Map<
    string,
    { side: 'mentor' | 'mentee' | 'either' | 'partner'; partner?: string; partnerId?: string }
  >();
  for (const p of run.pairs) {
    places.set(p.mentorId, { side: 'mentor', partner: p.menteeName, partnerId: p.menteeId });
    places.set(p.menteeId, { side: 'mentee', partner: p.mentorName, partnerId: p.mentorId });
  }
  for (const p of run.reciprocalPairs ?? []) {
    places.set(p.personAId, { side: 'partner', partner: p.personBName, partnerId: p.personBId });
    places.set(p.personBId, { side: 'partner', partner: p.personAName, partnerId: p.personAId });
  }
  for (const u of run.unmatched) {
    if (u.cause === 'not-in-pool') continue;
    places.set(u.id, { side: u.pool === 'reciprocal' ? 'partner' : u.role });
  }
  return places;
}

/** Two mentors (or two mentees) trade partners, or an unmatched person takes someone's place. */
export function SwapButton(props: DraftDialogProps) {
  const { client, cohortId, run, onChanged, onReload } = props;
  const [open, openFrom, setOpen] = useOpenedFrom();
  const [personA, setPersonA] = useState('');
  const [personB, setPersonB] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const names = namesOfRun(run);
  const places = placesOf(run);
  const nameOf = (id: string) => names.get(id) ?? 'the person you choose';
  const describe = (id: string) => {
    const place = places.get(id);
    if (!place) return nameOf(id);
    if (!place.partner) {
      return `${nameOf(id)} (unmatched${place.side === 'partner' ? ', reciprocal' : ''})`;
    }
    return place.side === 'partner'
      ? `${nameOf(id)} (partner of ${place.partner})`
      : `${nameOf(id)} (${place.side}, with ${place.partner})`;
  };
  const paired = [...places].filter(([, p]) => p.partner).map(([id]) => id);
  const sideA = places.get(personA)?.side;
  const partnerOfA = places.get(personA)?.partnerId;
  // The same side in another pair, or unmatched and able to take that side (a reverse side:
  // reciprocal partners swap only among themselves).
  const others = [...places]
    .filter(
      ([id, p]) =>
        id !== personA &&
        id !== partnerOfA &&
        (p.side === sideA || (!p.partner && p.side === 'either' && sideA !== 'partner')),
    )
    .map(([id]) => id);
  const problem = (f: string) =>
    errors[f]
      ? { validationMessage: errors[f], validationState: 'error' as const }
      : { validationState: 'none' as const };
  const byName = (ids: string[]) => [...ids].sort((a, b) => nameOf(a).localeCompare(nameOf(b)));
  return (
    <>
      <Button
        onClick={(event) => {
          setPersonA('');
          setPersonB('');
          setErrors({});
          openFrom(event);
        }}
        disabled={pairsCount(run).all === 0}
        data-testid="matching-swap"
      >
        Swap two people
      </Button>
      <ChangeDialog
        open={open}
        onOpenChange={setOpen}
        title="Swap two people"
        happens={[
          personA && personB
            ? `${nameOf(personA)} and ${nameOf(personB)} trade places in the proposal.`
            : 'The two people you choose trade places in the proposal.',
          'The new pairs are checked against every rule and scored again; a pair a rule forbids is refused.',
          'The new pairs are locked, so a rerun keeps them.',
        ]}
        told={NO_ONE_TOLD}
        confirmLabel="Swap them"
        testId="matching-swap-dialog"
        onReload={onReload}
        onFailure={(error) => placeFields(error, setErrors)}
        onConfirm={async () => {
          const checked = check(runSwapSchema, { personA, personB });
          setErrors(checked.errors);
          if (!checked.input) throw new CheckFailed();
          const changed = await swapInRun(client, cohortId, run, checked.input);
          onChanged(changed, `Swapped ${nameOf(personA)} and ${nameOf(personB)}.`);
        }}
      >
        <Field label="Someone in a pair" required {...problem('personA')}>
          <Select
            value={personA}
            onChange={(_e, d) => {
              setPersonA(d.value);
              setPersonB('');
            }}
            data-testid="matching-swap-a"
          >
            <option value="">Choose…</option>
            {byName(paired).map((id) => (
              <option key={id} value={id}>
                {describe(id)}
              </option>
            ))}
          </Select>
        </Field>
        <Field
          label="Swap with (the same side or another partner, in another pair, or unmatched)"
          required
          {...problem('personB')}
        >
          <Select
            value={personB}
            onChange={(_e, d) => setPersonB(d.value)}
            data-testid="matching-swap-b"
          >
            <option value="">Choose…</option>
            {byName(personA ? others : []).map((id) => (
              <option key={id} value={id}>
                {describe(id)}
              </option>
            ))}
          </Select>
        </Field>
      </ChangeDialog>
    </>
  );
}

/** Publishes the draft: the one step that sends anything. */
export function PublishButton({
  client,
  cohortId,
  run,
  onPublished,
  onReload,
}: Omit<DraftDialogProps, 'onChanged'> & { onPublished: (result: PublishResultView) => void }) {
  const [open, openFrom, setOpen] = useOpenedFrom();
  const waiting = run.unmatched.filter((u) => u.cause !== 'not-in-pool').length;
  const count = pairsCount(run);
  const made = `${plainCount(count.all, 'pair')}${count.reciprocal > 0 ? `, of which ${count.reciprocal} reciprocal (two partners mentoring each other),` : ''}`;
  return (
    <>
      <Button
        appearance="primary"
        onClick={openFrom}
        disabled={count.all === 0 && waiting === 0}
        data-testid="matching-publish"
      >
        Publish…
      </Button>
      <ChangeDialog
        open={open}
        onOpenChange={setOpen}
        title="Publish this proposal?"
        happens={[
          `${made} ${count.all === 1 ? 'is' : 'are'} made in this cohort and introduced in Teams; each pair's journey starts as usual.`,
          `${plainCount(waiting, 'person', 'people')} ${waiting === 1 ? 'is' : 'are'} told kindly that they are on the waiting list.`,
          'Nothing has been sent to anyone before this. Publishing cannot be undone, but a pair can be ended later.',
        ]}
        told="Both people of each new pair get an introduction in Teams, in their working hours; each person left unmatched gets a kind message that they are on the waiting list."
        confirmLabel="Publish"
        testId="matching-publish-dialog"
        onReload={onReload}
        onConfirm={async () => {
          onPublished(await publishRun(client, cohortId, run));
        }}
      />
    </>
  );
}
