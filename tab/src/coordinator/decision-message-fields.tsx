import { Field, Input, Text, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import {
  DECISION_MESSAGE_LIMITS,
  type DecisionMessage,
  PLACEHOLDERS_FOR,
  REVIEW_DECISIONS,
  type ReviewDecision,
  fillDecisionMessage,
} from '../../../bot/src/contracts/decision-messages';
import { Subheading } from '../shared/section-card';
import type { SettingsField, TemplateField } from './application-settings-values';

const useStyles = makeStyles({
  group: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  textarea: { width: '100%' },
  preview: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXS,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
    whiteSpace: 'pre-wrap',
  },
});

const HEADINGS: Record<ReviewDecision, string> = {
  accept: 'When you accept someone',
  waitlist: 'When you put someone on the waiting list',
  decline: 'When you decline someone',
};

/** Made-up facts for the preview: nobody's real application. */
const SAMPLE = {
  displayName: 'Alex Morgan',
  reason: 'we have more mentors than mentees this time',
};

/**
 * The three messages an applicant may be told, each a template (title and text) with the
 * placeholders it may use, and a preview filled in with a made-up applicant. Problems show
 * beside their own field.
 */
export function DecisionMessageFields({
  values,
  cohortName,
  errors,
  idOf,
  onChange,
}: {
  values: Record<ReviewDecision, DecisionMessage>;
  cohortName: string;
  errors: Partial<Record<SettingsField, string>>;
  idOf: (field: SettingsField) => string;
  onChange: (field: TemplateField, value: string) => void;
}) {
  const styles = useStyles();
  return (
    <>
      <Subheading>What applicants are told</Subheading>
      {REVIEW_DECISIONS.map((d) => {
        const words = PLACEHOLDERS_FOR[d].map((p) => `{${p}}`).join(', ');
        const preview = fillDecisionMessage(d, { ...SAMPLE, cohortName }, values);
        return (
          <div key={d} className={styles.group} data-testid={`settings-message-${d}`}>
            <Text weight="semibold">{HEADINGS[d]}</Text>
            <Field label="Title" required validationMessage={errors[`decisionMessages.${d}.title`]}>
              <Input
                id={idOf(`decisionMessages.${d}.title`)}
                value={values[d].title}
                maxLength={DECISION_MESSAGE_LIMITS.titleMax}
                onChange={(_, v) => onChange(`decisionMessages.${d}.title`, v.value)}
                data-testid={`settings-message-${d}-title`}
              />
            </Field>
            <Field
              label="Message"
              required
              hint={`You can use ${words}; they are filled in for each person.`}
              validationMessage={errors[`decisionMessages.${d}.text`]}
            >
              <Textarea
                id={idOf(`decisionMessages.${d}.text`)}
                className={styles.textarea}
                rows={4}
                resize="vertical"
                value={values[d].text}
                onChange={(_, v) => onChange(`decisionMessages.${d}.text`, v.value)}
                data-testid={`settings-message-${d}-text`}
              />
            </Field>
            <div className={styles.preview} data-testid={`settings-message-${d}-preview`}>
              <Text size={200}>Preview, for a made-up applicant:</Text>
              <Text weight="semibold">{preview.title}</Text>
              <Text>{preview.text}</Text>
            </div>
          </div>
        );
      })}
    </>
  );
}
