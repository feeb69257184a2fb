import { Text, makeStyles, tokens } from '@fluentui/react-components';
import { MarkdownText } from '../shared/markdown/markdown-text';

/**
 * What people will see of an announcement in Teams: the card's title, its text with the
 * Markdown Teams renders in a card (**bold**, _italic_, lists, links), and its buttons.
 * Rendered by shared/markdown (React elements, never HTML), with the bot's link rules
 * (bot/src/contracts/safe-links.ts): only https, mailto and msteams links; any other link shows
 * as its words, as it does on the card.
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
  empty: { color: tokens.colorNeutralForeground2, fontStyle: 'italic' },
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
        <MarkdownText text={text.trim()} testId="announcement-preview-text" />
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
