/**
 * Dates as people in the UK write them (dd/mm/yyyy), to and from the API's yyyy-mm-dd. Never
 * the browser's own order: 03/04/2027 is 3 April.
 */

/** '2027-04-03' → '03/04/2027'; '' for anything else. */
export function toUkDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : '';
}

/** '3/4/2027' or '03/04/2027' → '2027-04-03'; the text as typed when it is not such a date. */
export function fromUkDate(text: string): string {
  const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(text);
  if (!m) return text.trim();
  return `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
}
