import {
  Button,
  Checkbox,
  Field,
  Input,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { ApiRequestError } from '../app/api-client';
import type { ApiClient } from '../app/api-client';
import {
  ANNOUNCEMENT_LIMITS,
  type Announcement,
  DEFAULT_LINK_LABEL,
} from '../../../bot/src/contracts/announcements';
import { createAnnouncement } from './announcement-api';
import { audienceSizes } from './announcement-words';
import {
  type AnnouncementValues,
  EMPTY_VALUES,
  FIELD_ORDER,
  type FormField,
  checkAnnouncement,
  placeApiErrors,
} from './form/announcement-checks';
import { AudienceFields } from './form/audience-fields';
import { LinkFields } from './form/link-fields';
import { PreviewPanel } from './form/preview-panel';
import { SendTimeFields } from './form/send-time-fields';
import type { CohortParticipant, PairHealthRow } from '../coordinator/coordinator-api';
import {
  type AudienceCount,
  RECIPROCAL_COUNT_NOTE,
  peopleWords,
} from '../../../bot/src/contracts/audience-counts';
import { FormProblem, SubmitButton, useFormStyles } from '../shared/form-parts';
import type { LoadState } from '../shared/use-api-load';
import { describeFailure, useFormSubmit } from '../shared/use-form-submit';
import { FocusHeading } from '../shared/view-header';

const useStyles = makeStyles({
  layout: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr)',
    gap: tokens.spacingHorizontalXXL,
    alignItems: 'start',
    '@media (min-width: 960px)': { gridTemplateColumns: 'minmax(0, 3fr) minmax(0, 2fr)' },
  },
  muted: { color: tokens.colorNeutralForeground2 },
  code: { fontFamily: tokens.fontFamilyMonospace },
  textarea: { width: '100%' },
  reach: { fontWeight: tokens.fontWeightSemibold },
});

interface AnnouncementFormProps {
  client: ApiClient;
  cohortId: string;
  cohortName: string;
  people: LoadState<CohortParticipant[]>;
  pairs: LoadState<PairHealthRow[]>;
  onRetryPeople?: () => void;
  onSent: (announcement: Announcement) => void;
  onCancel: () => void;
  onSignInExpired?: () => void;
  /** Words written in already (such as "applications are open"), for the coordinator to edit. */
  initial?: Partial<AnnouncementValues>;
}

/** Writing an announcement: fields, who it goes to, when, and a preview of the card. */
export function AnnouncementForm({
  client,
  cohortId,
  cohortName,
  people,
  pairs,
  onRetryPeople,
  onSent,
  onCancel,
  onSignInExpired,
  initial,
}: AnnouncementFormProps) {
  const styles = useStyles();
  const formStyles = useFormStyles();
  const idBase = useId().replace(/:/g, '');
  const headingId = useId();
  const [values, setValues] = useState<AnnouncementValues>(() => ({
    ...EMPTY_VALUES,
    ...initial,
  }));
  const idOf = (field: FormField) => `${idBase}-${field}`;
  const { errors, setErrors, problem, setProblem, saving, save, accept, place } = useFormSubmit({
    order: FIELD_ORDER,
    idOf,
  });

  /** Changes a value; its problem, if any, is cleared until the next check. */
  const set =
    <K extends keyof AnnouncementValues>(field: K) =>
    (value: AnnouncementValues[K]) => {
      setValues((v) => ({ ...v, [field]: value }));
      const clears: FormField[] =
        field === 'when'
          ? ['date', 'time']
          : field === 'audience'
            ? ['audience', 'participantIds']
            : [field as FormField];
      setErrors((e) =>
        clears.some((f) => e[f])
          ? { ...e, ...Object.fromEntries(clears.map((f) => [f, undefined])) }
          : e,
      );
    };

  const sizes =
    people.status === 'loaded'
      ? audienceSizes(people.data, pairs.status === 'loaded' ? pairs.data : undefined)
      : {};
  const reach: AudienceCount | undefined =
    values.audience === 'people'
      ? { people: values.participantIds.length, reciprocal: 0 }
      : values.audience === 'applications_open'
        ? undefined // beyond the cohort: counted when it is sent
        : sizes[values.audience];

  async function submit(event: FormEvent) {
    event.preventDefault();
    const now = new Date();
    const input = accept(checkAnnouncement(values, now));
    if (!input) return;
    await save(
      async () => {
        const created = await createAnnouncement(client, cohortId, input);
        onSent(created);
      },
      (error) => {
        if (error instanceof ApiRequestError && error.status === 401 && onSignInExpired) {
          onSignInExpired();
        } else if (error instanceof ApiRequestError && error.fields.length > 0) {
          place(placeApiErrors(error, values, now));
        } else if (error instanceof ApiRequestError && error.status === 403) {
          setProblem('Only the programme team can send announcements. Nothing was sent.');
        } else {
          setProblem(`Nothing was sent. ${describeFailure(error)}`);
        }
      },
    );
  }

  const link = values.linkUrl.trim()
    ? { url: values.linkUrl.trim(), label: values.linkLabel.trim() || DEFAULT_LINK_LABEL }
    : undefined;
  const textLength = values.text.trim().length;
  const reachWords =
    reach === undefined
      ? null
      : reach.people === 0
        ? values.audience === 'people'
          ? 'Nobody chosen yet.'
          : 'Nobody is in this group right now.'
        : `Goes to ${peopleWords(reach)}.`;

  return (
    <div className={styles.layout} data-testid="announcement-compose">
      <form
        className={formStyles.form}
        onSubmit={(e) => void submit(e)}
        aria-labelledby={headingId}
        noValidate
        data-testid="announcement-form"
      >
        <FocusHeading as="h3" id={headingId}>
          New announcement
        </FocusHeading>
        <Text className={styles.muted}>
          People get it as a message from the Reverse mentoring bot in Teams, with a “Got it” button
          so you can see who has read it.
        </Text>
        <FormProblem
          problem={problem}
          title="We couldn't send the announcement"
          testId="announcement-form-problem"
        />

        <Field label="Title" required validationMessage={errors.title}>
          <Input
            id={idOf('title')}
            value={values.title}
            onChange={(_, d) => set('title')(d.value)}
            data-testid="announcement-title"
          />
        </Field>
        <Field
          label="Message"
          required
          validationMessage={errors.text}
          hint={
            <>
              Use <span className={styles.code}>**bold**</span> for what matters most. For a list,
              start each line with a dash and a space (<span className={styles.code}>- </span>).{' '}
              <span data-testid="announcement-text-count">
                {textLength} of {ANNOUNCEMENT_LIMITS.text} characters.
              </span>
            </>
          }
        >
          <Textarea
            id={idOf('text')}
            className={styles.textarea}
            value={values.text}
            onChange={(_, d) => set('text')(d.value)}
            rows={7}
            resize="vertical"
            data-testid="announcement-text"
          />
        </Field>

        <LinkFields
          url={values.linkUrl}
          label={values.linkLabel}
          errors={errors}
          idOf={idOf}
          onUrl={set('linkUrl')}
          onLabel={set('linkLabel')}
        />

        <AudienceFields
          audience={values.audience}
          participantIds={values.participantIds}
          lists={values.lists}
          sizes={sizes}
          people={people}
          onRetryPeople={onRetryPeople}
          errors={errors}
          idOf={idOf}
          onAudience={set('audience')}
          onPeople={set('participantIds')}
        />

        <Field
          validationMessage={errors.alsoInChannel}
          hint="It is posted once in the channel linked to this cohort, as well as to each person. If no channel is linked, only people’s chats get it."
        >
          <Checkbox
            id={idOf('alsoInChannel')}
            checked={values.alsoInChannel}
            onChange={(_, d) => set('alsoInChannel')(d.checked === true)}
            label="Also post in the programme channel"
            data-testid="announcement-channel"
          />
        </Field>

        <SendTimeFields
          when={values.when}
          date={values.date}
          time={values.time}
          errors={errors}
          idOf={idOf}
          onWhen={set('when')}
          onDate={set('date')}
          onTime={set('time')}
        />

        {reachWords && (
          <Text className={styles.reach} data-testid="announcement-reach">
            {reachWords}
          </Text>
        )}
        {reach && reach.reciprocal > 0 && reach.people > 0 && (
          <Text size={200} data-testid="announcement-reach-note">
            {RECIPROCAL_COUNT_NOTE}
          </Text>
        )}
        <div className={formStyles.buttons}>
          <SubmitButton saving={saving} busyLabel="Sending…" testId="announcement-send">
            {values.when === 'later' ? 'Schedule' : 'Send now'}
          </SubmitButton>
          <Button
            type="button"
            onClick={onCancel}
            disabled={saving}
            data-testid="announcement-discard"
          >
            Cancel
          </Button>
        </div>
      </form>

      <PreviewPanel
        idBase={idBase}
        cohortName={cohortName}
        title={values.title}
        text={values.text}
        link={link}
      />
    </div>
  );
}
