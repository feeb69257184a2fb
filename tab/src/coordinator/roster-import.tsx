import {
  Button,
  Field,
  Link,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useId, useRef, useState } from 'react';
import type { ChangeEvent, FormEvent } from 'react';
import { ApiRequestError } from '../app/api-client';
import type { ApiClient } from '../app/api-client';
import { describeRosterProblem, downloadText, importRoster, plural } from './coordinator-api';
import type { RosterProblem } from '../../../bot/src/contracts/cohorts';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalL },
  stack: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
  },
  muted: { color: tokens.colorNeutralForeground2 },
  flush: { margin: 0 },
  fileName: { overflowWrap: 'anywhere' },
  code: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    overflowWrap: 'anywhere',
  },
  textarea: { fontFamily: tokens.fontFamilyMonospace, width: '100%' },
  problems: {
    margin: 0,
    marginTop: tokens.spacingVerticalS,
    paddingInlineStart: tokens.spacingHorizontalXL,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXS,
    overflowWrap: 'anywhere',
  },
  problemText: { marginInlineEnd: tokens.spacingHorizontalS },
  // Brand-coloured links are too faint on the coloured message backgrounds of the dark theme.
  barLink: {
    color: tokens.colorNeutralForeground1,
    textDecorationLine: 'underline',
    ':hover': { color: tokens.colorNeutralForeground1Hover },
    ':hover:active': { color: tokens.colorNeutralForeground1Pressed },
  },
  columns: {
    margin: 0,
    paddingInlineStart: tokens.spacingHorizontalXL,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXXS,
  },
});

const TEMPLATE = [
  'email,display_name,role,organisation,job_title,partner_email,arrangement',
  'amara.okafor@trust.nhs.uk,Amara Okafor,mentor,Leicester General Hospital,Healthcare assistant,david.whitfield@icb.nhs.uk,reverse',
  'david.whitfield@icb.nhs.uk,David Whitfield,mentee,LLR Integrated Care Board,Director of Nursing,,',
  '',
].join('\n');

type Outcome =
  | { kind: 'imported'; source: string; participants: number; pairs: number }
  | { kind: 'refused'; source: string; problems: RosterProblem[]; total: number }
  | { kind: 'failed'; source: string; message: string };

function failureWords(error: unknown): string {
  if (error instanceof ApiRequestError) {
    if (error.status === 413) {
      return 'The file is larger than the service accepts in one go. Split it into smaller files and import them one after another.';
    }
    if (error.status === 403) {
      return 'Only the programme team can import participants. Nothing was imported.';
    }
    return `Nothing was imported. ${error.message}`;
  }
  return 'Nothing was imported. Something went wrong; try again in a minute.';
}

/** Roughly the number of participant rows in CSV text: non-empty lines after the header. */
function rowCount(text: string): number {
  return Math.max(0, text.split(/\r?\n/).filter((l) => l.trim() !== '').length - 1);
}

/** Where line `line` (1-based) starts and ends in the text. */
function lineRange(text: string, line: number): [number, number] | null {
  const lines = text.split('\n');
  if (line < 1 || line > lines.length) return null;
  let start = 0;
  for (let i = 0; i < line - 1; i += 1) start += (lines[i]?.length ?? 0) + 1;
  return [start, start + (lines[line - 1]?.replace(/\r$/, '').length ?? 0)];
}

function looksLikeCsvFile(file: File): boolean {
  const name = file.name.toLowerCase();
  if (name.endsWith('.csv') || name.endsWith('.txt')) return true;
  return file.type === 'text/csv' || file.type === 'text/plain';
}

interface RosterImportProps {
  client: ApiClient;
  cohortId: string;
  /** Called after a successful import, so the health table and roster are read again. */
  onImported: () => void;
  onShowHealth: () => void;
  onShowParticipants: () => void;
}

/**
 * Import participants and pairs from a CSV file (or pasted text). When the service refuses the
 * file, each problem is listed with its row and column, and the file and text stay so people
 * can correct them and import again.
 */
export function RosterImport({
  client,
  cohortId,
  onImported,
  onShowHealth,
  onShowParticipants,
}: RosterImportProps) {
  const styles = useStyles();
  const fileInput = useRef<HTMLInputElement>(null);
  const textArea = useRef<HTMLTextAreaElement>(null);
  const fileLabelId = useId();
  const [fileName, setFileName] = useState<string | null>(null);
  const [fileText, setFileText] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [inputError, setInputError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const source = fileName
    ? text === fileText
      ? fileName
      : `${fileName} (with your changes)`
    : 'the pasted text';

  async function chooseFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    // Cleared so that choosing the same file again, once corrected, reads it afresh.
    event.target.value = '';
    if (!file) return;
    setOutcome(null);
    if (!looksLikeCsvFile(file)) {
      setInputError(
        `${file.name} isn't a CSV file. In Excel, choose File, Save As, and "CSV UTF-8", then choose that file.`,
      );
      return;
    }
    try {
      const content = (await file.text()).replace(/^\uFEFF/, '');
      if (content.includes('\u0000')) {
        setInputError(
          `${file.name} isn't plain text. Save it as "CSV UTF-8" from your spreadsheet app and choose it again.`,
        );
        return;
      }
      setInputError(undefined);
      setFileName(file.name);
      setFileText(content);
      setText(content);
    } catch {
      setInputError(`We couldn't read ${file.name}. Choose it again.`);
    }
  }

  function clearFile() {
    setFileName(null);
    setFileText(null);
    setText('');
    setOutcome(null);
    setInputError(undefined);
  }

  function showLine(line: number) {
    const el = textArea.current;
    const range = lineRange(text, line);
    if (!el || !range) return;
    el.focus();
    el.setSelectionRange(range[0], range[1]);
    const lineHeight = Number.parseFloat(getComputedStyle(el).lineHeight) || 20;
    el.scrollTop = Math.max(0, (line - 2) * lineHeight);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (text.trim() === '') {
      setInputError('Choose a CSV file or paste the CSV text first.');
      return;
    }
    setInputError(undefined);
    setBusy(true);
    setOutcome(null);
    const from = source;
    try {
      const result = await importRoster(client, cohortId, text);
      if (result.ok) {
        setOutcome({
          kind: 'imported',
          source: from,
          participants: result.participants,
          pairs: result.pairs,
        });
        setFileName(null);
        setFileText(null);
        setText('');
        onImported();
      } else {
        setOutcome({
          kind: 'refused',
          source: from,
          problems: result.problems,
          total: result.total,
        });
      }
    } catch (error) {
      setOutcome({ kind: 'failed', source: from, message: failureWords(error) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className={styles.form} onSubmit={(e) => void submit(e)} noValidate>
      <div className={styles.stack}>
        <Text>
          Add this cohort&apos;s participants, and the pairs already matched, from one CSV file: one
          row per person, with a header row. Nothing is imported unless every row is right, so you
          can correct the file and import it again.
        </Text>
        <Text weight="semibold" as="p" className={styles.flush}>
          Columns
        </Text>
        <ul className={styles.columns}>
          <li>
            <span className={styles.code}>email</span>,{' '}
            <span className={styles.code}>display_name</span> and{' '}
            <span className={styles.code}>role</span> (mentor or mentee) are required.
          </li>
          <li>
            <span className={styles.code}>organisation</span>,{' '}
            <span className={styles.code}>job_title</span> and{' '}
            <span className={styles.code}>entra_object_id</span> are optional.
          </li>
          <li>
            To pair people, give their partner&apos;s email in{' '}
            <span className={styles.code}>partner_email</span> and, if they mentor each other,{' '}
            <span className={styles.code}>arrangement</span> reciprocal (reverse is the default).
          </li>
        </ul>
        <Text size={200} className={styles.muted}>
          Don&apos;t include sensitive personal data such as ethnicity, disability or sexual
          orientation: matching data is collected separately, with consent.
        </Text>
        <div>
          <Link
            as="button"
            type="button"
            onClick={() => downloadText(TEMPLATE, 'roster-template.csv')}
            data-testid="roster-template"
          >
            Download an example CSV
          </Link>
        </div>
      </div>

      <div className={styles.stack} role="group" aria-labelledby={fileLabelId}>
        <Text weight="semibold" id={fileLabelId}>
          CSV file
        </Text>
        <div className={styles.row}>
          <Button
            type="button"
            onClick={() => fileInput.current?.click()}
            data-testid="roster-choose"
          >
            {fileName ? 'Choose another file' : 'Choose a CSV file'}
          </Button>
          {fileName ? (
            <>
              <Text className={styles.fileName} data-testid="roster-file-name">
                {fileName}
                <span className={styles.muted}>
                  {' '}
                  · {plural(rowCount(text), 'row')}
                  {text !== fileText ? ', with your changes' : ''}
                </span>
              </Text>
              <Button
                type="button"
                appearance="subtle"
                onClick={clearFile}
                aria-label={`Remove ${fileName}`}
                data-testid="roster-clear"
              >
                Remove
              </Button>
            </>
          ) : (
            <Text className={styles.muted}>No file chosen</Text>
          )}
        </div>
        <input
          ref={fileInput}
          type="file"
          accept=".csv,text/csv,text/plain"
          hidden
          onChange={(e) => void chooseFile(e)}
          data-testid="roster-file"
        />
      </div>

      <Field
        label="CSV text"
        hint="Choosing a file shows its rows here. You can also paste CSV text, or correct a row here and import again."
        validationMessage={inputError}
      >
        <Textarea
          ref={textArea}
          className={styles.textarea}
          value={text}
          onChange={(_, d) => setText(d.value)}
          rows={8}
          resize="vertical"
          wrap="off"
          spellCheck={false}
          textarea={{ className: styles.code }}
          data-testid="roster-text"
        />
      </Field>

      <div className={styles.row}>
        <Button type="submit" appearance="primary" disabled={busy} data-testid="roster-import">
          {busy ? 'Importing…' : 'Import participants and pairs'}
        </Button>
      </div>

      <div role="status" data-testid="roster-result">
        {outcome?.kind === 'imported' && (
          <MessageBar intent="success" layout="multiline" data-testid="roster-imported">
            <MessageBarBody>
              <MessageBarTitle>Imported from {outcome.source}</MessageBarTitle>
              Added {plural(outcome.participants, 'participant')} and{' '}
              {plural(outcome.pairs, 'pair')}.{' '}
              <Link as="button" type="button" className={styles.barLink} onClick={onShowHealth}>
                See the pairs&apos; health
              </Link>{' '}
              or{' '}
              <Link
                as="button"
                type="button"
                className={styles.barLink}
                onClick={onShowParticipants}
              >
                the participants
              </Link>
              .
            </MessageBarBody>
          </MessageBar>
        )}
        {outcome?.kind === 'refused' && (
          <MessageBar intent="error" layout="multiline" data-testid="roster-refused">
            <MessageBarBody>
              <MessageBarTitle>Nothing was imported from {outcome.source}</MessageBarTitle>
              {outcome.total === 1
                ? 'There is 1 problem to fix. Correct it and import again.'
                : `There are ${outcome.total} problems to fix. Correct them and import again.`}
              <ul className={styles.problems} data-testid="roster-problems">
                {outcome.problems.map((p, i) => (
                  <li key={`${p.line}-${p.column}-${i}`}>
                    <span className={styles.problemText}>{describeRosterProblem(p)}</span>
                    {p.line >= 1 && lineRange(text, p.line) && (
                      <Link
                        as="button"
                        type="button"
                        className={styles.barLink}
                        onClick={() => showLine(p.line)}
                        aria-label={`Show row ${p.line} in the CSV text`}
                      >
                        Show row
                      </Link>
                    )}
                  </li>
                ))}
                {outcome.total > outcome.problems.length && (
                  <li data-testid="roster-more-problems">
                    and {plural(outcome.total - outcome.problems.length, 'more problem')}: correct
                    this one and import again to see the next.
                  </li>
                )}
              </ul>
            </MessageBarBody>
          </MessageBar>
        )}
        {outcome?.kind === 'failed' && (
          <MessageBar intent="error" layout="multiline" data-testid="roster-failed">
            <MessageBarBody>
              <MessageBarTitle>We couldn&apos;t import {outcome.source}</MessageBarTitle>
              {outcome.message}
            </MessageBarBody>
          </MessageBar>
        )}
      </div>
    </form>
  );
}
