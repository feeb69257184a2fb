import { Text, makeStyles, tokens } from '@fluentui/react-components';
import { AnnouncementPreview } from '../announcement-preview';

const useStyles = makeStyles({
  preview: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
    minWidth: 0,
    '@media (min-width: 960px)': { position: 'sticky', top: tokens.spacingVerticalL },
  },
  subheading: { margin: 0 },
  muted: { color: tokens.colorNeutralForeground2 },
});

interface PreviewPanelProps {
  /** Makes the heading's id unique on the page. */
  idBase: string;
  cohortName: string;
  title: string;
  text: string;
  link?: { url: string; label: string };
}

/** Beside the form: the card as people will see it, as it is typed. */
export function PreviewPanel({ idBase, cohortName, title, text, link }: PreviewPanelProps) {
  const styles = useStyles();
  return (
    <section className={styles.preview} aria-labelledby={`${idBase}-preview`}>
      <Text
        as="h4"
        size={400}
        weight="semibold"
        id={`${idBase}-preview`}
        className={styles.subheading}
      >
        Preview
      </Text>
      <Text size={200} className={styles.muted}>
        What people will see in their chat with the bot.
      </Text>
      <AnnouncementPreview cohortName={cohortName} title={title} text={text} link={link} />
    </section>
  );
}
