import { buildAnnouncementCard } from '../../bot/src/features/announcements/cards/announcement-card';
import { buildComposerCard } from '../../bot/src/features/announcements/cards/announcement-composer-card';
import { buildPreviewCard } from '../../bot/src/features/announcements/cards/announcement-preview-card';
import { buildDeliveryReportCard } from '../../bot/src/features/announcements/cards/delivery-report-card';
import {
  buildEventCard,
  describeEventTime,
} from '../../bot/src/features/calendar/cards/event-card';
import {
  type AudienceMember,
  type Recipient,
  afterAttempt,
  backoffMs,
  deliveryCounts,
  isAbandoned,
  resolveAudience,
  sendTimeProblem,
} from '../../bot/src/features/announcements/domain/announcement';
import { parseComposer } from '../../bot/src/features/announcements/domain/announcement-composer';
import {
  addCounts,
  countsDelta,
  isZeroDelta,
} from '../../bot/src/features/announcements/domain/delivery-report';
import type { ProgrammeEvent } from '../../bot/src/features/calendar/domain/programme-event';
import { shareOfRate, SendPacer } from '../../bot/src/platform/teams/send-pacer';
import { classify } from '../../bot/src/features/announcements/teams/teams-delivery';
import { sdkProblems } from '../support/adaptivecards-sdk';

const NOW = new Date('2027-03-01T10:00:00Z');

const member = (
  id: string,
  roles: AudienceMember['roles'],
  pairNeedsCheckIn = false,
): AudienceMember => ({ participantId: id, displayName: id, roles, pairNeedsCheckIn });

const recipient = (over: Partial<Recipient> = {}): Recipient => ({
  announcementId: 'a1',
  participantId: 'p1',
  userId: 'u1',
  displayName: 'Ama',
  status: 'sending',
  attempts: 1,
  round: 1,
  updatedAt: NOW.toISOString(),
  ...over,
});

describe('who an announcement reaches', () => {
  const people = [
    member('c', ['mentee']),
    member('a', ['mentor'], true),
    member('b', ['mentor', 'mentee']),
    member('d', ['mentee'], true),
  ];

  it.each([
    ['cohort', undefined, ['a', 'b', 'c', 'd']],
    ['mentors', undefined, ['a', 'b']],
    ['mentees', undefined, ['b', 'c', 'd']],
    ['needs_check_in', undefined, ['a', 'd']],
    ['people', ['d', 'c', 'd', 'zz'], ['c', 'd']],
  ] as const)('%s → each person once, in a stable order', (kind, chosen, expected) => {
    const picked = resolveAudience(
      { kind, participantIds: chosen ? [...chosen] : undefined },
      people,
    );
    expect(picked.map((p) => p.participantId)).toEqual(expected);
  });
});

describe('what may be sent', () => {
  it('refuses a send time in the past and one over a year away; now is fine', () => {
    expect(sendTimeProblem(undefined, NOW)).toBeUndefined();
    expect(sendTimeProblem('2027-03-01T09:59:30Z', NOW)).toBeUndefined();
    expect(sendTimeProblem('2027-03-01T09:00:00Z', NOW)).toMatch(/in the past/);
    expect(sendTimeProblem('2028-06-01T09:00:00Z', NOW)).toMatch(/within a year/);
  });

  it('reads the composer card in the coordinator’s time zone and names each wrong field', () => {
    const ok = parseComposer(
      {
        cohortId: 'c1',
        title: 'Hello',
        text: 'All',
        audience: 'mentors',
        alsoInChannel: 'true',
        sendDate: '2027-07-01',
        sendTime: '09:30',
      },
      'Europe/London',
      NOW,
    );
    expect(ok).toEqual({
      ok: true,
      cohortId: 'c1',
      input: expect.objectContaining({
        audience: 'mentors',
        alsoInChannel: true,
        sendAt: '2027-07-01T08:30:00.000Z',
      }),
    });
    const bad = parseComposer(
      {
        title: '',
        text: 'x'.repeat(4001),
        audience: 'people',
        linkUrl: 'http://plain.example',
        sendDate: '2027-01-01',
      },
      'Europe/London',
      NOW,
    );
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(Object.keys(bad.errors).sort()).toEqual([
      'cohortId',
      'linkUrl',
      'people',
      'sendDate',
      'text',
      'title',
    ]);
    expect(bad.errors.sendDate).toMatch(/in the past/);
  });
});

describe('one recipient’s delivery', () => {
  it('moves the delivery counts by what a write changes: a new row, a state, a "Got it"', () => {
    const queued: Recipient = recipient();
    const sending: Recipient = { ...queued, status: 'sending' };
    const retry: Recipient = { ...queued, attempts: 1, reason: '503' };
    const sent: Recipient = { ...queued, status: 'sent' };
    const read: Recipient = { ...sent, acknowledgedAt: NOW.toISOString() };
    const slow: Recipient = { ...sending, reason: 'slow' };
    let counts = countsDelta(undefined, queued);
    for (const [from, to] of [
      [queued, sending],
      [sending, retry], // back to queued
      [queued, sending],
      [sending, sent],
      [sent, read],
    ] satisfies [Recipient, Recipient][]) {
      counts = addCounts(counts, countsDelta(from, to));
    }
    expect(counts).toEqual(deliveryCounts([read]));
    expect(isZeroDelta(countsDelta(sending, slow))).toBe(true);
    // The programme channel's post is never counted among the people.
    const channel: Recipient = { ...sending, participantId: 'channel-a1' };
    expect(isZeroDelta(countsDelta(undefined, channel))).toBe(true);
  });

  it('ends sent, blocked or failed, or goes back in the queue with a backoff', () => {
    expect(afterAttempt(recipient(), { kind: 'sent', activityId: 'x' }, 5, NOW)).toMatchObject({
      status: 'sent',
      sentAt: NOW.toISOString(),
      activityId: 'x',
      sendingUntil: undefined,
    });
    expect(afterAttempt(recipient(), { kind: 'blocked', detail: '403' }, 5, NOW).status).toBe(
      'blocked',
    );
    expect(
      afterAttempt(recipient(), { kind: 'no-conversation', detail: 'none' }, 5, NOW),
    ).toMatchObject({ status: 'failed', reason: expect.stringMatching(/never opened the app/) });
    const again = afterAttempt(
      recipient({ attempts: 2 }),
      { kind: 'retry', detail: '429', retryAfterMs: 3000 },
      5,
      NOW,
      () => 0,
    );
    expect(again).toMatchObject({ status: 'queued', notBefore: '2027-03-01T10:00:03.000Z' });
    expect(
      afterAttempt(recipient({ attempts: 5 }), { kind: 'retry', detail: '503' }, 5, NOW),
    ).toMatchObject({ status: 'failed', reason: expect.stringMatching(/Gave up after 5/) });
  });

  it('backs off exponentially with full jitter, capped, never before Retry-After', () => {
    expect(backoffMs(1, 0, () => 1)).toBe(1000);
    expect(backoffMs(3, 0, () => 1)).toBe(4000);
    expect(backoffMs(20, 0, () => 1)).toBe(60_000);
    expect(backoffMs(3, 0, () => 0.5)).toBe(2000);
    expect(backoffMs(1, 7000, () => 1)).toBe(7000);
  });

  it('counts a sending row as abandoned only once its lease has passed', () => {
    expect(isAbandoned(recipient({ sendingUntil: '2027-03-01T10:00:01Z' }), NOW)).toBe(false);
    expect(isAbandoned(recipient({ sendingUntil: '2027-03-01T09:59:59Z' }), NOW)).toBe(true);
    expect(
      isAbandoned(recipient({ status: 'sent', sendingUntil: '2000-01-01T00:00:00Z' }), NOW),
    ).toBe(false);
  });

  it('counts the report, acknowledgements included', () => {
    expect(
      deliveryCounts([
        { status: 'sent', acknowledgedAt: 'x' },
        { status: 'sent' },
        { status: 'unconfirmed' },
        { status: 'blocked' },
      ]),
    ).toMatchObject({ total: 4, sent: 2, unconfirmed: 1, blocked: 1, acknowledged: 1 });
  });
});

describe('Teams’ answers', () => {
  const error = (statusCode: number, code?: string, details?: unknown, retryAfter?: string) =>
    Object.assign(new Error(code ?? 'x'), {
      statusCode,
      code,
      details,
      response: { headers: { get: (n: string) => (n === 'retry-after' ? retryAfter : undefined) } },
    });

  it.each([
    [error(403, 'ConversationBlockedByUser'), 'blocked'],
    [error(403, 'Forbidden', { error: { subCode: 'MessageWritesBlocked' } }), 'blocked'],
    [error(404, 'ConversationNotFound'), 'no-conversation'],
    [error(429, 'TooManyRequests', undefined, '2'), 'retry'],
    [error(412, 'PreconditionFailed'), 'retry'],
    [error(502, 'BadGateway'), 'retry'],
    [error(400, 'BadArgument'), 'fatal'],
  ])('%#: classified as %s', (e, kind) => {
    expect(classify(e).kind).toBe(kind);
  });

  it('reads Retry-After in seconds', () => {
    expect(classify(error(429, 'TooManyRequests', undefined, '2'))).toMatchObject({
      retryAfterMs: 2000,
    });
  });
});

describe('pacing', () => {
  it('spaces sends evenly at the rate and waits out a Retry-After', async () => {
    let clock = 0;
    const waits: number[] = [];
    const pacer = new SendPacer(
      10,
      () => clock,
      async (ms) => {
        waits.push(ms);
        clock += ms;
      },
    );
    for (let i = 0; i < 3; i++) await pacer.take();
    expect(waits).toEqual([100, 100]);
    pacer.pause(1000);
    await pacer.take();
    expect(clock).toBe(1200);
  });

  it('shares the ceiling between busy instances, under it', () => {
    expect(shareOfRate(50, 1)).toBeCloseTo(48);
    expect(shareOfRate(50, 2)).toBeCloseTo(24);
    expect(shareOfRate(50, 0)).toBeCloseTo(48);
  });
});

describe('announcement and event cards', () => {
  const event: ProgrammeEvent = {
    id: 'e1',
    cohortId: 'c1',
    type: 'action_learning_set',
    title: 'Action learning set',
    description: 'Bring a challenge.',
    audience: 'mentors',
    start: '2027-07-01T12:00:00Z',
    end: '2027-07-01T13:30:00Z',
    location: 'https://teams.microsoft.com/l/meetup-join/abc',
    capacity: 8,
    createdBy: 'x',
    updatedAt: 'x',
  };

  it('are valid Adaptive Cards for Teams', () => {
    const announcement = buildAnnouncementCard({
      cohortId: 'c1',
      announcementId: 'a1',
      title: 'Welcome',
      text: '**Bold** and ${notATemplate}',
      link: { url: 'https://example.nhs.uk', label: 'Guide' },
      fromName: 'Priya',
      cohortName: 'Spring',
    });
    const cards = [
      announcement,
      buildAnnouncementCard({
        cohortId: 'c1',
        announcementId: 'a1',
        title: 'Welcome',
        text: 'Hi',
        fromName: 'Priya',
        cohortName: 'Spring',
        acknowledged: true,
      }),
      buildEventCard({ event, cohortName: 'Spring', timeZone: 'Europe/London' }),
      buildEventCard({
        event,
        cohortName: 'Spring',
        timeZone: 'Europe/London',
        myResponse: 'yes',
        placesLeft: 0,
        reminder: 'hour',
      }),
      buildComposerCard({
        cohorts: [{ id: 'c1', name: 'Spring' }],
        people: [{ id: 'p1', name: 'Ama' }],
        timeZone: 'Europe/London',
        errors: { title: 'Give the announcement a title' },
        values: { text: 'Kept' },
      }),
      buildPreviewCard({
        announcementCard: announcement,
        audienceWords: 'Mentors',
        recipientCount: 12,
        whenWords: 'now',
        alsoInChannel: true,
        draft: { title: 'Welcome' },
      }),
      buildDeliveryReportCard({
        cohortId: 'c1',
        announcementId: 'a1',
        title: 'Welcome',
        status: 'sending',
        counts: deliveryCounts([{ status: 'sent' }, { status: 'unconfirmed' }]),
        reportUrl: 'https://app.example/tab/index.html?cohort=c1',
      }),
    ];
    for (const card of cards) expect(sdkProblems(card)).toEqual([]);
    expect(JSON.stringify(announcement)).toContain('${notATemplate}');
  });

  it('show the event in the person’s own time zone and hide "I\'ll go" when full', () => {
    expect(describeEventTime(event, 'Europe/London')).toBe(
      'Thursday 1 July 2027, 13:00–14:30 (Europe/London)',
    );
    const full = JSON.stringify(
      buildEventCard({ event, cohortName: 'S', timeZone: 'Europe/London', placesLeft: 0 }),
    );
    expect(full).toContain('This event is full.');
    expect(full).not.toContain("I'll go");
    expect(full).toContain('Join Teams meeting');
  });

  it('offer "Resend" only when some deliveries are unconfirmed, and "Cancel" only while sending', () => {
    const report = (status: 'sending' | 'sent', unconfirmed: number) =>
      JSON.stringify(
        buildDeliveryReportCard({
          cohortId: 'c1',
          announcementId: 'a1',
          title: 'T',
          status,
          counts: deliveryCounts(
            Array.from({ length: unconfirmed }, () => ({ status: 'unconfirmed' as const })),
          ),
        }),
      );
    expect(report('sending', 0)).toContain('Cancel sending');
    expect(report('sent', 0)).not.toContain('Cancel sending');
    expect(report('sent', 0)).not.toContain('Resend');
    expect(report('sent', 2)).toContain('Resend to 2 unconfirmed');
  });
});
