/**
 * Due buckets: one per UTC minute, `yyyyMMddHHmm`, named so string order is time order. A job's
 * row lives in the bucket of its due minute (docs/storage.md).
 */

export function bucketOf(at: Date): string {
  return at.toISOString().slice(0, 16).replace(/[-T:]/g, '');
}

export function bucketStart(bucket: string): Date {
  const part = (from: number, to: number) => Number(bucket.slice(from, to));
  return new Date(Date.UTC(part(0, 4), part(4, 6) - 1, part(6, 8), part(8, 10), part(10, 12)));
}

export function addMinutes(bucket: string, minutes: number): string {
  return bucketOf(new Date(bucketStart(bucket).getTime() + minutes * 60_000));
}

export function earliest(a: string, b: string): string {
  return a < b ? a : b;
}

/** A job due in the past goes in the current minute: older buckets may be behind the watermark. */
export function placeFor(dueAt: string, now: Date): string {
  const due = new Date(dueAt);
  return bucketOf(due.getTime() < now.getTime() ? now : due);
}

/** The days (yyyyMMdd) from one bucket's day to another's, inclusive. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  let day = from.slice(0, 8);
  const last = to.slice(0, 8);
  while (day <= last) {
    days.push(day);
    day = addMinutes(`${day}0000`, 24 * 60).slice(0, 8);
  }
  return days;
}

export function pickBucket(a: string, b: string, pick: 'min' | 'max'): string {
  return (pick === 'min') === a < b ? a : b;
}
