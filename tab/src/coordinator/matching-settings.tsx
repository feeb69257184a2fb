import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Radio,
  RadioGroup,
  Text,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import type { ApiClient } from '../app/api-client';
import {
  MATCH_WEIGHT_KEYS,
  type MatchAimWire,
  type MatchWeightKey,
  type MatchingSettingsView,
  matchingSettingsSchema,
} from '../../../bot/src/contracts/matching';
import { FormProblem, FormStatus, SubmitButton, useFormStyles } from '../shared/form-parts';
import { SectionCard, Subheading } from '../shared/section-card';
import { NeverPairList } from './matching-never-pair';
import { describeFailure } from '../shared/use-form-submit';
import { type Errors, check, placeFields } from './participant-fields';
import { saveMatchingSettings } from './matching-api';
import { isProposalChanged } from './matching-words';

const AIMS: { value: MatchAimWire; label: string }[] = [
  {
    value: 'most-matched',
    label: 'Most people matched: as many pairs as the rules allow, then the best fit among them.',
  },
  {
    value: 'best-fit',
    label: 'Best total fit: the highest total score, even if a few more people wait.',
  },
];

export const WEIGHT_WORDS: Record<MatchWeightKey, string> = {
  perspectives: 'Perspectives the mentee wants to learn that the mentor can share',
  livedExperience:
    'Different lived experience (from optional answers only the person sees; never shown)',
  crossOrganisation: 'Mentor and mentee from different organisations',
  availability: 'Times both are free',
  location: 'Same place, for those meeting in person',
};

interface Values {
  aim: MatchAimWire;
  weights: Record<MatchWeightKey, string>;
  neverPair: [string, string][];
}

function valuesOf(view: MatchingSettingsView): Values {
  const s = view.settings;
  return {
    aim: s.aim,
    // Settings saved before a weight existed take its default.
    weights: Object.fromEntries(
      MATCH_WEIGHT_KEYS.map((k) => [k, String(s.weights[k] ?? view.defaults.weights[k])]),
    ) as Record<MatchWeightKey, string>,
    neverPair: s.neverPair.map(([a, b]) => [a, b]),
  };
}

const num = (text: string): number | undefined => (text.trim() === '' ? undefined : Number(text));

function bodyOf(v: Values) {
  return {
    aim: v.aim,
    weights: Object.fromEntries(MATCH_WEIGHT_KEYS.map((k) => [k, num(v.weights[k])])),
    neverPair: v.neverPair,
  };
}

/**
 * The cohort's matching settings: the aim, the weights (defaults beside
 * them, and the points a pair can reach) and the "never pair these two" list. Checked with the
 * contract's schema before sending, saved with the ETag it was read with. The band gap is shown
 * read-only: it is one cohort rule, set with the application settings (Application window).
 */
export function MatchingSettingsForm({
  client,
  cohortId,
  view,
  people,
  onSaved,
  onReload,
}: {
  client: ApiClient;
  cohortId: string;
  view: MatchingSettingsView;
  /** Everyone in the latest run, to choose from for "never pair". */
  people: { id: string; name: string }[];
  onSaved: (view: MatchingSettingsView) => void;
  onReload: () => Promise<MatchingSettingsView>;
}) {
  const form = useFormStyles();
  const [values, setValues] = useState(() => valuesOf(view));
  const [errors, setErrors] = useState<Errors>({});
  const [problem, setProblem] = useState<string | undefined>();
  const [conflict, setConflict] = useState(false);
  const [saving, setSaving] = useState(false);
  const [status, setStatus] = useState('');
  useEffect(() => setValues(valuesOf(view)), [view]);

  const reach = MATCH_WEIGHT_KEYS.reduce((sum, k) => sum + (num(values.weights[k]) ?? 0), 0);
  const problemOf = (field: string) =>
    errors[field]
      ? { validationMessage: errors[field], validationState: 'error' as const }
      : { validationState: 'none' as const };

  async function submit(event: FormEvent) {
    event.preventDefault();
    setProblem(undefined);
    setStatus('');
    const checked = check(matchingSettingsSchema, bodyOf(values));
    setErrors(checked.errors);
    if (!checked.input) return;
    setSaving(true);
    try {
      const saved = await saveMatchingSettings(client, cohortId, view.etag, checked.input);
      setStatus('Settings saved. The next run uses them.');
      onSaved(saved);
    } catch (error) {
      if (isProposalChanged(error)) setConflict(true);
      else if (!placeFields(error, setErrors)) setProblem(describeFailure(error));
    } finally {
      setSaving(false);
    }
  }

  async function reload() {
    const latest = await onReload();
    setValues(valuesOf(latest));
    setConflict(false);
    setStatus('The latest settings are shown.');
  }

  return (
    <SectionCard title="Matching settings" testId="matching-settings">
      <form className={form.form} onSubmit={(e) => void submit(e)} noValidate>
        {conflict && (
          <MessageBar intent="warning" layout="multiline" data-testid="matching-settings-conflict">
            <MessageBarBody>
              <MessageBarTitle>Changed by someone else</MessageBarTitle>
              Someone changed these settings since you opened them, so nothing was saved. Load
              theirs, then make your change again.
            </MessageBarBody>
            <MessageBarActions>
              <Button onClick={() => void reload()} data-testid="matching-settings-reload">
                Load the latest
              </Button>
            </MessageBarActions>
          </MessageBar>
        )}
        <FormProblem problem={problem} />
        <Field label="What to aim for" {...problemOf('aim')}>
          <RadioGroup
            value={values.aim}
            onChange={(_e, d) => setValues({ ...values, aim: d.value as MatchAimWire })}
            data-testid="matching-aim"
          >
            {AIMS.map((a) => (
              <Radio
                key={a.value}
                value={a.value}
                label={a.label}
                data-testid={`matching-aim-${a.value}`}
              />
            ))}
          </RadioGroup>
        </Field>
        <Field
          label="Smallest band gap"
          hint="Set in the Application window, beside the ladder: one rule for applying and matching."
        >
          <Text data-testid="matching-gap">
            The mentor is at least {view.minimumBandGap}{' '}
            {view.minimumBandGap === 1 ? 'band' : 'bands'} more junior than the mentee.
          </Text>
        </Field>
        <Subheading>Weights, in points</Subheading>
        <div className={form.row}>
          {MATCH_WEIGHT_KEYS.map((k) => (
            <Field
              key={k}
              label={WEIGHT_WORDS[k]}
              hint={`Default ${view.defaults.weights[k]}`}
              {...problemOf(`weights.${k}`)}
            >
              <Input
                type="number"
                value={values.weights[k]}
                onChange={(_e, d) =>
                  setValues({ ...values, weights: { ...values.weights, [k]: d.value } })
                }
                data-testid={`matching-weight-${k}`}
              />
            </Field>
          ))}
        </div>
        <Text data-testid="matching-reach">
          A pair can reach {reach} {reach === 1 ? 'point' : 'points'}.
        </Text>

        <NeverPairList
          entries={values.neverPair}
          people={people}
          error={errors.neverPair}
          onChange={(neverPair) => setValues({ ...values, neverPair })}
        />
        <div className={form.buttons}>
          <SubmitButton saving={saving} testId="matching-settings-save">
            Save settings
          </SubmitButton>
        </div>
        <FormStatus status={status} testId="matching-settings-status" />
      </form>
    </SectionCard>
  );
}
