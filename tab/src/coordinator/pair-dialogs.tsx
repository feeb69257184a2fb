import { Button, Field, Select, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { ApiClient } from '../app/api-client';
import type {
  CohortParticipant,
  CohortSummary,
  PairStateView,
} from '../../../bot/src/contracts/cohorts';
import { ApiRequestError } from '../app/api-client';
import { type PairVerb, changePair, getPairs, makePair } from './admin-api';
import { ChangeDialog } from './change-dialog';

const useStyles = makeStyles({
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
});

const VERB_WORDS: Record<
  PairVerb,
  { title: string; confirm: string; happens: string[]; told: string }
> = {
  pause: {
    title: 'Pause',
    confirm: 'Pause the pair',
    happens: [
      'The pair stops getting reminders until it resumes (or the weeks you choose are over).',
      'Your reason is kept for the programme team only.',
    ],
    told: 'Both partners are told in Teams that their pairing is paused, never who asked or why.',
  },
  resume: {
    title: 'Resume',
    confirm: 'Resume the pair',
    happens: ['The pair is running again; its reminders start again.'],
    told: 'Both partners are told in Teams that their pairing has resumed.',
  },
  end: {
    title: 'End',
    confirm: 'End the pair',
    happens: [
      'The pair ends for good and its reminders stop.',
      'Both people can then be paired with someone else.',
      'Your reason is kept for the programme team only.',
    ],
    told: 'Both partners are told kindly in Teams that their pairing has ended, never who asked or why.',
  },
};

/** Pause, resume or end one pair, each with its dialog. */
export function PairRowActions({
  client,
  cohortId,
  pair,
  label,
  onChanged,
}: {
  client: ApiClient;
  cohortId: string;
  pair: PairStateView;
  label: string;
  onChanged: (status: string) => void;
}) {
  const styles = useStyles();
  const [verb, setVerb] = useState<PairVerb | null>(null);
  const [reason, setReason] = useState('');
  const [weeks, setWeeks] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const [etag, setEtag] = useState(pair.etag);
  const verbs: PairVerb[] =
    pair.state === 'active'
      ? ['pause', 'end']
      : pair.state === 'paused'
        ? ['resume', 'end']
        : pair.state === 'proposed' || pair.state === 'introduced'
          ? ['end']
          : [];
  if (verbs.length === 0) return null;
  const words = verb ? VERB_WORDS[verb] : undefined;
  return (
    <div className={styles.actions}>
      {verbs.map((v) => (
        <Button
          key={v}
          size="small"
          onClick={() => {
            setEtag(pair.etag);
            setReasonError(undefined);
            setVerb(v);
          }}
          aria-label={`${VERB_WORDS[v].title} ${label}`}
          data-testid={`pair-${v}`}
        >
          {VERB_WORDS[v].title}
        </Button>
      ))}
      {verb && words && (
        <ChangeDialog
          open
          onOpenChange={(o) => !o && setVerb(null)}
          title={`${words.title} ${label}?`}
          happens={words.happens}
          told={words.told}
          confirmLabel={words.confirm}
          testId={`pair-${verb}-dialog`}
          onReload={async () => {
            const latest = (await getPairs(client, cohortId)).find((p) => p.id === pair.id);
            if (latest) setEtag(latest.etag);
          }}
          onFailure={(error) => {
            const field =
              error instanceof ApiRequestError
                ? error.fields.find((f) => f.field === 'reason')
                : undefined;
            if (field) setReasonError(`This ${field.message}.`.replace('This give', 'Give'));
            return Boolean(field);
          }}
          onConfirm={async () => {
            const body =
              verb === 'pause'
                ? { reason, ...(weeks ? { weeks: Number(weeks) as 2 | 4 | 8 } : {}) }
                : { reason };
            const changed = await changePair(client, cohortId, pair.id, etag, verb, body);
            setReason('');
            onChanged(changed.message);
          }}
        >
          {verb === 'pause' && (
            <Field label="For how long">
              <Select
                value={weeks}
                onChange={(_e, d) => setWeeks(d.value)}
                data-testid="pause-weeks"
              >
                <option value="">Until someone resumes it</option>
                <option value="2">2 weeks</option>
                <option value="4">4 weeks</option>
                <option value="8">8 weeks</option>
              </Select>
            </Field>
          )}
          <Field
            label={verb === 'resume' ? 'Reason (optional)' : 'Reason (for the programme team only)'}
            required={verb !== 'resume'}
            validationMessage={reasonError}
            validationState={reasonError ? 'error' : 'none'}
          >
            <Textarea
              value={reason}
              onChange={(_e, d) => setReason(d.value)}
              data-testid="pair-reason"
            />
          </Field>
        </ChangeDialog>
      )}
    </div>
  );
}

/** "Make a pair" from two unpaired people of the cohort. */
export function MakePairButton({
  client,
  cohort,
  unpaired,
  onChanged,
}: {
  client: ApiClient;
  cohort: CohortSummary;
  unpaired: CohortParticipant[];
  onChanged: (status: string) => void;
}) {
  const [open, setOpen] = useState(false);
  const [mentorId, setMentorId] = useState('');
  const [menteeId, setMenteeId] = useState('');
  const [arrangement, setArrangement] = useState(cohort.arrangements[0] ?? 'reverse');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const mentors = unpaired.filter((p) => p.role !== 'mentee');
  const mentees = unpaired.filter((p) => p.role !== 'mentor');
  const nameOf = (id: string) =>
    unpaired.find((p) => p.id === id)?.displayName ?? 'the person you choose';
  const problem = (f: string) =>
    errors[f] ? { validationMessage: errors[f], validationState: 'error' as const } : {};
  return (
    <>
      <Button
        appearance="primary"
        onClick={() => {
          setMentorId(mentors[0]?.id ?? '');
          setMenteeId(mentees.find((p) => p.id !== mentors[0]?.id)?.id ?? '');
          setErrors({});
          setOpen(true);
        }}
        disabled={mentors.length === 0 || mentees.length === 0}
        data-testid="pair-make"
      >
        Make a pair
      </Button>
      <ChangeDialog
        open={open}
        onOpenChange={setOpen}
        title="Make a pair"
        happens={[
          `${nameOf(mentorId)} mentors ${nameOf(menteeId)} (${arrangement}).`,
          'Their journey starts with its own introduction and relationship contract.',
        ]}
        told="Both get an introduction in Teams, in their working hours (once they have the app)."
        confirmLabel="Make the pair"
        testId="pair-make-dialog"
        onFailure={(error) => {
          if (!(error instanceof ApiRequestError) || error.fields.length === 0) return false;
          setErrors(Object.fromEntries(error.fields.map((f) => [f.field, f.message])));
          return true;
        }}
        onConfirm={async () => {
          const made = await makePair(client, cohort.id, {
            mentorId,
            menteeId,
            arrangement: arrangement as 'reverse' | 'reciprocal',
          });
          onChanged(made.message);
        }}
      >
        <Field label="Mentor" {...problem('mentorId')}>
          <Select
            value={mentorId}
            onChange={(_e, d) => setMentorId(d.value)}
            data-testid="pair-mentor"
          >
            {mentors.map((p) => (
              <option key={p.id} value={p.id}>
                {p.displayName}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Mentee" {...problem('menteeId')}>
          <Select
            value={menteeId}
            onChange={(_e, d) => setMenteeId(d.value)}
            data-testid="pair-mentee"
          >
            {mentees.map((p) => (
              <option key={p.id} value={p.id}>
                {p.displayName}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Arrangement" {...problem('arrangement')}>
          <Select
            value={arrangement}
            onChange={(_e, d) => setArrangement(d.value as typeof arrangement)}
          >
            {cohort.arrangements.map((a) => (
              <option key={a} value={a}>
                {a === 'reverse' ? 'Reverse' : 'Reciprocal'}
              </option>
            ))}
          </Select>
        </Field>
      </ChangeDialog>
    </>
  );
}
