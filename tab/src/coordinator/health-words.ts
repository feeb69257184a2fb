import type { PairHealthRow } from '../../../bot/src/contracts/cohorts';

function plural(count: number, one: string): string {
  return `${count} ${count === 1 ? one : `${one}s`}`;
}

/**
 * The health table's headline: how many pairs there are, how many have missed a month (a
 * closed plan window with no meeting, whether or not they have since met, paused or ended) and
 * how many need attention now, and how many asked for a word.
 */
export function healthHeadline(
  rows: Pick<PairHealthRow, 'health' | 'missedMonths' | 'askedForCoordinator'>[],
): string {
  const missed = rows.filter((r) => r.missedMonths > 0).length;
  const attention = rows.filter(
    (r) => r.health === 'at_risk' || r.health === 'needs_check_in',
  ).length;
  const asked = rows.filter((r) => r.askedForCoordinator > 0).length;
  const parts = [`${plural(rows.length, 'pair')}.`];
  parts.push(
    missed === 0
      ? 'None has missed a month.'
      : `${plural(missed, 'pair')} ${missed === 1 ? 'has' : 'have'} missed a month.`,
  );
  if (attention > 0) {
    parts.push(
      `${plural(attention, 'pair')} ${attention === 1 ? 'needs' : 'need'} your attention.`,
    );
  }
  if (asked > 0) {
    parts.push(`In ${plural(asked, 'pair')}, someone asked for a word with the programme team.`);
  }
  return parts.join(' ');
}
