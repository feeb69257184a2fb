import { Link, makeStyles, tokens } from '@fluentui/react-components';
import Markdown, { type Components } from 'react-markdown';
import { safeLinkTarget, safeMarkdown } from '../../../../bot/src/contracts/safe-links';

/**
 * The Markdown a Teams card's TextBlock renders: paragraphs, **bold**, _italic_, bulleted and
 * numbered lists and links; nothing else. Loaded on demand (markdown-text.tsx).
 *
 * - No HTML is ever emitted: react-markdown builds React elements, raw HTML typed in the text is
 *   shown as its words (`<script>` reads as "<script>"), and any element outside ALLOWED
 *   (headings, code, tables…) is replaced by its words.
 * - Links follow the bot's rule (bot/src/contracts/safe-links.ts): the text goes through
 *   `safeMarkdown` first, and each address again through `safeLinkTarget`; anything else (a
 *   `javascript:` or relative address) is shown as its words, without a link. A link opens in a
 *   new window with rel="noopener noreferrer", in the theme's link colour (Fluent `Link`).
 */

const ALLOWED = ['p', 'br', 'strong', 'em', 'ul', 'ol', 'li', 'a', 'img'];

const useStyles = makeStyles({
  body: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    color: tokens.colorNeutralForeground1,
    minWidth: 0,
    overflowWrap: 'anywhere',
  },
  // Lines typed one under another stay so, as on the card.
  para: { margin: 0, whiteSpace: 'pre-wrap' },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL },
  item: { whiteSpace: 'pre-wrap' },
});

/** An address that may be linked, or '' (the link is then shown as its words). */
function linkTarget(url: string): string {
  return safeLinkTarget(url) ?? '';
}

export function MarkdownBody({ text, testId }: { text: string; testId?: string }) {
  const styles = useStyles();
  const components: Components = {
    p: ({ children }) => <p className={styles.para}>{children}</p>,
    ul: ({ children }) => <ul className={styles.list}>{children}</ul>,
    ol: ({ children, start }) => (
      <ol className={styles.list} start={start}>
        {children}
      </ol>
    ),
    li: ({ children }) => <li className={styles.item}>{children}</li>,
    a: ({ href, children }) =>
      href ? (
        <Link href={href} target="_blank" rel="noopener noreferrer" inline>
          {children}
        </Link>
      ) : (
        <>{children}</>
      ),
    // A card shows no pictures in its text: the picture's words stand in for it.
    img: ({ alt }) => <>{alt ?? ''}</>,
  };
  return (
    <div className={styles.body} data-testid={testId}>
      <Markdown
        allowedElements={ALLOWED}
        unwrapDisallowed
        urlTransform={linkTarget}
        components={components}
      >
        {safeMarkdown(text)}
      </Markdown>
    </div>
  );
}
