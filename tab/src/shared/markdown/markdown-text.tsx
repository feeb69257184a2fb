import { makeStyles, tokens } from '@fluentui/react-components';
import { Suspense, lazy } from 'react';

/**
 * An announcement's text (or any text a card shows as Markdown) as Teams renders it on the
 * card. The renderer (react-markdown) is its own chunk, loaded the first time a text is shown,
 * so it adds nothing to the tab's initial JavaScript; until then the words show as typed.
 */
const MarkdownBody = lazy(() =>
  import('./markdown-body').then((m) => ({ default: m.MarkdownBody })),
);

const useStyles = makeStyles({
  plain: {
    margin: 0,
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
    color: tokens.colorNeutralForeground1,
  },
});

export function MarkdownText({ text, testId }: { text: string; testId?: string }) {
  const styles = useStyles();
  return (
    <Suspense
      fallback={
        <p className={styles.plain} aria-busy="true">
          {text}
        </p>
      }
    >
      <MarkdownBody text={text} testId={testId} />
    </Suspense>
  );
}
