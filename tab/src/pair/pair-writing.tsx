import { Button, Checkbox, Field, Select, Textarea, Text } from '@fluentui/react-components';
import { useState } from 'react';
import type { FormEvent } from 'react';
import type { ApiClient } from '../app/api-client';
import {
  JOURNEY_LIMITS,
  type PairMeeting,
  type PairReflection,
  type PreparationSaved,
} from '../../../bot/src/contracts/journey';
import { FormProblem, SubmitButton, useFormStyles } from '../shared/form-parts';
import { useLocale } from '../shared/locale';
import { checkPreparation, checkReflection } from './pair-checks';
import { describeMeetingWhen } from './pair-format';
import { useFormSubmit } from '../shared/use-form-submit';

const meetingPath = (pairId: string, meetingId: string) =>
  `/api/pairs/${encodeURIComponent(pairId)}/meetings/${encodeURIComponent(meetingId)}`;

function CancelButton({
  onCancel,
  saving,
  testId,
}: {
  onCancel: () => void;
  saving: boolean;
  testId: string;
}) {
  return (
    <Button type="button" onClick={onCancel} disabled={saving} data-testid={testId}>
      Cancel
    </Button>
  );
}

/** What the person wants to cover at the next meeting; shared with the partner only if chosen. */
export function PreparationForm({
  client,
  pairId,
  meetingId,
  partnerName,
  initial,
  onSaved,
  onCancel,
}: {
  client: ApiClient;
  pairId: string;
  meetingId: string;
  partnerName: string;
  initial: { topics: string; shared: boolean } | null;
  /** Called once saved, with what was said (the dialog then closes). */
  onSaved: (saved: { topics: string; shared: boolean }, said: string) => void;
  onCancel: () => void;
}) {
  const styles = useFormStyles();
  const [topics, setTopics] = useState(initial?.topics ?? '');
  const [share, setShare] = useState(initial?.shared ?? false);
  const { errors, setErrors, problem, saving, save } = useFormSubmit();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const body = { topics, share };
    const refused = checkPreparation(body);
    if (Object.keys(refused).length > 0) {
      setErrors(refused);
      return;
    }
    await save(async () => {
      const saved = await client.request<PreparationSaved>(
        `${meetingPath(pairId, meetingId)}/preparation`,
        { method: 'PUT', body },
      );
      onSaved(
        saved,
        saved.shared
          ? `Preparation saved and shared with ${partnerName}.`
          : 'Preparation saved. Only you see it.',
      );
    });
  }

  return (
    <form
      className={styles.form}
      onSubmit={(e) => void submit(e)}
      data-testid="preparation-form"
      noValidate
    >
      <FormProblem problem={problem} />
      <Field
        label="What you want to cover"
        required
        validationMessage={errors.topics}
        hint="A few topics or questions for your next meeting."
      >
        <Textarea
          value={topics}
          onChange={(_, d) => setTopics(d.value)}
          maxLength={JOURNEY_LIMITS.preparationTopics}
          resize="vertical"
          data-testid="preparation-topics"
        />
      </Field>
      <Checkbox
        checked={share}
        onChange={(_, d) => setShare(d.checked === true)}
        label={`Share these topics with ${partnerName}`}
        data-testid="preparation-share"
      />
      <div className={styles.buttons}>
        <SubmitButton saving={saving} testId="preparation-save">
          Save preparation
        </SubmitButton>
        <CancelButton onCancel={onCancel} saving={saving} testId="preparation-cancel" />
      </div>
    </form>
  );
}

/** A private reflection on a held meeting, shared with the partner only if the author chooses. */
export function ReflectionForm({
  client,
  pairId,
  heldMeetings,
  partnerName,
  meetingId: chosen,
  onSaved,
  onCancel,
}: {
  client: ApiClient;
  pairId: string;
  heldMeetings: PairMeeting[];
  partnerName: string;
  /** The meeting to reflect on first; the latest held one when not given. */
  meetingId?: string | null;
  /** Called once saved, with what was said (the dialog then closes). */
  onSaved: (reflection: PairReflection, said: string) => void;
  onCancel: () => void;
}) {
  const styles = useFormStyles();
  const locale = useLocale();
  const latest = heldMeetings[heldMeetings.length - 1];
  const [meetingId, setMeetingId] = useState(chosen ?? latest?.id ?? '');
  const [learned, setLearned] = useState('');
  const [doDifferently, setDoDifferently] = useState('');
  const [share, setShare] = useState(false);
  const { errors, setErrors, problem, saving, save } = useFormSubmit();

  if (!latest) {
    return (
      <Text data-testid="reflection-no-meeting">
        Once a meeting is recorded as held, you can reflect on it here.
      </Text>
    );
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const body = { learned, doDifferently, share };
    const refused = checkReflection(body);
    if (Object.keys(refused).length > 0) {
      setErrors(refused);
      return;
    }
    await save(async () => {
      const saved = await client.request<PairReflection>(
        `${meetingPath(pairId, meetingId)}/reflections`,
        { method: 'POST', body },
      );
      onSaved(
        saved,
        saved.sharedWithPartner
          ? `Reflection saved and shared with ${partnerName}.`
          : 'Reflection saved. Only you can see it.',
      );
    });
  }

  return (
    <form
      className={styles.form}
      onSubmit={(e) => void submit(e)}
      data-testid="reflection-form"
      noValidate
    >
      <FormProblem problem={problem} />
      <Field label="Meeting">
        <Select
          value={meetingId}
          onChange={(_, d) => setMeetingId(d.value)}
          data-testid="reflection-meeting"
        >
          {heldMeetings.map((m, i) => (
            <option key={m.id} value={m.id}>
              {`Meeting ${m.number ?? i + 1}: ${describeMeetingWhen(m, locale)}`}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="What I learned" validationMessage={errors.learned}>
        <Textarea
          value={learned}
          onChange={(_, d) => setLearned(d.value)}
          maxLength={JOURNEY_LIMITS.reflectionText}
          resize="vertical"
          data-testid="reflection-learned"
        />
      </Field>
      <Field label="What I would do differently" validationMessage={errors.doDifferently}>
        <Textarea
          value={doDifferently}
          onChange={(_, d) => setDoDifferently(d.value)}
          maxLength={JOURNEY_LIMITS.reflectionText}
          resize="vertical"
          data-testid="reflection-differently"
        />
      </Field>
      <Checkbox
        checked={share}
        onChange={(_, d) => setShare(d.checked === true)}
        label={`Share this reflection with ${partnerName}`}
        data-testid="reflection-share"
      />
      <div className={styles.buttons}>
        <SubmitButton saving={saving} testId="reflection-save">
          Save reflection
        </SubmitButton>
        <CancelButton onCancel={onCancel} saving={saving} testId="reflection-cancel" />
      </div>
    </form>
  );
}
