import {
  Button,
  Dialog,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
} from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  // Fits a phone: never wider than the screen, scrolls inside when tall.
  surface: { maxWidth: 'min(600px, calc(100vw - 24px))', boxSizing: 'border-box' },
});

/**
 * A form opened on demand (Fluent Dialog). Its form closes it after a successful save by
 * calling `onClose`; a failed save keeps it open with every word typed and the problems next
 * to their fields. The × button and Escape close it without saving.
 */
export function FormDialog({
  open,
  title,
  onClose,
  testId,
  children,
}: {
  open: boolean;
  title: string;
  onClose: () => void;
  testId: string;
  children: ReactNode;
}) {
  const styles = useStyles();
  return (
    <Dialog open={open} onOpenChange={(_, data) => !data.open && onClose()} modalType="modal">
      <DialogSurface className={styles.surface} data-testid={testId}>
        <DialogBody>
          <DialogTitle
            action={
              <Button
                appearance="subtle"
                aria-label="Close"
                onClick={onClose}
                data-testid={`${testId}-close`}
              >
                ×
              </Button>
            }
          >
            {title}
          </DialogTitle>
          <DialogContent>{children}</DialogContent>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
