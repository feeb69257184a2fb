import { Field, Input, Text } from '@fluentui/react-components';
import { type FormEvent, useEffect, useId, useState } from 'react';
import type { PrivacySettings, PrivacySettingsView } from '../../../bot/src/contracts/privacy';
import { ApiRequestError, type ApiClient } from '../app/api-client';
import { FormProblem, FormStatus, SubmitButton, useFormStyles } from '../shared/form-parts';
import { Loading } from '../shared/status-views';
import { describeFailure, useFormSubmit } from '../shared/use-form-submit';

type FieldName = keyof PrivacySettings;
const FIELDS: { name: FieldName; label: string; required: boolean; type?: 'email' }[] = [
  { name: 'contactName', label: 'Programme contact', required: true },
  { name: 'contactEmail', label: 'Programme contact’s email', required: true, type: 'email' },
  { name: 'controllerName', label: 'Data controller (organisation)', required: true },
  { name: 'dpoName', label: 'Data protection officer', required: false },
  { name: 'dpoEmail', label: 'Data protection officer’s email', required: false, type: 'email' },
];
const EMPTY: Record<FieldName, string> = {
  contactName: '',
  contactEmail: '',
  controllerName: '',
  dpoName: '',
  dpoEmail: '',
};

const valuesOf = (s: PrivacySettings | null): Record<FieldName, string> => ({ ...EMPTY, ...s });

function inputOf(values: Record<FieldName, string>): PrivacySettings {
  const optional = (v: string) => (v.trim() === '' ? undefined : v);
  return {
    contactName: values.contactName,
    contactEmail: values.contactEmail,
    controllerName: values.controllerName,
    dpoName: optional(values.dpoName),
    dpoEmail: optional(values.dpoEmail),
  };
}

/**
 * The programme's privacy contact and data controller, as the privacy notice publishes them.
 * Saved with the version read: someone else's newer save is shown, never overwritten.
 */
export function PrivacySection({ client }: { client: ApiClient }) {
  const styles = useFormStyles();
  const idBase = useId().replace(/:/g, '');
  const idOf = (f: FieldName) => `${idBase}-${f}`;
  const form = useFormSubmit<FieldName>({ order: FIELDS.map((f) => f.name), idOf });
  const [values, setValues] = useState<Record<FieldName, string> | null>(null);
  const [etag, setEtag] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    client
      .request<PrivacySettingsView>('/api/programme/privacy-settings')
      .then((view) => {
        if (!live) return;
        setValues(valuesOf(view.settings));
        setEtag(view.etag);
      })
      .catch((error: unknown) => {
        if (live) form.setProblem(describeFailure(error));
      });
    return () => {
      live = false;
    };
  }, [client]);

  if (!values) {
    return form.problem ? (
      <FormProblem problem={form.problem} testId="privacy-settings-problem" />
    ) : (
      <Loading label="Loading the privacy contact…" testId="privacy-settings-loading" />
    );
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    void form.save(
      async () => {
        const saved = await client.request<PrivacySettingsView>('/api/programme/privacy-settings', {
          method: 'PUT',
          body: inputOf(values!),
          ifMatch: etag ?? undefined,
        });
        setEtag(saved.etag);
        form.setStatus('Saved: the privacy notice shows these now.');
      },
      (error) => {
        if (error instanceof ApiRequestError && error.status === 412 && error.current) {
          setValues(valuesOf(error.current.value as PrivacySettings));
          setEtag(error.current.etag);
          form.setProblem(
            'Someone else changed these while you were editing: their version is shown. Make your change again and save.',
          );
          return;
        }
        form.fail(error);
      },
    );
  }

  return (
    <form className={styles.form} onSubmit={onSubmit} noValidate data-testid="privacy-settings">
      <Text>
        Who people contact about their data, and the organisation that decides how it is used. The
        privacy notice shows these to everyone.
      </Text>
      <FormProblem problem={form.problem} testId="privacy-settings-problem" />
      {FIELDS.map((f) => (
        <Field
          key={f.name}
          label={f.label}
          required={f.required}
          validationMessage={form.errors[f.name]}
        >
          <Input
            id={idOf(f.name)}
            type={f.type ?? 'text'}
            value={values[f.name]}
            onChange={(_, d) => setValues({ ...values, [f.name]: d.value })}
            data-testid={`privacy-${f.name}`}
          />
        </Field>
      ))}
      <div className={styles.buttons}>
        <SubmitButton saving={form.saving} testId="privacy-settings-save">
          Save
        </SubmitButton>
      </div>
      <FormStatus status={form.status} testId="privacy-settings-status" />
    </form>
  );
}
