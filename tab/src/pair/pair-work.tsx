import { makeStyles, tokens } from '@fluentui/react-components';
import type { ApiClient } from '../app/api-client';

/** What the goals and actions sections share: their list styles, props and conflict words. */

export const usePairWorkStyles = makeStyles({
  list: {
    margin: 0,
    padding: 0,
    listStyleType: 'none',
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalM,
  },
  item: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
    overflowWrap: 'anywhere',
  },
  itemTop: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'baseline',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalS,
  },
  muted: { color: tokens.colorNeutralForeground2 },
  meta: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    color: tokens.colorNeutralForeground2,
  },
  done: { textDecorationLine: 'line-through' },
});

/** The words people see when the partner saved first; their own text stays in the form. */
export function conflictTitle(partnerName: string): string {
  return `${partnerName} changed this a moment ago.`;
}

export interface PairWorkProps {
  client: ApiClient;
  pairId: string;
  partnerName: string;
  myName: string;
}
