import type {
  ApplicationStatus,
  ApplicationWindowView,
  OpenCohort,
} from '../../../contracts/applications';
import { APPLICATION_STATUS_WORDS } from '../../../contracts/applications';
import type { CardJson } from '../../../platform/teams/cards/render';
import { heading } from '../../../platform/teams/cards/render';
import { applyCard, execute, para, warning } from './apply-card-kit';

/** The apply cards that are not a step of the form: the list, a status, a refusal, a thank-you. */

/** A cohort whose window is not open now (upcoming, or closed), for "tell me about the next one". */
export interface OtherCohort {
  cohortId: string;
  cohortName: string;
  window: ApplicationWindowView;
}

/** "apply": the cohorts open for applications, or, when none, a way to hear about the next. */
export function buildApplyListCard(open: OpenCohort[], others: OtherCohort[]): CardJson {
  if (open.length === 0) {
    return applyCard(
      [
        heading('Apply to the programme'),
        para('No cohort is taking applications just now.'),
        ...others.flatMap((c) => [
          para(c.cohortName, { weight: 'Bolder', spacing: 'Medium' }),
          para(
            c.window.state === 'upcoming'
              ? `Applications open on ${c.window.opensWords}.`
              : `Applications closed on ${c.window.closesWords}.`,
            { spacing: 'None' },
          ),
        ]),
        para('Ask to hear about the next cohort and we will tell you when applications open.'),
      ],
      others
        .slice(0, 3)
        .map((c) =>
          execute(
            others.length > 1
              ? `Tell me about the next cohort (${c.cohortName})`
              : 'Tell me about the next cohort',
            'apply.interest',
            { cohortId: c.cohortId },
          ),
        ),
    );
  }
  return applyCard(
    [
      heading('Apply to the programme'),
      para(
        'These cohorts are taking applications now. Your answers are saved as a draft after each step.',
      ),
      ...open.flatMap((c) => [
        para(c.cohortName, { weight: 'Bolder', spacing: 'Medium' }),
        para(`Applications close on ${c.window.closesWords}.`, { spacing: 'None' }),
        ...(c.myStatus
          ? [para(`Your application: ${APPLICATION_STATUS_WORDS[c.myStatus]}`, { spacing: 'None' })]
          : []),
      ]),
    ],
    open.map((c) =>
      execute(
        open.length > 1 ? `Apply to ${c.cohortName}` : 'Apply',
        'apply.open',
        { cohortId: c.cohortId },
        { style: 'positive' },
      ),
    ),
  );
}

export interface ApplyStatusData {
  cohortId: string;
  cohortName: string;
  status: ApplicationStatus;
  /** The window is open: a withdrawn application can be sent again. */
  open: boolean;
  title?: string;
}

/** Where the person's application stands, in words; withdraw (or apply again) from here. */
export function buildApplyStatusCard(d: ApplyStatusData): CardJson {
  const withdrawable = ['draft', 'submitted', 'accepted', 'waitlisted'].includes(d.status);
  const lines =
    d.status === 'submitted'
      ? [
          'Thank you. The programme team will look at your application and tell you what they decide.',
        ]
      : d.status === 'withdrawn'
        ? ['You do not need to give a reason. Nothing more will happen with this application.']
        : [];
  const actions: object[] = [];
  if (d.status === 'withdrawn' && d.open) {
    actions.push(execute('Apply again', 'apply.open', { cohortId: d.cohortId }));
  }
  if (withdrawable && d.status !== 'draft') {
    actions.push(
      execute(
        'Withdraw my application',
        'apply.withdraw',
        { cohortId: d.cohortId },
        { style: 'destructive', associatedInputs: 'none' },
      ),
    );
  }
  return applyCard(
    [
      heading(d.title ?? `Your application to ${d.cohortName}`),
      para(`Status: ${APPLICATION_STATUS_WORDS[d.status]}`, { weight: 'Bolder' }),
      ...lines.map((l) => para(l)),
    ],
    actions,
  );
}

/** After the closing date: refused with the date, and a way to hear about the next cohort. */
export function buildApplyClosedCard(d: {
  cohortId: string;
  cohortName: string;
  message: string;
}): CardJson {
  return applyCard(
    [heading(`Applications to ${d.cohortName} have closed`), warning(d.message)],
    [execute('Tell me about the next cohort', 'apply.interest', { cohortId: d.cohortId })],
  );
}

/** Said kindly wherever the form must not be shown: a channel or a group chat. */
export const PERSONAL_CHAT_ONLY =
  'Applying is private, so I only do it in our one-to-one chat. Open a chat with me (search for Reverse mentoring in Teams chat) and say "apply" there. Nothing you type there is seen by anyone in this conversation.';

export function buildPersonalOnlyCard(): CardJson {
  return applyCard([heading('Let’s do this in private'), para(PERSONAL_CHAT_ONLY)], []);
}

export function buildInterestCard(): CardJson {
  return applyCard(
    [
      heading('We will let you know'),
      para(
        'You are on the list to hear about the next cohort. We will tell you when applications open.',
      ),
    ],
    [],
  );
}
