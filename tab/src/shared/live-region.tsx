import { makeStyles } from '@fluentui/react-components';
import { useCallback, useState } from 'react';

/** Read out by screen readers only. */
export const useVisuallyHiddenStyles = makeStyles({
  visuallyHidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    margin: '-1px',
    padding: 0,
    overflow: 'hidden',
    clipPath: 'inset(50%)',
    whiteSpace: 'nowrap',
    border: 0,
  },
});

/**
 * The words of a view's live region, and `announce` to say a change to screen reader users;
 * the same words twice are still said twice.
 */
export function useAnnouncer(): [string, (message: string) => void] {
  const [text, setText] = useState('');
  const announce = useCallback((message: string) => {
    setText('');
    window.setTimeout(() => setText(message), 50);
  }, []);
  return [text, announce];
}

/** Where `useAnnouncer`'s words are said: unseen, and read out politely as they change. */
export function LiveRegion({ text, testId }: { text: string; testId: string }) {
  const styles = useVisuallyHiddenStyles();
  return (
    <div role="status" aria-live="polite" className={styles.visuallyHidden} data-testid={testId}>
      {text}
    </div>
  );
}
