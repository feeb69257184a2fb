import type { ExportArea } from '../../../contracts/data-rights';

/**
 * The data map: for every table the service keeps, what personal data it holds, how one
 * person's rows are found, what "export my data" takes from it and what erasure does to it.
 * Pure: the store supplies one small port per table (`TableRowsPort`) that finds the rows the
 * way `findBy` says. A unit test fails when a table has no entry here, so the map grows with
 * the product. docs/privacy.md is written from this map: keep it readable.
 */

/** Who the person is, as the store resolved them: their keys into every table. */
export interface PersonKeys {
  /** Entra object id, lower-case. */
  objectId: string;
  /** Emails they are known by (lower-case), from their participant records. */
  emails: string[];
  /** One entry per cohort they take part in (their membership rows). */
  memberships: { cohortId: string; participantId: string; pairId?: string }[];
  /** Cohorts where they applied or asked to hear about the next cohort. */
  applicationCohortIds: string[];
}

/** A stored row as the table gave it (keys and columns). */
export type StoredRow = Record<string, unknown>;

/** One table's port: the person's rows, found as the map's `findBy` says. */
export interface TableRowsPort {
  find(person: PersonKeys): Promise<StoredRow[]>;
}

/** How a person's rows are found in a table. */
export type FindBy =
  | 'object-id'
  | 'email'
  | 'participant-ids'
  | 'pairs'
  | 'object-id-and-participant-ids'
  | 'not-personal';

/** What erasure does to the person's rows in a table. */
export type ErasureAction = 'remove' | 'anonymise' | 'nothing';

export interface TableEntry {
  /** The table's Azure name. */
  table: string;
  /** The personal data it holds, in plain words ("none" when none). */
  personalData: string;
  findBy: FindBy;
  /** How the rows are found, in words (keys and columns). */
  howFound: string;
  /** The archive's file for these rows; null when the table holds nothing of the person's. */
  exportArea: ExportArea | null;
  /** What the export takes, in words. */
  exportTakes: string;
  erasure: ErasureAction;
  /** What erasure does and why (what is kept, anonymised, and the reason). */
  erasureWhy: string;
}

const OPERATIONAL = {
  findBy: 'not-personal',
  exportArea: null,
  exportTakes: 'Nothing: no personal data',
  erasure: 'nothing',
} as const;

/** Keyed by the service's table keys (TABLE_NAMES in platform/storage/table-store.ts). */
export const DATA_MAP = {
  cohorts: {
    table: 'Cohorts',
    personalData: 'None (a cohort’s name, dates, cadence and programme channel)',
    howFound: 'Not by person',
    erasureWhy: 'The cohort is the programme’s, not the person’s',
    ...OPERATIONAL,
  },
  participants: {
    table: 'Participants',
    personalData: 'Name, work email, Entra object id, role, organisation, job title',
    findBy: 'participant-ids',
    howFound: 'PartitionKey cohort id, RowKey each participant id of their memberships',
    exportArea: 'profile',
    exportTakes: 'Their participant record in each cohort',
    erasure: 'anonymise',
    erasureWhy:
      'Name, email, object id, organisation and job title cleared; the row stays as "Erased person" so the pair’s meeting count and the cohort’s statistics still add up',
  },
  memberships: {
    table: 'Memberships',
    personalData: 'Entra object id or email (in the key), display name, role, pair id',
    findBy: 'object-id',
    howFound: 'PartitionKey user:{object id} and email:{each email}',
    exportArea: 'memberships',
    exportTakes: 'Every membership row under their object id and emails',
    erasure: 'remove',
    erasureWhy: 'An index of who they are: removed, so nothing finds them again',
  },
  participantLinks: {
    table: 'ParticipantLinks',
    personalData: 'Name, object id and email used at each sign-in link, who linked',
    findBy: 'participant-ids',
    howFound: 'PartitionKey cohort id, column participantId',
    exportArea: 'profile',
    exportTakes: 'The sign-in link records of their participants',
    erasure: 'remove',
    erasureWhy: 'A record of linking their identity: removed with the identity',
  },
  pairs: {
    table: 'Pairs',
    personalData: 'Participant ids of mentor and mentee, state',
    findBy: 'pairs',
    howFound: 'PartitionKey cohort id, RowKey each pair id of their memberships',
    exportArea: 'pair',
    exportTakes: 'Their pair',
    erasure: 'anonymise',
    erasureWhy:
      'Kept with the ids only (no names live here): the pair’s state and meeting count feed the cohort’s statistics',
  },
  conversations: {
    table: 'ConversationRefs',
    personalData: 'How the bot reaches them in personal chat, their time zone',
    findBy: 'object-id',
    howFound: 'PartitionKey user:{object id}',
    exportArea: 'profile',
    exportTakes: 'Their personal chat reference and time zone',
    erasure: 'remove',
    erasureWhy: 'No message may reach them again',
  },
  roles: {
    table: 'Roles',
    personalData: 'Object id (in the key), staff roles, who granted them',
    findBy: 'object-id',
    howFound: 'PartitionKey user:{object id}',
    exportArea: 'profile',
    exportTakes: 'Their staff roles',
    erasure: 'remove',
    erasureWhy: 'Their roles end with their identity',
  },
  jobs: {
    table: 'Jobs (one table a day)',
    personalData: 'Ids of pairs and cohorts in scheduled nudges; no names or content',
    howFound: 'Not by person',
    erasureWhy: 'Operational; a job for an erased person finds no one and does nothing',
    ...OPERATIONAL,
  },
  jobIndex: {
    table: 'JobIndex',
    personalData: 'None (job ids by minute)',
    howFound: 'Not by person',
    erasureWhy: 'Operational',
    ...OPERATIONAL,
  },
  jobClaims: {
    table: 'JobClaims',
    personalData: 'None (which instance runs a job)',
    howFound: 'Not by person',
    erasureWhy: 'Operational',
    ...OPERATIONAL,
  },
  schedulerState: {
    table: 'SchedulerState',
    personalData: 'None (the scheduler’s watermark)',
    howFound: 'Not by person',
    erasureWhy: 'Operational',
    ...OPERATIONAL,
  },
  pairSpace: {
    table: 'PairSpace',
    personalData:
      'The pair’s contract, goals, actions and meetings; each partner’s preparation, reflections, reviews and fit checks',
    findBy: 'pairs',
    howFound: 'PartitionKey each pair id of their memberships',
    exportArea: 'pair',
    exportTakes:
      'The contract, goals, actions and meetings, and only their OWN preparation, reflections, reviews and fit checks (never the partner’s, shared or not; never the coordinator-only status)',
    erasure: 'anonymise',
    erasureWhy:
      'Their own preparation, reflections, reviews and fit checks removed; the shared contract, goals, actions and meetings stay with the partner (the partner’s own writing stays theirs); meetings keep counting for the cohort’s statistics',
  },
  dailySends: {
    table: 'DailySends',
    personalData: 'Object id (in the key), how many messages the app sent them on a day',
    findBy: 'object-id',
    howFound: 'PartitionKey user:{object id}',
    exportArea: 'profile',
    exportTakes: 'The count of messages sent to them each day',
    erasure: 'remove',
    erasureWhy: 'A pacing ledger about them',
  },
  events: {
    table: 'Events',
    personalData: 'Their answer to each event (RSVP); attendance marks at programme sessions',
    findBy: 'participant-ids',
    howFound:
      'PartitionKey cohort id, RowKey rsvp|{event}|{participant id}; their mark in attendance|{event} rows',
    exportArea: 'rsvps',
    exportTakes:
      'Their RSVPs, and their own mark from each session register (a register holds everyone invited: only their own mark leaves)',
    erasure: 'anonymise',
    erasureWhy:
      'RSVP rows removed; their attendance marks are kept under the participant id only, so the session’s attendance count stays right',
  },
  calendarFeeds: {
    table: 'CalendarFeeds',
    personalData: 'Object id (in the key) and the hash of their private calendar feed token',
    findBy: 'object-id',
    howFound: 'PartitionKey user:{object id}, RowKey feed; and token:{hash} it names',
    exportArea: 'profile',
    exportTakes: 'That they have a calendar feed (the token hash only)',
    erasure: 'remove',
    erasureWhy: 'The feed stops working',
  },
  announcements: {
    table: 'Announcements',
    personalData: 'The coordinator who wrote each announcement (object id, name)',
    findBy: 'participant-ids',
    howFound: 'PartitionKey cohort id: the announcements sent in their cohorts',
    exportArea: 'announcements',
    exportTakes: 'The title, text and send time of each announcement they received',
    erasure: 'nothing',
    erasureWhy: 'The programme’s messages to a cohort; their receipt is in AnnouncementRecipients',
  },
  announcementRecipients: {
    table: 'AnnouncementRecipients',
    personalData: 'Object id and name of each recipient, delivery state, "Got it" time',
    findBy: 'participant-ids',
    howFound:
      'PartitionKey {announcement id}|{bucket} of their cohorts’ announcements, RowKey participant id',
    exportArea: 'announcements',
    exportTakes: 'Their delivery and acknowledgement of each announcement',
    erasure: 'anonymise',
    erasureWhy:
      'Name and object id cleared; the delivery state stays so the announcement’s delivery report still adds up',
  },
  announcementIndex: {
    table: 'AnnouncementIndex',
    personalData: 'None (which sends are due or under way)',
    howFound: 'Not by person',
    erasureWhy: 'Operational',
    ...OPERATIONAL,
  },
  fanoutWorkers: {
    table: 'FanoutWorkers',
    personalData: 'None (instances that are sending)',
    howFound: 'Not by person',
    erasureWhy: 'Operational',
    ...OPERATIONAL,
  },
  audit: {
    table: 'AuditTrail',
    personalData: 'Who did what to whom: actor object id and name, target id and label',
    findBy: 'object-id-and-participant-ids',
    howFound: 'PartitionKey trail, column targetId = their object id or a participant id of theirs',
    exportArea: 'audit',
    exportTakes:
      'Entries about them (their own exports included); never entries about their pair (a pause or end carries the programme team’s reason, which partners are not told) nor what they did to others as staff',
    erasure: 'anonymise',
    erasureWhy:
      'Every entry naming them is kept for accountability, with "Erased person" for their name, their email cleared and a pseudonym (erased: and part of the object id’s hash) for their object id',
  },
  reach: {
    table: 'ReachAttempts',
    personalData: 'Whether and when the app could reach each participant in chat',
    findBy: 'participant-ids',
    howFound: 'PartitionKey cohort id, RowKey participant id',
    exportArea: 'profile',
    exportTakes: 'The app’s attempts to reach them',
    erasure: 'remove',
    erasureWhy: 'About reaching them, which ends',
  },
  matching: {
    table: 'MatchingRuns',
    personalData: 'A coordinator’s matching drafts: names, reasons, proposed pairs',
    findBy: 'not-personal',
    howFound: 'Not by person: a cohort’s partition of drafts',
    exportArea: null,
    exportTakes: 'Nothing: a coordinator’s working draft; the pair that came of it is in pair.json',
    erasure: 'anonymise',
    erasureWhy:
      'A coordinator’s working drafts are kept for the cohort; the person’s name, email and object id are replaced wherever a draft holds them',
  },
  applicationSettings: {
    table: 'ApplicationSettings',
    personalData: 'None (a cohort’s application window and questions)',
    howFound: 'Not by person',
    erasureWhy: 'The programme’s settings',
    ...OPERATIONAL,
  },
  applications: {
    table: 'Applications',
    personalData: 'Their answers, consent version, dates, decision and reason, manager support',
    findBy: 'object-id',
    howFound: 'PartitionKey each cohort id, RowKey their object id',
    exportArea: 'applications',
    exportTakes: 'Each of their applications',
    erasure: 'remove',
    erasureWhy: 'Their answers are theirs; a decision already made lives on in the pair',
  },
  applicationSensitive: {
    table: 'ApplicationSensitive',
    personalData: 'Special-category answers (UK GDPR) and their consents',
    findBy: 'object-id',
    howFound: 'PartitionKey each cohort id, RowKey answers|{object id}',
    exportArea: 'applications',
    exportTakes: 'Their own special-category answers and consents',
    erasure: 'remove',
    erasureWhy: 'Special-category data is never kept after erasure',
  },
  nextCohortInterest: {
    table: 'NextCohortInterest',
    personalData: 'Name, email, when they asked to hear about the next cohort',
    findBy: 'object-id',
    howFound: 'PartitionKey each cohort id, RowKey their object id',
    exportArea: 'applications',
    exportTakes: 'Their request to hear about the next cohort',
    erasure: 'remove',
    erasureWhy: 'Their request ends',
  },
  applicationReview: {
    table: 'ApplicationReview',
    personalData:
      'Training attendance per application, the line manager’s answer, their Teams user id, messages waiting for them',
    findBy: 'email',
    howFound:
      'PartitionKey cohort id with RowKey attendance|{object id}|… and manager|{object id}; teams|{email}, ask|{email}; tell|{object id}',
    exportArea: 'applications',
    exportTakes: 'Attendance and manager answers for their applications, messages waiting for them',
    erasure: 'remove',
    erasureWhy: 'Part of their application',
  },
  evaluationPlans: {
    table: 'EvaluationPlans',
    personalData: 'None (a cohort’s evaluation plan)',
    howFound: 'Not by person',
    erasureWhy: 'The programme’s plan',
    ...OPERATIONAL,
  },
  evaluationResponses: {
    table: 'EvaluationResponses',
    personalData: 'Their survey answers (confidential)',
    findBy: 'participant-ids',
    howFound: 'PartitionKey {cohort id}|{survey}, RowKey participant id',
    exportArea: 'surveys',
    exportTakes: 'Their own survey answers',
    erasure: 'remove',
    erasureWhy: 'Removed; results already reported were aggregates of five or more and name no one',
  },
  insights: {
    table: 'Insights',
    personalData: 'Insights and testimonials, their authors’ participant ids',
    findBy: 'participant-ids',
    howFound: 'PartitionKey cohort id, column author1 or author2 = participant id',
    exportArea: 'insights',
    exportTakes: 'Insights they wrote (alone or with their partner)',
    erasure: 'anonymise',
    erasureWhy:
      'An insight they wrote alone is removed; one written with their partner stays the partner’s, with their author id cleared',
  },
  privacySettings: {
    table: 'PrivacySettings',
    personalData:
      'The programme’s published privacy contact and data controller (staff in that role, by choice); no participant',
    howFound: 'Not by person (one programme-wide row)',
    erasureWhy:
      'The programme’s published contact, changed by its admins when the person in the role changes',
    ...OPERATIONAL,
  },
  erasures: {
    table: 'Erasures',
    personalData:
      'While a request to erase waits: the person’s object id, name and reason; once erased, only the hash of the object id (the tombstone that refuses an old token)',
    findBy: 'object-id',
    howFound: 'PartitionKey request, RowKey the hash of their object id',
    exportArea: 'profile',
    exportTakes: 'Their request to erase their data, if any',
    erasure: 'anonymise',
    erasureWhy:
      'The request is kept as "erased" with no name, object id or reason; the tombstone keeps only the hash of the object id, so an old token is never linked again',
  },
  cohortSummaries: {
    table: 'CohortSummaries',
    personalData:
      'None: a retained cohort’s evaluation results as its report showed them, every group under five suppressed',
    howFound: 'Not by person (PartitionKey summary, RowKey cohort id)',
    erasureWhy:
      'Aggregates of five or more only, kept when the cohort’s personal rows go after its retention period, so its outcomes and the sponsor’s report still answer; no one can be picked out of them',
    ...OPERATIONAL,
  },
} as const satisfies Record<string, TableEntry>;

export type MappedTable = keyof typeof DATA_MAP;

/** The tables the map covers, in its order. */
export function mappedTables(): MappedTable[] {
  return Object.keys(DATA_MAP) as MappedTable[];
}

/** The tables whose rows go into the given area of the archive. */
export function tablesOfArea(area: ExportArea): MappedTable[] {
  return mappedTables().filter((key) => DATA_MAP[key].exportArea === area);
}
