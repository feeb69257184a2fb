import {
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useId, useMemo, useState } from 'react';
import type { FormEvent } from 'react';
import type { ApplicationSettingsDetail } from '../../../bot/src/contracts/applications';
import type { ReviewDecision } from '../../../bot/src/contracts/decision-messages';
import type { AnnouncementValues } from '../announcements/form/announcement-checks';
import { ApiRequestError } from '../app/api-client';
import type { ApiClient } from '../app/api-client';
import type { CohortSummary } from '../app/api-types';
import { calendarApi } from '../calendar/calendar-api';
import { formatEventWhen } from '../calendar/calendar-format';
import { CheckGroup } from '../shared/check-group';
import { FormProblem, FormStatus, SubmitButton, useFormStyles } from '../shared/form-parts';
import { Loading, Problem } from '../shared/status-views';
import { useApiLoad } from '../shared/use-api-load';
import { useFormSubmit } from '../shared/use-form-submit';
import { FocusHeading } from '../shared/view-header';
import {
  SETTINGS_ORDER,
  type SettingsField,
  type SettingsValues,
  type OpenCallReach,
  type TemplateField,
  applicationSettingsApi,
  checkSettings,
  fieldOf,
  openAnnouncement,
  settingsValuesFrom,
} from './application-settings-values';
import { ApplicationWindowSummary } from './application-window-summary';
import { DecisionMessageFields } from './decision-message-fields';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM, minWidth: 0 },
  muted: { color: tokens.colorNeutralForeground2 },
  textarea: { width: '100%' },
});

interface Props {
  client: ApiClient;
  cohort: CohortSummary;
  /** Whether the tab is showing: nothing is read before. */
  active: boolean;
  /** The Teams link to the app, for the announcement (null when not configured). */
  shareLink: string | null;
  /** Opens the announcement composer with "applications are open" written in. */
  onAnnounce: (values: Partial<AnnouncementValues>) => void;
}

/** The programme team's application settings: window, ladder, perspectives, sessions. */
export function ApplicationSettingsSection({
  client,
  cohort,
  active,
  shareLink,
  onAnnounce,
}: Props) {
  const api = useMemo(() => applicationSettingsApi(client), [client]);
  const [load, setLoad, retry] = useApiLoad(() => api.get(cohort.id), [api, cohort.id], undefined, {
    enabled: active,
  });
  const [formKey, setFormKey] = useState(0);
  const [notice, setNotice] = useState<string>();
  const styles = useStyles();

  if (load.status === 'loading') return <Loading label="Loading the application settings…" />;
  if (load.status === 'failed') {
    return (
      <Problem
        title="We couldn't load the application settings"
        message={load.error.message}
        onRetry={retry}
        testId="application-settings-error"
      />
    );
  }
  const reload = (why: string) => {
    void api.get(cohort.id).then((fresh) => {
      setLoad({ status: 'loaded', data: fresh });
      setFormKey((k) => k + 1);
      setNotice(why);
    }, retry);
  };
  return (
    <div className={styles.stack} data-testid="application-settings">
      {notice && (
        <MessageBar intent="warning" layout="multiline" data-testid="application-settings-notice">
          <MessageBarBody>{notice}</MessageBarBody>
        </MessageBar>
      )}
      <SettingsForm
        key={formKey}
        client={client}
        cohort={cohort}
        detail={load.data}
        save={(input, etag) => api.save(cohort.id, input, etag)}
        onSaved={(d) => {
          setNotice(undefined);
          setLoad({ status: 'loaded', data: d });
        }}
        onConflict={reload}
        shareLink={shareLink}
        onAnnounce={onAnnounce}
      />
    </div>
  );
}

function SettingsForm({
  client,
  cohort,
  detail,
  save: put,
  onSaved,
  onConflict,
  shareLink,
  onAnnounce,
}: Omit<Props, 'active'> & {
  detail: ApplicationSettingsDetail;
  save: (
    input: NonNullable<ReturnType<typeof checkSettings>['input']>,
    etag: string | undefined,
  ) => Promise<ApplicationSettingsDetail>;
  onSaved: (detail: ApplicationSettingsDetail) => void;
  onConflict: (why: string) => void;
}) {
  const styles = useStyles();
  const formStyles = useFormStyles();
  const idBase = useId().replace(/:/g, '');
  const idOf = (field: SettingsField) => `${idBase}-${field}`;
  const [values, setValues] = useState<SettingsValues>(() => settingsValuesFrom(detail.settings));
  const { errors, setErrors, problem, saving, save, accept, place, status, setStatus, fail } =
    useFormSubmit<SettingsField>({ order: SETTINGS_ORDER, idOf });
  const [events] = useApiLoad(() => calendarApi(client).listEvents(cohort.id), [client, cohort.id]);
  const zone = detail.window?.timeZone ?? cohort.timeZone;
  const [reach, setReach] = useState<OpenCallReach[]>(['next-cohort']);

  const set =
    <K extends Exclude<keyof SettingsValues, 'decisionMessages'>>(field: K) =>
    (value: SettingsValues[K]) => {
      setValues((v) => ({ ...v, [field]: value }));
      setErrors((e) => (e[field] ? { ...e, [field]: undefined } : e));
    };
  const setTemplate = (field: TemplateField, value: string) => {
    const [, decision, part] = field.split('.') as [string, ReviewDecision, 'title' | 'text'];
    setValues((v) => ({
      ...v,
      decisionMessages: {
        ...v.decisionMessages,
        [decision]: { ...v.decisionMessages[decision], [part]: value },
      },
    }));
    setErrors((e) => (e[field] ? { ...e, [field]: undefined } : e));
  };

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const input = accept(checkSettings(values));
    if (!input) return;
    void save(
      async () => {
        const saved = await put(input, detail.etag);
        onSaved(saved);
        setStatus('The application settings are saved.');
      },
      (error) => {
        if (error instanceof ApiRequestError && error.status === 412) {
          onConflict(
            'Someone else changed these settings while you were editing. We have loaded their version: check it and make your change again.',
          );
        } else if (error instanceof ApiRequestError && error.fields.length > 0) {
          const errs: Partial<Record<SettingsField, string>> = {};
          const unplaced: string[] = [];
          for (const f of error.fields) {
            const field = fieldOf(f.field);
            if (field) errs[field] ??= f.message;
            else unplaced.push(f.message);
          }
          place({ errors: errs, unplaced });
        } else fail(error);
      },
    );
  }

  const eventList = events.status === 'loaded' ? events.data : [];
  const sessionWords = eventList
    .filter((e) => detail.settings.awarenessEventIds.includes(e.id))
    .map((e) => `${e.title} (${formatEventWhen(e.start, e.end)})`);

  return (
    <>
      <FocusHeading as="h3" focusOnShow={false} testId="application-settings-heading">
        Applications
      </FocusHeading>
      <ApplicationWindowSummary
        detail={detail}
        reach={reach}
        onReach={setReach}
        onAnnounce={() =>
          onAnnounce(openAnnouncement(cohort.name, detail, sessionWords, shareLink, reach))
        }
      />
      <form
        className={formStyles.form}
        onSubmit={onSubmit}
        noValidate
        data-testid="application-settings-form"
      >
        <FormProblem problem={problem} />
        <div className={formStyles.row}>
          <Field
            label={`Applications open (${zone} time)`}
            required
            validationMessage={errors.opensAt}
          >
            <Input
              id={idOf('opensAt')}
              type="datetime-local"
              value={values.opensAt}
              onChange={(_, d) => set('opensAt')(d.value)}
              data-testid="settings-opensAt"
            />
          </Field>
          <Field
            label={`Applications close (${zone} time)`}
            required
            validationMessage={errors.closesAt}
          >
            <Input
              id={idOf('closesAt')}
              type="datetime-local"
              value={values.closesAt}
              onChange={(_, d) => set('closesAt')(d.value)}
              data-testid="settings-closesAt"
            />
          </Field>
        </div>
        <Field
          label="Seniority ladder"
          hint="One band or grade a line, most junior first."
          required
          validationMessage={errors.ladder}
        >
          <Textarea
            id={idOf('ladder')}
            className={styles.textarea}
            rows={6}
            resize="vertical"
            value={values.ladder}
            onChange={(_, d) => set('ladder')(d.value)}
            data-testid="settings-ladder"
          />
        </Field>
        <Field
          label="Smallest gap between mentor and mentee (bands)"
          required
          validationMessage={errors.minimumBandGap}
        >
          <Input
            id={idOf('minimumBandGap')}
            type="number"
            min={1}
            value={values.minimumBandGap}
            onChange={(_, d) => set('minimumBandGap')(d.value)}
            data-testid="settings-minimumBandGap"
          />
        </Field>
        <Field
          label="Perspectives people may share or want to learn"
          hint="One a line. Never special-category data: those questions are asked apart."
          validationMessage={errors.perspectives}
        >
          <Textarea
            id={idOf('perspectives')}
            className={styles.textarea}
            rows={6}
            resize="vertical"
            value={values.perspectives}
            onChange={(_, d) => set('perspectives')(d.value)}
            data-testid="settings-perspectives"
          />
        </Field>
        <Field validationMessage={errors.requireTraining}>
          <Checkbox
            id={idOf('requireTraining')}
            label="People must attend the training before they are matched"
            checked={values.requireTraining}
            onChange={(_, d) => set('requireTraining')(d.checked === true)}
            data-testid="settings-requireTraining"
          />
        </Field>
        {events.status === 'loaded' && eventList.length === 0 ? (
          <Text className={styles.muted} data-testid="settings-no-events">
            Awareness sessions: add them to the programme calendar first, then link them here.
          </Text>
        ) : (
          <CheckGroup
            legend="Awareness sessions"
            hint="Events of this cohort's programme calendar, linked to the window."
            options={eventList.map((e) => e.id)}
            words={Object.fromEntries(
              eventList.map((e) => [e.id, `${e.title}, ${formatEventWhen(e.start, e.end)}`]),
            )}
            selected={values.awarenessEventIds}
            onChange={set('awarenessEventIds')}
            error={errors.awarenessEventIds}
            firstId={idOf('awarenessEventIds')}
            testId="settings-awareness"
          />
        )}
        <DecisionMessageFields
          values={values.decisionMessages}
          cohortName={cohort.name}
          errors={errors}
          idOf={idOf}
          onChange={setTemplate}
        />
        <div className={formStyles.buttons}>
          <SubmitButton saving={saving} testId="settings-save">
            Save application settings
          </SubmitButton>
        </div>
        <FormStatus status={status} testId="settings-status" />
      </form>
    </>
  );
}
