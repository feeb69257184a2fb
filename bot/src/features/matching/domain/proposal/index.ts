/** A matching run as a draft: the pool from applicants, the coordinator's edits, comparisons. */
export * from './applicant';
export * from './draft';
export * from './comparison';
export * from './waitlist-notice';
export * from './pool-split';
export * from './reciprocal-draft';
