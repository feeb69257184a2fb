import { AppError, type Reason, fieldProblemsOf } from '../errors';
import { isUnavailable } from '../storage/errors';

/**
 * The words a card shows for an AppError: the one mapping from reason to card text (the HTTP
 * side is platform/http/error-response.ts). A card handler that catches an AppError it cannot
 * answer better shows `cardWordsFor(error)` in a confirmation card; an error this does not know
 * (`undefined`) is a bug and goes to the turn's apology with a reference.
 */
export interface CardWords {
  title: string;
  lines: string[];
}

const TITLES: Record<Reason, string> = {
  invalid: 'Please check what you entered',
  unauthorized: 'I could not tell who you are',
  forbidden: 'Not for you',
  not_found: 'Not found',
  method_not_allowed: 'Not possible',
  conflict: 'Not possible just now',
  stale: 'Someone else changed this',
  precondition_required: 'Please try again',
  too_large: 'Too long',
  unsupported_media_type: 'Not possible',
  unavailable: "I can't reach the programme's records",
};

export function cardWordsFor(error: unknown): CardWords | undefined {
  if (!(error instanceof AppError)) {
    return isUnavailable(error) ? cardWordsFor(new AppError('unavailable', '')) : undefined;
  }
  switch (error.reason) {
    case 'stale':
      return {
        title: TITLES.stale,
        lines: [
          'Someone changed this a moment ago. Here is the latest; nothing of yours was saved.',
        ],
      };
    case 'unavailable':
      return {
        title: TITLES.unavailable,
        lines: ['Nothing is lost: please try again in a few minutes.'],
      };
    case 'invalid': {
      const fields = fieldProblemsOf(error);
      return {
        title: TITLES.invalid,
        lines: fields.length > 0 ? fields.map((f) => f.message) : [error.message],
      };
    }
    default:
      return { title: TITLES[error.reason], lines: [error.message] };
  }
}
