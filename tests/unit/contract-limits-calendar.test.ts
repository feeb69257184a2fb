import {
  EVENT_LIMITS,
  RSVP_ANSWERS,
  eventInputSchema,
  isRsvpResponse,
  rsvpBodySchema,
} from '../../bot/src/contracts/calendar';
import { buildEventCard } from '../../bot/src/features/calendar/cards/event-card';
import type { ProgrammeEvent } from '../../bot/src/features/calendar/domain/programme-event';
import {
  EMPTY,
  type EventFormValues,
  checkEventForm,
} from '../../tab/src/calendar/event-form-values';

/**
 * Every limit of an event is read from the contract and checked on each surface that takes an
 * event: the API's schema and the tab's form (no card creates events). The RSVP answers have
 * one order everywhere: the contract's.
 */

const valid = {
  type: 'peer_support',
  title: 'Peer support',
  description: '',
  audience: 'everyone',
  start: '2027-05-10T09:00:00.000Z',
  end: '2027-05-10T10:00:00.000Z',
  location: '',
};

const form: EventFormValues = {
  ...EMPTY,
  title: 'Peer support',
  date: '2027-05-10',
  startTime: '09:00',
  endTime: '10:00',
};

const text = (n: number) => 'x'.repeat(n);

/** Whether the API's schema takes the event with `field` set to `value`. */
const api = (field: string, value: unknown) =>
  eventInputSchema.safeParse({ ...valid, [field]: value }).success;

/** Whether the tab's form sends the event with `field` typed as `value`. */
const tab = (field: keyof EventFormValues, value: string) => {
  const checked = checkEventForm({ ...form, [field]: value });
  return checked.input !== undefined && checked.errors[field] === undefined;
};

describe('event limits, read from the contract', () => {
  it.each([
    ['title', EVENT_LIMITS.titleMax],
    ['description', EVENT_LIMITS.descriptionMax],
    ['location', EVENT_LIMITS.locationMax],
  ] as const)(
    '%s: %i characters are taken and one more refused, by the API and the tab',
    (field, max) => {
      expect(api(field, text(max))).toBe(true);
      expect(api(field, text(max + 1))).toBe(false);
      expect(tab(field, text(max))).toBe(true);
      expect(tab(field, text(max + 1))).toBe(false);
    },
  );

  it('title: the fewest characters are taken and one fewer refused, by the API and the tab', () => {
    expect(api('title', text(EVENT_LIMITS.titleMin))).toBe(true);
    expect(api('title', text(EVENT_LIMITS.titleMin - 1))).toBe(false);
    expect(tab('title', text(EVENT_LIMITS.titleMin))).toBe(true);
    expect(tab('title', text(EVENT_LIMITS.titleMin - 1))).toBe(false);
  });

  it('capacity: from the least to the most places, by the API and the tab', () => {
    const { capacityMin, capacityMax } = EVENT_LIMITS;
    expect(api('capacity', capacityMax)).toBe(true);
    expect(api('capacity', capacityMax + 1)).toBe(false);
    expect(api('capacity', capacityMin)).toBe(true);
    expect(api('capacity', capacityMin - 1)).toBe(false);
    expect(tab('capacity', String(capacityMax))).toBe(true);
    expect(tab('capacity', String(capacityMax + 1))).toBe(false);
    expect(tab('capacity', String(capacityMin))).toBe(true);
    expect(tab('capacity', String(capacityMin - 1))).toBe(false);
  });

  it('the tab says an over-long field in the API’s words, next to the field', () => {
    const checked = checkEventForm({ ...form, description: text(EVENT_LIMITS.descriptionMax + 1) });
    expect(checked.input).toBeUndefined();
    expect(checked.errors.description).toBe(
      `This must be at most ${EVENT_LIMITS.descriptionMax} characters.`,
    );
  });
});

describe('RSVP answers, in the contract’s one order', () => {
  const event: ProgrammeEvent = {
    id: 'e1',
    cohortId: 'c1',
    type: 'peer_support',
    title: 'Peer support',
    description: '',
    audience: 'everyone',
    start: '2027-07-01T12:00:00.000Z',
    end: '2027-07-01T13:30:00.000Z',
    location: 'Room 4',
    createdBy: 'x',
    updatedAt: '2027-06-01T00:00:00.000Z',
  };

  it('go from going to not going', () => {
    expect(RSVP_ANSWERS).toEqual(['yes', 'maybe', 'no']);
  });

  it('are offered on the invitation card in that order', () => {
    const card = buildEventCard({ event, cohortName: 'Spring', timeZone: 'Europe/London' });
    const answers = (card.actions as { data?: { response?: string } }[])
      .map((a) => a.data?.response)
      .filter((r) => r !== undefined);
    expect(answers).toEqual([...RSVP_ANSWERS]);
  });

  it('are named by the API in that order, and taken by the API and the card alike', () => {
    const refused = rsvpBodySchema.safeParse({ response: 'perhaps' });
    expect(refused.success).toBe(false);
    expect(refused.error!.issues[0]!.message).toBe('must be yes, maybe or no');
    for (const response of RSVP_ANSWERS) {
      expect(rsvpBodySchema.safeParse({ response }).success).toBe(true);
      expect(isRsvpResponse(response)).toBe(true);
    }
    expect(isRsvpResponse('perhaps')).toBe(false);
  });
});
