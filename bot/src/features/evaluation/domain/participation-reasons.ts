import type { EarlyEndGroup } from '../../../contracts/evaluation-participation';

/**
 * The broad group of an early ending's reason. The reason is free text the ending partner or
 * the programme team wrote (optional for a partner, required of the team); only its group is
 * ever counted. The groups are found by plain words, checked in this order so that, say,
 * "maternity leave" is personal and "left the organisation" a change of job; anything else is
 * `other`, and no reason (blank, or the words "No reason given") is `not_given`.
 */
const GROUP_WORDS: [Exclude<EarlyEndGroup, 'other' | 'not_given'>, RegExp][] = [
  [
    'health_or_personal',
    /\b(health|ill|illness|unwell|sick|sickness|caring|carer|family|personal|bereave\w*|maternity|paternity|parental|adoption)\b/,
  ],
  [
    'job_or_organisation_change',
    /\b(left|leaving|leaves|resign\w*|retir\w*|redundan\w*|restructur\w*|reorgani[sz]\w*|promot\w*|secondment|new (job|role|post)|changed (job|role|team)|moved (job|role|team|teams|on))\b/,
  ],
  [
    'time_or_workload',
    /\b(time|busy|workload|capacity|pressure\w*|diary|diaries|schedul\w*|priorit\w*|too much)\b/,
  ],
  [
    'the_pairing',
    /\b(fit|match|matched|mismatch\w*|pairing|relationship|get on|got on|comfortable|uncomfortable|chemistry|expectations?)\b/,
  ],
];

export function earlyEndGroup(reason: string | null | undefined): EarlyEndGroup {
  const words = (reason ?? '').trim().toLowerCase().replace(/\s+/g, ' ');
  if (words === '' || /^no reason( given)?\.?$/.test(words)) return 'not_given';
  for (const [group, pattern] of GROUP_WORDS) {
    if (pattern.test(words)) return group;
  }
  return 'other';
}
