import { createCohort } from '../../bot/src/features/cohorts/domain/cohort';
import {
  announcementId,
  deliveryCounts,
} from '../../bot/src/features/announcements/domain/announcement';
import type { Recipient } from '../../bot/src/features/announcements/domain/announcement';
import { recipientPartition } from '../../bot/src/features/announcements/store/announcement-repository';
import { ConflictError } from '../../bot/src/platform/storage/errors';
import { emailKey, userKey } from '../../bot/src/features/cohorts/store/membership-repository';
import { type Repositories, createRepositories } from '../../bot/src/app/repositories';
import { TableStore } from '../../bot/src/platform/storage/table-store';
import type { EmbeddedStorage } from '../../bot/src/platform/storage/embedded-azurite';
import { startTestStorage } from '../support/test-service';
import type { Pair } from '../../bot/src/features/cohorts/domain/pair';

let storage: EmbeddedStorage;
let repos: Repositories;
let tables: TableStore;

beforeAll(async () => {
  storage = await startTestStorage();
  const store = new TableStore({
    kind: 'connection-string',
    connectionString: storage.connectionString,
  });
  await store.ensureTables();
  await store.ensureTables(); // safe to repeat on every start
  repos = createRepositories(store);
  tables = store;
});

afterAll(() => storage.stop());

const now = new Date('2027-03-01T09:00:00Z');

function pair(id: string, cohortId: string): Pair {
  return {
    id,
    cohortId,
    mentorId: `${id}-mentor`,
    menteeId: `${id}-mentee`,
    arrangement: 'reverse',
    state: 'proposed',
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
}

describe('store against Azurite', () => {
  it('keeps a cohort and reports a second create with the same id as a conflict', async () => {
    const cohort = createCohort(
      {
        name: 'Cohort 1',
        startDate: '2027-03-01',
        endDate: '2027-08-31',
        cadence: {
          frequency: 'monthly',
          plannedMeetings: 6,
          minimumMeetings: 3,
          minimumMinutes: 60,
        },
      },
      'c1',
      'coordinator-1',
      now,
    );
    await repos.cohorts.create(cohort);
    await expect(repos.cohorts.get('c1')).resolves.toMatchObject({
      value: cohort,
      etag: expect.any(String),
    });
    await expect(repos.cohorts.create(cohort)).rejects.toBeInstanceOf(ConflictError);
    await expect(repos.cohorts.get('missing')).resolves.toBeUndefined();
  });

  it('refuses a stale update and hands back the latest version instead of overwriting it', async () => {
    await repos.pairs.createMany('c1', [pair('p1', 'c1')]);
    const first = (await repos.pairs.get('c1', 'p1'))!;
    const second = (await repos.pairs.get('c1', 'p1'))!;
    const saved = await repos.pairs.update({ ...first.value, state: 'introduced' }, first.etag);
    expect(saved.etag).not.toBe(first.etag);

    const stale = repos.pairs.update({ ...second.value, state: 'ended_early' }, second.etag);
    await expect(stale).rejects.toBeInstanceOf(ConflictError);
    const error = (await stale.catch((e: unknown) => e)) as ConflictError;
    expect(error.current).toMatchObject({ value: { state: 'introduced' } });
    expect((await repos.pairs.get('c1', 'p1'))!.value.state).toBe('introduced');
  });

  it("spreads an announcement's recipients over partitions and reads them back as one", async () => {
    const id = announcementId(now, 'aaaabbbb');
    const neighbour = announcementId(new Date(now.getTime() + 1), 'aaaabbbb');
    const person = (announcement: string, i: number): Recipient => ({
      announcementId: announcement,
      participantId: `person-${i}`,
      displayName: `Person ${i}`,
      status: 'queued',
      attempts: 0,
      round: 1,
      updatedAt: now.toISOString(),
    });
    const people = Array.from({ length: 250 }, (_, i) => person(id, i));
    expect(await repos.announcements.addRecipients(id, people)).toBe(250);
    expect(await repos.announcements.addRecipients(id, people)).toBe(0); // never twice
    await repos.announcements.addRecipients(neighbour, [person(neighbour, 1)]);
    // A row as pre-release builds wrote it: the announcement id alone as PartitionKey.
    await tables.table('announcementRecipients').createEntity({
      partitionKey: id,
      rowKey: 'person-legacy',
      status: 'sent',
      data: JSON.stringify({ ...person(id, 999), participantId: 'person-legacy', status: 'sent' }),
    });

    const partitions = new Set(people.map((p) => recipientPartition(id, p.participantId)));
    expect(partitions.size).toBe(32);
    const all = await repos.announcements.listRecipients(id);
    expect(all.map((r) => r.value.participantId).sort()).toEqual(
      [...people.map((p) => p.participantId), 'person-legacy'].sort(),
    );
    expect((await repos.announcements.listRecipients(id, 'sent')).length).toBe(1);
    const one = await repos.announcements.getRecipient(id, 'person-7');
    expect(one?.value.displayName).toBe('Person 7');
    const sent = await repos.announcements.replaceRecipient(
      { ...one!.value, status: 'sent' },
      one!,
    );
    await expect(
      repos.announcements.replaceRecipient({ ...one!.value, status: 'failed' }, one!),
    ).rejects.toBeInstanceOf(ConflictError);
    expect((await repos.announcements.listRecipients(id, 'sent')).length).toBe(2);
    // The ETag a counted write answers is the row's own (as a read gives it) and guards the next.
    expect((await repos.announcements.getRecipient(id, 'person-7'))?.etag).toBe(sent.etag);
    await repos.announcements.replaceRecipient(
      { ...sent.value, acknowledgedAt: now.toISOString() },
      sent,
    );
    await expect(
      repos.announcements.replaceRecipient({ ...sent.value, status: 'failed' }, sent),
    ).rejects.toBeInstanceOf(ConflictError);
    // The counters match the rows (the legacy row, in no bucket, is outside them: a send from
    // before the buckets has no counters at all and is counted from its rows).
    const rows = (await repos.announcements.listRecipients(id)).map((r) => r.value);
    const bucketed = rows.filter((r) => r.participantId !== 'person-legacy');
    expect(await repos.announcements.counts(id)).toEqual(deliveryCounts(bucketed));
    expect(await repos.announcements.counts(id)).toMatchObject({ sent: 1, acknowledged: 1 });
    expect(await repos.announcements.counts(neighbour)).toMatchObject({ total: 1, queued: 1 });
  });

  it('writes more than one transaction of pairs in a partition', async () => {
    const many = Array.from({ length: 150 }, (_, i) =>
      pair(`bulk-${String(i).padStart(3, '0')}`, 'c2'),
    );
    await repos.pairs.createMany('c2', many);
    const listed = await repos.pairs.listByCohort('c2');
    expect(listed).toHaveLength(150);
    expect(await repos.pairs.listByCohort('c1')).toHaveLength(1);
  });

  it("reads only the asked-for person's memberships and roles", async () => {
    const m = (cohortId: string, participantId: string) => ({
      cohortId,
      participantId,
      role: 'mentor' as const,
      displayName: participantId,
    });
    await repos.memberships.put([
      { key: emailKey('Ann@Trust.nhs.uk'), membership: m('c1', 'ann') },
      { key: emailKey('bob@trust.nhs.uk'), membership: m('c1', 'bob') },
      { key: userKey('AAAAAAAA-0000-4000-8000-000000000001'), membership: m('c1', 'ann') },
    ]);
    expect(
      (await repos.memberships.listFor(emailKey('ann@trust.nhs.uk'))).map((x) => x.participantId),
    ).toEqual(['ann']);
    expect(
      (await repos.memberships.listFor(userKey('aaaaaaaa-0000-4000-8000-000000000001'))).map(
        (x) => x.participantId,
      ),
    ).toEqual(['ann']);

    await repos.roles.grant({
      grantee: { userId: 'coord-1' },
      role: 'coordinator',
      cohortId: 'cohort-a',
      grantedBy: 'test',
      grantedAt: now.toISOString(),
    });
    await repos.roles.grant({
      grantee: { email: 'Sponsor@Trust.nhs.uk' },
      role: 'sponsor',
      cohortId: 'cohort-a',
      grantedBy: 'test',
      grantedAt: now.toISOString(),
    });
    const mine = await repos.roles.grantsOf({ userId: 'COORD-1' });
    expect(mine.map((g) => [g.role, g.cohortId])).toEqual([['coordinator', 'cohort-a']]);
    expect(await repos.roles.grantsOf({ userId: 'someone-else' })).toEqual([]);
    const waiting = await repos.roles.grantsOf({ email: 'sponsor@trust.nhs.uk' });
    expect(waiting.map((g) => [g.role, g.grantee.email])).toEqual([
      ['sponsor', 'sponsor@trust.nhs.uk'],
    ]);
    expect(await repos.roles.remove(mine[0]!)).toBe(true);
    expect(await repos.roles.remove(mine[0]!)).toBe(false);
    expect(await repos.roles.grantsOf({ userId: 'coord-1' })).toEqual([]);

    // A row from before roles were scoped to cohorts reads as a programme admin, and goes.
    await tables.table('roles').upsertEntity({
      partitionKey: 'user:old-coordinator',
      rowKey: 'coordinator',
      userId: 'old-coordinator',
      grantedBy: 'configuration',
      grantedAt: now.toISOString(),
    });
    const legacy = await repos.roles.grantsOf({ userId: 'old-coordinator' });
    expect(legacy.map((g) => [g.role, g.cohortId])).toEqual([['programme_admin', undefined]]);
    expect(await repos.roles.remove(legacy[0]!)).toBe(true);
    expect(await repos.roles.grantsOf({ userId: 'old-coordinator' })).toEqual([]);
  });

  it('keeps the newest conversation reference per person and per channel', async () => {
    const base = {
      tenantId: 't1',
      serviceUrl: 'https://smba.example/',
      referenceJson: '{}',
    };
    await repos.conversations.save({
      ...base,
      userId: 'U1',
      conversationId: 'a:1',
      conversationType: 'personal',
      updatedAt: '1',
    });
    await repos.conversations.save({
      ...base,
      userId: 'U1',
      conversationId: 'a:2',
      conversationType: 'personal',
      timeZone: 'Europe/London',
      updatedAt: '2',
    });
    await repos.conversations.save({
      ...base,
      conversationId: '19:abc/def?x#y@thread.tacv2',
      conversationType: 'channel',
      updatedAt: '3',
    });
    await expect(repos.conversations.getPersonal('u1')).resolves.toMatchObject({
      conversationId: 'a:2',
      timeZone: 'Europe/London',
    });
    await expect(
      repos.conversations.getConversation('19:abc/def?x#y@thread.tacv2'),
    ).resolves.toMatchObject({ conversationType: 'channel' });
  });
});
