import type { Job } from './job';
import type { DueJob } from './job-rows';

/**
 * Groups due jobs by bundle key, keeping order; jobs without a key (or without a `key` function
 * at all) stand alone.
 */
export function groupByBundle(
  due: DueJob[],
  key: ((job: Job) => string | undefined) | undefined,
): DueJob[][] {
  if (!key) return due.map((item) => [item]);
  const groups: DueJob[][] = [];
  const byKey = new Map<string, DueJob[]>();
  for (const item of due) {
    const k = key(item.job);
    if (k === undefined) {
      groups.push([item]);
      continue;
    }
    let group = byKey.get(k);
    if (!group) {
      group = [];
      byKey.set(k, group);
      groups.push(group);
    }
    group.push(item);
  }
  return groups;
}
