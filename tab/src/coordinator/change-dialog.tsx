import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import { type FocusReturn, focusReturnFrom, returnFocusLater } from '../shared/focus-return';
import { ApiRequestError } from '../app/api-client';
import { describeFailure } from '../shared/use-form-submit';

/** How long a closed dialog stays mounted: Fluent's close, focus return and aria-hidden undo. */
export const CHANGE_DIALOG_CLOSE_MS = 400;

const useStyles = makeStyles({
  // The content scrolls as a whole: no part of it (a message, the fields) shrinks to fit.
  content: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalM,
    '> *': { flexShrink: 0 },
  },
  consequences: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXS,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground3,
  },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL },
});

/** The form's own check found problems, already shown beside their fields: nothing was sent. */
export class CheckFailed extends Error {
  constructor() {
    super('Correct the fields marked.');
  }
}

/** Someone else changed it first: the API's 409 or 412 (field problems are not this). */
export function isChangedElsewhere(error: unknown): boolean {
  return (
    error instanceof ApiRequestError &&
    (error.status === 412 ||
      (error.status === 409 && error.fields.length === 0 && /conflict|stale/.test(error.code)))
  );
}

export interface ChangeDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  /** The fields, if the change takes any. */
  children?: ReactNode;
  /** What will happen, said before anything is sent. */
  happens: string[];
  /** Who will be told, and how. */
  told: string;
  confirmLabel: string;
  /**
   * Sends the change; throws to refuse (field problems are the caller's to show). Returns what
   * happened, for the status line.
   */
  onConfirm: () => Promise<void>;
  /** Reads the latest version after a conflict; what was typed stays. */
  onReload?: () => Promise<void>;
  /** Called with a failure that is not a conflict (field problems, for the form to place). */
  onFailure?: (error: unknown) => boolean;
  testId: string;
}

/**
 * Every change of the programme team is sent from one of these: the dialog says what will
 * happen and who will be told before anything is sent. A change someone else made first is
 * said as such, with a reload that keeps what was typed.
 */
export function ChangeDialog({
  open,
  onOpenChange,
  title,
  children,
  happens,
  told,
  confirmLabel,
  onConfirm,
  onReload,
  onFailure,
  testId,
}: ChangeDialogProps) {
  const styles = useStyles();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | undefined>();
  const [conflict, setConflict] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setProblem(undefined);
    setConflict(false);
    try {
      await onConfirm();
      onOpenChange(false);
    } catch (error) {
      if (error instanceof CheckFailed) return;
      if (isChangedElsewhere(error)) setConflict(true);
      else if (!onFailure?.(error)) setProblem(describeFailure(error));
    } finally {
      setBusy(false);
    }
  }

  async function reload() {
    setBusy(true);
    try {
      await onReload?.();
      setConflict(false);
    } catch (error) {
      setProblem(describeFailure(error));
    } finally {
      setBusy(false);
    }
  }

  // Each opening starts afresh: no conflict or problem left from the last one.
  useEffect(() => {
    if (open) {
      setConflict(false);
      setProblem(undefined);
    }
  }, [open]);

  const [closing, setClosing] = useState(false);
  const wasOpen = useRef(open);
  const focusBack = useRef<FocusReturn>({ opener: null, around: null });
  useEffect(() => {
    if (!wasOpen.current && open) focusBack.current = focusReturnFrom(document.activeElement);
    if (wasOpen.current && !open) {
      setClosing(true);
      returnFocusLater(focusBack.current, CHANGE_DIALOG_CLOSE_MS);
    }
    wasOpen.current = open;
  }, [open]);
  // Gone with its row while open (the change removed the row's buttons): focus back all the same.
  useEffect(
    () => () => {
      if (wasOpen.current) returnFocusLater(focusBack.current, CHANGE_DIALOG_CLOSE_MS);
    },
    [],
  );
  useEffect(() => {
    if (!closing) return undefined;
    const timer = window.setTimeout(() => setClosing(false), CHANGE_DIALOG_CLOSE_MS);
    return () => window.clearTimeout(timer);
  }, [closing]);

  // Mounted only while open (and just after): a closed Fluent Dialog per table row would still
  // wire Tabster's modalizer, whose focusable aria-hidden helpers accessibility checkers report.
  // After closing it stays one moment with `open` false, so Fluent takes back the aria-hidden it
  // put on the rest of the page; unmounted while open, the page would stay hidden from screen
  // readers.
  if (!open && !closing) return null;
  return (
    <Dialog open={open} onOpenChange={(_e, data) => onOpenChange(data.open)} modalType="modal">
      <DialogSurface aria-describedby={undefined} data-testid={testId}>
        <form onSubmit={(e) => void submit(e)} noValidate>
          <DialogBody>
            <DialogTitle>{title}</DialogTitle>
            <DialogContent className={styles.content}>
              {conflict && (
                <MessageBar intent="warning" layout="multiline" data-testid={`${testId}-conflict`}>
                  <MessageBarBody>
                    <MessageBarTitle>Changed by someone else</MessageBarTitle>
                    Someone changed this since you opened it, so nothing was saved. Reload to get
                    the latest version; what you typed stays here.
                  </MessageBarBody>
                  {onReload && (
                    <MessageBarActions>
                      <Button
                        onClick={() => void reload()}
                        disabledFocusable={busy}
                        data-testid={`${testId}-reload`}
                      >
                        Reload
                      </Button>
                    </MessageBarActions>
                  )}
                </MessageBar>
              )}
              {problem && (
                <MessageBar intent="error" data-testid={`${testId}-problem`}>
                  <MessageBarBody>{problem}</MessageBarBody>
                </MessageBar>
              )}
              {children}
              <div className={styles.consequences} data-testid={`${testId}-consequences`}>
                <Text weight="semibold">What will happen</Text>
                <ul className={styles.list}>
                  {happens.map((line) => (
                    <li key={line}>{line}</li>
                  ))}
                </ul>
                <Text weight="semibold">Who will be told</Text>
                <Text>{told}</Text>
              </div>
            </DialogContent>
            <DialogActions>
              <Button
                type="submit"
                appearance="primary"
                disabledFocusable={busy || conflict}
                data-testid={`${testId}-confirm`}
              >
                {busy ? 'Saving…' : confirmLabel}
              </Button>
              <Button
                onClick={() => onOpenChange(false)}
                disabledFocusable={busy}
                data-testid={`${testId}-cancel`}
              >
                Cancel
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
