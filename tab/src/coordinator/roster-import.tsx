import { Button, Field, Text, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { useId, useRef, useState } from 'react';
import type { ChangeEvent, FormEvent } from 'react';
import type { ApiClient } from '../app/api-client';
import { decodeText } from '../../../bot/src/contracts/text-encoding';
import { importRoster, plural } from './coordinator-api';
import { failureWords, lineRange, looksLikeCsvFile, rowCount } from './roster-file';
import { RosterGuide } from './roster-guide';
import { type Outcome, RosterOutcome } from './roster-outcome';

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
  fileName: { overflowWrap: 'anywhere' },
  code: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    overflowWrap: 'anywhere',
  },
  textarea: { fontFamily: tokens.fontFamilyMonospace, width: '100%' },
});

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
  /** How the chosen file was read, when it was not UTF-8 ("Read as Windows-1252 …"). */
  const [fileNote, setFileNote] = useState<string | null>(null);
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
      // Read as bytes: the file may be UTF-8, UTF-16 or Windows-1252 (Excel's plain "CSV").
      const decoded = decodeText(await file.arrayBuffer());
      if (!decoded.ok) {
        setInputError(`We couldn't read ${file.name}. ${decoded.message}`);
        return;
      }
      setInputError(undefined);
      setFileName(file.name);
      setFileText(decoded.text);
      setFileNote(decoded.note);
      setText(decoded.text);
    } catch {
      setInputError(`We couldn't read ${file.name}. Choose it again.`);
    }
  }

  function clearFile() {
    setFileName(null);
    setFileText(null);
    setFileNote(null);
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
    const readNote = fileName ? fileNote : null;
    try {
      const result = await importRoster(client, cohortId, text);
      if (result.ok) {
        setOutcome({
          kind: 'imported',
          source: from,
          readNote,
          participants: result.participants,
          pairs: result.pairs,
        });
        setFileName(null);
        setFileText(null);
        setFileNote(null);
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
      <RosterGuide />

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
                {fileNote && (
                  <span className={styles.muted} data-testid="roster-file-encoding">
                    {' '}
                    · {fileNote}
                  </span>
                )}
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

      <RosterOutcome
        outcome={outcome}
        text={text}
        onShowLine={showLine}
        onShowHealth={onShowHealth}
        onShowParticipants={onShowParticipants}
      />
    </form>
  );
}
