import { Text, makeStyles, tokens } from '@fluentui/react-components';
import { MarkdownText } from '../../shared/markdown/markdown-text';

const useStyles = makeStyles({
  muted: { color: tokens.colorNeutralForeground2 },
  message: {
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    minWidth: 0,
    overflowWrap: 'anywhere',
  },
});

/** The message that was sent, folded away under the numbers. */
export function MessageDetails({
  text,
  link,
}: {
  text: string;
  link: { url: string; label: string } | null;
}) {
  const styles = useStyles();
  return (
    <details>
      <summary>
        <Text weight="semibold">The message</Text>
      </summary>
      <div className={styles.message}>
        <MarkdownText text={text} testId="announcement-preview-text" />
        {link && (
          <Text size={200} className={styles.muted}>
            Button “{link.label}” opens {link.url}
          </Text>
        )}
      </div>
    </details>
  );
}
