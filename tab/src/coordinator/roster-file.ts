import { ApiRequestError } from '../app/api-client';

/** The example file people can download and fill in. */
export const TEMPLATE = [
  'email,display_name,role,organisation,job_title,partner_email,arrangement',
  'amara.okafor@trust.nhs.uk,Amara Okafor,mentor,Leicester General Hospital,Healthcare assistant,david.whitfield@icb.nhs.uk,reverse',
  'david.whitfield@icb.nhs.uk,David Whitfield,mentee,LLR Integrated Care Board,Director of Nursing,,',
  '',
].join('\n');

/** Why an import failed other than a refused file, in words. */
export function failureWords(error: unknown): string {
  if (error instanceof ApiRequestError) {
    if (error.status === 413) {
      return 'The file is larger than the service accepts in one go. Split it into smaller files and import them one after another.';
    }
    if (error.status === 403) {
      return 'Only the programme team can import participants. Nothing was imported.';
    }
    return `Nothing was imported. ${error.message}`;
  }
  return 'Nothing was imported. Something went wrong; try again in a minute.';
}

/** Roughly the number of participant rows in CSV text: non-empty lines after the header. */
export function rowCount(text: string): number {
  return Math.max(0, text.split(/\r?\n/).filter((l) => l.trim() !== '').length - 1);
}

/** Where line `line` (1-based) starts and ends in the text. */
export function lineRange(text: string, line: number): [number, number] | null {
  const lines = text.split('\n');
  if (line < 1 || line > lines.length) return null;
  let start = 0;
  for (let i = 0; i < line - 1; i += 1) start += (lines[i]?.length ?? 0) + 1;
  return [start, start + (lines[line - 1]?.replace(/\r$/, '').length ?? 0)];
}

export function looksLikeCsvFile(file: File): boolean {
  const name = file.name.toLowerCase();
  if (name.endsWith('.csv') || name.endsWith('.txt')) return true;
  return file.type === 'text/csv' || file.type === 'text/plain';
}
