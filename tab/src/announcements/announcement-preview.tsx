import { Text, makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { safeLinkTarget, safeMarkdown } from '../../../bot/src/contracts/safe-links';

/**
 * What people will see of an announcement in Teams: the card's title, its text with the
 * Markdown Teams renders in a card (**bold**, _italic_, lists, links), and its buttons.
 * Built as React elements, never as HTML, so nothing typed can run as markup, and with the
 * bot's link rules (bot/src/contracts/safe-links.ts): only https, mailto and msteams links; any
 * other link shows as its words, as it does on the card.
 */

const useStyles = makeStyles({
  card: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalL,
    borderRadius: tokens.borderRadiusLarge,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: tokens.shadow4,
    minWidth: 0,
    overflowWrap: 'anywhere',
  },
  muted: { color: tokens.colorNeutralForeground2 },
  title: { margin: 0 },
  body: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    color: tokens.colorNeutralForeground1,
  },
  para: { margin: 0, whiteSpace: 'pre-wrap' },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL },
  empty: { color: tokens.colorNeutralForeground2, fontStyle: 'italic' },
  link: { color: tokens.colorNeutralForeground1, textDecorationLine: 'underline' },
  buttons: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalS,
    marginTop: tokens.spacingVerticalXS,
  },
  // Drawn like the card's buttons; they do nothing here, so they are not buttons.
  fakeButton: {
    display: 'inline-flex',
    alignItems: 'center',
    minHeight: '32px',
    paddingInline: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    color: tokens.colorNeutralForeground1,
    fontWeight: tokens.fontWeightSemibold,
    maxWidth: '100%',
  },
});

type Block =
  | { kind: 'para'; lines: string[] }
  | { kind: 'bullets'; items: string[] }
  | { kind: 'numbers'; items: string[] };

const BULLET = /^\s*[-*+]\s+(.*)$/;
const NUMBER = /^\s*\d+[.)]\s+(.*)$/;

/** Paragraphs (split by blank lines), bulleted lists ('- ') and numbered lists ('1. '). */
export function blocksOf(text: string): Block[] {
  const blocks: Block[] = [];
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    const last = blocks[blocks.length - 1];
    const bullet = BULLET.exec(line);
    const number = bullet ? null : NUMBER.exec(line);
    if (bullet) {
      if (last?.kind === 'bullets') last.items.push(bullet[1] ?? '');
      else blocks.push({ kind: 'bullets', items: [bullet[1] ?? ''] });
    } else if (number) {
      if (last?.kind === 'numbers') last.items.push(number[1] ?? '');
      else blocks.push({ kind: 'numbers', items: [number[1] ?? ''] });
    } else if (line.trim() === '') {
      blocks.push({ kind: 'para', lines: [] });
    } else if (last?.kind === 'para') {
      last.lines.push(line);
    } else {
      blocks.push({ kind: 'para', lines: [line] });
    }
  }
  return blocks.filter((b) => (b.kind === 'para' ? b.lines.length > 0 : true));
}

const INLINE =
  /\*\*(.+?)\*\*|__(.+?)__|\*([^*\s](?:[^*]*[^*\s])?)\*|\b_([^_\s](?:[^_]*[^_\s])?)_\b|\[([^\]]+)\]\(([^\s)]+)\)/g;

/** **bold**, __bold__, *italic*, _italic_ and [words](https:…, mailto:…, msteams:…) within a line. */
function inline(text: string, linkClass: string, key = 'i'): ReactNode[] {
  const out: ReactNode[] = [];
  let at = 0;
  let n = 0;
  for (const match of text.matchAll(INLINE)) {
    const index = match.index ?? 0;
    if (index > at) out.push(text.slice(at, index));
    const [, bold1, bold2, star, underscore, linkText, href] = match;
    const italic = star ?? underscore;
    const k = `${key}-${n++}`;
    if (bold1 !== undefined || bold2 !== undefined) {
      out.push(<strong key={k}>{inline(bold1 ?? bold2 ?? '', linkClass, k)}</strong>);
    } else if (italic !== undefined) {
      out.push(<em key={k}>{italic}</em>);
    } else if (linkText !== undefined && href) {
      const target = safeLinkTarget(href);
      out.push(
        target ? (
          <a key={k} href={target} target="_blank" rel="noopener noreferrer" className={linkClass}>
            {linkText}
          </a>
        ) : (
          linkText
        ),
      );
    }
    at = index + match[0].length;
  }
  if (at < text.length) out.push(text.slice(at));
  return out;
}

/** The text as Teams shows it in the card. */
export function FormattedText({ text }: { text: string }) {
  const styles = useStyles();
  const blocks = blocksOf(safeMarkdown(text));
  return (
    <div className={styles.body} data-testid="announcement-preview-text">
      {blocks.map((block, i) => {
        if (block.kind === 'bullets' || block.kind === 'numbers') {
          const items = block.items.map((item, j) => (
            <li key={j}>{inline(item, styles.link, `${i}-${j}`)}</li>
          ));
          return block.kind === 'bullets' ? (
            <ul key={i} className={styles.list}>
              {items}
            </ul>
          ) : (
            <ol key={i} className={styles.list}>
              {items}
            </ol>
          );
        }
        return (
          <p key={i} className={styles.para}>
            {block.lines.map((line, j) => (
              <span key={j}>
                {j > 0 && <br />}
                {inline(line, styles.link, `${i}-${j}`)}
              </span>
            ))}
          </p>
        );
      })}
    </div>
  );
}

interface PreviewProps {
  cohortName: string;
  title: string;
  text: string;
  link?: { url: string; label: string };
}

/** The announcement card as each person will receive it from the bot. */
export function AnnouncementPreview({ cohortName, title, text, link }: PreviewProps) {
  const styles = useStyles();
  return (
    <div className={styles.card} data-testid="announcement-preview">
      <Text size={200} className={styles.muted}>
        Announcement · {cohortName}
      </Text>
      {title.trim() ? (
        <Text as="p" size={500} weight="semibold" className={styles.title}>
          {title.trim()}
        </Text>
      ) : (
        <Text as="p" size={500} className={styles.empty}>
          Your title
        </Text>
      )}
      {text.trim() ? (
        <FormattedText text={text.trim()} />
      ) : (
        <Text className={styles.empty}>Your message</Text>
      )}
      <Text size={200} className={styles.muted}>
        From you, their programme team
      </Text>
      <div className={styles.buttons}>
        {link && (
          <span className={styles.fakeButton} data-testid="announcement-preview-link">
            {link.label}
          </span>
        )}
        <span className={styles.fakeButton}>Got it</span>
      </div>
    </div>
  );
}
