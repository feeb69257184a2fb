import { Link, Text, makeStyles, tokens } from '@fluentui/react-components';
import { downloadText } from './coordinator-api';
import { TEMPLATE } from './roster-file';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  muted: { color: tokens.colorNeutralForeground2 },
  flush: { margin: 0 },
  code: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    overflowWrap: 'anywhere',
  },
  columns: {
    margin: 0,
    paddingInlineStart: tokens.spacingHorizontalXL,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXXS,
  },
});

/** What a roster file holds, what stays out of it, and an example to start from. */
export function RosterGuide() {
  const styles = useStyles();
  return (
    <div className={styles.stack}>
      <Text>
        Add this cohort&apos;s participants, and the pairs already matched, from one CSV file: one
        row per person, with a header row. Nothing is imported unless every row is right, so you can
        correct the file and import it again.
      </Text>
      <Text weight="semibold" as="p" className={styles.flush}>
        Columns
      </Text>
      <ul className={styles.columns}>
        <li>
          <span className={styles.code}>email</span>,{' '}
          <span className={styles.code}>display_name</span> and{' '}
          <span className={styles.code}>role</span> (mentor or mentee) are required.
        </li>
        <li>
          <span className={styles.code}>organisation</span>,{' '}
          <span className={styles.code}>job_title</span> and{' '}
          <span className={styles.code}>entra_object_id</span> are optional.
        </li>
        <li>
          <span className={styles.code}>entra_object_id</span> is the person&apos;s Object ID in
          Microsoft Entra. When you give it, only that Teams account is linked to them. Without it,
          they are linked the first time they sign in, by a work email Microsoft has verified in
          your organisation. You can see and undo links under Sign-in links.
        </li>
        <li>
          To pair people, give their partner&apos;s email in{' '}
          <span className={styles.code}>partner_email</span> and, if they mentor each other,{' '}
          <span className={styles.code}>arrangement</span> reciprocal (reverse is the default).
        </li>
      </ul>
      <Text size={200} className={styles.muted}>
        Don&apos;t include sensitive personal data such as ethnicity, disability or sexual
        orientation: matching data is collected separately, with consent.
      </Text>
      <div>
        <Link
          as="button"
          type="button"
          onClick={() => downloadText(TEMPLATE, 'roster-template.csv')}
          data-testid="roster-template"
        >
          Download an example CSV
        </Link>
      </div>
    </div>
  );
}
