import {
  Button,
  Checkbox,
  Field,
  Select,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useId, useState } from 'react';
import {
  type MySensitiveAnswers,
  SENSITIVE_CATEGORIES,
  SENSITIVE_CATEGORY_WORDS,
  SENSITIVE_CONSENT_TEXT,
  SENSITIVE_INTRO,
  SENSITIVE_OPTIONS,
  SENSITIVE_OPTION_WORDS,
  type SensitiveCategory,
  sensitiveAnswersSchema,
} from '../../../bot/src/contracts/applications';
import { type FieldProblem, problemsOf } from '../../../bot/src/contracts/field-problem';
import { ApiRequestError } from '../app/api-client';
import { useFieldsetStyles } from '../announcements/form/fieldset-styles';
import { FormProblem, FormStatus, useFormStyles } from '../shared/form-parts';
import { describeFailure } from '../shared/use-form-submit';
import type { ApplyApi } from './apply-api';
import { sentence } from './apply-values';

const useStyles = makeStyles({
  note: {
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXS,
  },
  category: {
    paddingBlock: tokens.spacingVerticalS,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
});

type Entry = { value: string; consent: boolean };
type Entries = Record<SensitiveCategory, Entry>;
type Errors = Partial<Record<SensitiveCategory, string>>;

function entriesFrom(answers: MySensitiveAnswers['answers']): Entries {
  return Object.fromEntries(
    SENSITIVE_CATEGORIES.map((c) => [
      c,
      { value: answers[c]?.value ?? '', consent: answers[c]?.consent ?? false },
    ]),
  ) as Entries;
}

function bodyOf(entries: Entries): Record<string, Entry> {
  return Object.fromEntries(
    SENSITIVE_CATEGORIES.filter((c) => entries[c].value !== '').map((c) => [c, entries[c]]),
  );
}

function errorsOf(problems: readonly FieldProblem[]): Errors {
  const errors: Errors = {};
  for (const p of problems) {
    const category = p.field.split('.')[0] as SensitiveCategory;
    if (SENSITIVE_CATEGORIES.includes(category)) errors[category] ??= sentence(p.message);
  }
  return errors;
}

/**
 * The optional special-category questions, apart from the application: each answer with its
 * own consent in plain words; saved and deleted on their own. Only their author ever sees them.
 */
export function SensitiveStep({
  api,
  cohortId,
  stored,
  onStored,
}: {
  api: ApplyApi;
  cohortId: string;
  stored: MySensitiveAnswers;
  onStored: (next: MySensitiveAnswers) => void;
}) {
  const styles = useStyles();
  const formStyles = useFormStyles();
  const fieldset = useFieldsetStyles();
  const idBase = useId().replace(/:/g, '');
  const [entries, setEntries] = useState<Entries>(() => entriesFrom(stored.answers));
  const [errors, setErrors] = useState<Errors>({});
  const [problem, setProblem] = useState<string>();
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const hasStored = Object.keys(stored.answers).length > 0;

  const change = (category: SensitiveCategory, next: Partial<Entry>) => {
    setEntries((e) => ({ ...e, [category]: { ...e[category], ...next } }));
    setErrors((e) => ({ ...e, [category]: undefined }));
  };

  async function run(action: () => Promise<MySensitiveAnswers>, done: string) {
    setBusy(true);
    setProblem(undefined);
    try {
      const next = await action();
      onStored(next);
      setEntries(entriesFrom(next.answers));
      setStatus(done);
    } catch (error) {
      if (error instanceof ApiRequestError && error.fields.length > 0) {
        setErrors(errorsOf(error.fields));
      } else setProblem(describeFailure(error));
    } finally {
      setBusy(false);
    }
  }

  function save() {
    const parsed = sensitiveAnswersSchema.safeParse(bodyOf(entries));
    if (!parsed.success) {
      const found = errorsOf(problemsOf(parsed.error));
      setErrors(found);
      const first = SENSITIVE_CATEGORIES.find((c) => found[c]);
      if (first) document.getElementById(`${idBase}-${first}-consent`)?.focus();
      return;
    }
    void run(() => api.saveSensitive(cohortId, parsed.data), 'Your answers are saved.');
  }

  return (
    <div className={formStyles.form} data-testid="apply-sensitive">
      <div className={styles.note} data-testid="sensitive-note">
        <Text weight="semibold">Who sees these answers</Text>
        <Text>
          No one but you. Not your partner, not your line manager, not other participants and not
          the programme team. They are used only for matching, and in counts of at least five
          people.
        </Text>
        <Text>{SENSITIVE_INTRO}</Text>
      </div>
      <FormProblem problem={problem} />
      {SENSITIVE_CATEGORIES.map((category) => {
        const entry = entries[category];
        return (
          <fieldset key={category} className={`${fieldset.fieldset} ${styles.category}`}>
            <legend className={fieldset.legend}>{SENSITIVE_CATEGORY_WORDS[category]}</legend>
            <Field label="Your answer (optional)">
              <Select
                value={entry.value}
                onChange={(_, d) => change(category, { value: d.value })}
                data-testid={`sensitive-${category}`}
              >
                <option value="">No answer</option>
                {SENSITIVE_OPTIONS[category].map((o) => (
                  <option key={o} value={o}>
                    {SENSITIVE_OPTION_WORDS[o] ?? o}
                  </option>
                ))}
              </Select>
            </Field>
            <Field validationMessage={errors[category]}>
              <Checkbox
                id={`${idBase}-${category}-consent`}
                label={SENSITIVE_CONSENT_TEXT[category]}
                checked={entry.consent}
                onChange={(_, d) => change(category, { consent: d.checked === true })}
                data-testid={`sensitive-${category}-consent`}
              />
            </Field>
          </fieldset>
        );
      })}
      <div className={formStyles.buttons}>
        <Button onClick={save} disabled={busy} data-testid="sensitive-save">
          Save these answers
        </Button>
        {hasStored && (
          <Button
            onClick={() =>
              void run(() => api.deleteSensitive(cohortId), 'Your answers are deleted.')
            }
            disabled={busy}
            data-testid="sensitive-delete"
          >
            Delete my answers
          </Button>
        )}
      </div>
      <FormStatus status={status} testId="sensitive-status" />
    </div>
  );
}
