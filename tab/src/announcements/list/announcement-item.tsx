import { Badge, Link, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useId } from 'react';
import type { Announcement, DeliveryCounts } from '../../../../bot/src/contracts/announcements';
import { describeAudience, describeKind, describeStatus, formatWhen } from '../announcement-words';

const useStyles = makeStyles({
  muted: { color: tokens.colorNeutralForeground2 },
  item: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXS,
    paddingBlock: tokens.spacingVerticalM,
    paddingInline: tokens.spacingHorizontalL,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
    minWidth: 0,
  },
  scheduled: {
    borderLeft: `${tokens.strokeWidthThickest} solid ${tokens.colorBrandStroke1}`,
  },
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXXS,
    minWidth: 0,
  },
  title: {
    fontSize: tokens.fontSizeBase400,
    lineHeight: tokens.lineHeightBase400,
    fontWeight: tokens.fontWeightSemibold,
    textAlign: 'start',
    overflowWrap: 'anywhere',
  },
});

/** '5 of 6 sent · 2 read', once the counts have been read. */
function describeCounts(counts: DeliveryCounts): string {
  const waiting = counts.queued + counts.sending;
  const parts = [`${counts.sent} of ${counts.total} sent`];
  if (waiting > 0) parts.push(`${waiting} waiting`);
  parts.push(`${counts.acknowledged} read`);
  return parts.join(' · ');
}

/** One announcement in the list: its title (opens the report), state, audience and counts. */
export function AnnouncementItem({
  announcement: a,
  counts,
  onOpen,
}: {
  announcement: Announcement;
  counts?: DeliveryCounts;
  onOpen: () => void;
}) {
  const styles = useStyles();
  const metaId = useId();
  return (
    <li
      className={mergeClasses(styles.item, a.status === 'scheduled' && styles.scheduled)}
      data-testid="announcement-item"
      data-announcement-id={a.id}
      data-status={a.status}
    >
      <div className={styles.row}>
        <Link
          as="button"
          type="button"
          className={styles.title}
          onClick={onOpen}
          aria-describedby={metaId}
          data-testid="announcement-open"
        >
          {a.title}
        </Link>
      </div>
      <div className={styles.row} id={metaId}>
        <Badge
          appearance="outline"
          shape="rounded"
          color="informative"
          data-testid="announcement-kind"
        >
          {describeKind(a.kind)}
        </Badge>
        <Text>
          <strong data-testid="announcement-status">{describeStatus(a)}</strong>
          <span className={styles.muted}>
            {' · '}
            <span data-testid="announcement-audience-words">{describeAudience(a)}</span>
            {counts && counts.total > 0 && (
              <>
                {' · '}
                <span data-testid="announcement-item-counts">{describeCounts(counts)}</span>
              </>
            )}
          </span>
        </Text>
      </div>
      <Text size={200} className={styles.muted}>
        Written by {a.createdByName}, {formatWhen(a.createdAt)}
      </Text>
    </li>
  );
}
