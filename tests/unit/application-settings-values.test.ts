import { DECISION_MESSAGES } from '../../bot/src/contracts/decision-messages';
import { DEFAULT_APPLICATION_SETTINGS } from '../../bot/src/contracts/applications';
import {
  checkSettings,
  fieldOf,
  settingsValuesFrom,
} from '../../tab/src/coordinator/application-settings-values';

/**
 * The tab's application settings form, as values: the decision templates start as the kind
 * defaults, and a bad placeholder is refused beside its own field (the contract's check).
 */

const values = () =>
  settingsValuesFrom({
    ...DEFAULT_APPLICATION_SETTINGS,
    opensAt: '2027-01-04T09:00',
    closesAt: '2027-01-29T17:00',
  });

it('starts the three messages from the kind defaults and sends them', () => {
  const checked = checkSettings(values());
  expect(checked.errors).toEqual({});
  expect(checked.input?.decisionMessages).toEqual(DECISION_MESSAGES);
});

it('places an unknown placeholder beside the message it is in', () => {
  const v = values();
  v.decisionMessages.decline.text = 'Sorry {firstName}: {why}';
  v.decisionMessages.accept.title = 'Welcome {reason}';
  const checked = checkSettings(v);
  expect(checked.input).toBeUndefined();
  expect(checked.errors).toEqual({
    'decisionMessages.decline.text':
      'This must use only {firstName}, {cohortName}, {reason}; {why} is not one of them.',
    'decisionMessages.accept.title': expect.stringMatching(/^This must not use \{reason\}/),
  });
});

it('maps a problem’s path to its field on the form', () => {
  expect(fieldOf('decisionMessages.waitlist.title')).toBe('decisionMessages.waitlist.title');
  expect(fieldOf('awarenessEventIds.2')).toBe('awarenessEventIds');
  expect(fieldOf('nothing')).toBeUndefined();
});
