import { memoForRequest, rememberForRequest } from '../../../platform/request-memo';
import type { MyErasure, PendingErasure } from '../../../contracts/data-rights';
import type { AuditLog } from '../../../contracts/audit';
import { AppError } from '../../../platform/errors';
import { httpEtag } from '../../../platform/http/etag';
import type { Logger } from '../../../platform/logger';
import type { MappedTable, PersonKeys } from '../domain/data-map';
import { ERASED_NAME, type ErasedPerson, hashObjectId, pseudonymOf } from '../domain/erasure-rules';
import type { ErasureRecord, ErasureRepository } from '../store/erasure-repository';

export interface ErasureCaller {
  userId: string;
  name: string;
}

/** What the service needs of the person's rows: their keys and erasure table by table. */
export interface ErasurePorts {
  resolve(objectId: string): Promise<PersonKeys>;
  /** The names they are known by in their participant records. */
  namesOf(person: PersonKeys): Promise<string[]>;
  tables(): MappedTable[];
  eraseTable(
    table: MappedTable,
    person: ErasedPerson,
  ): Promise<{ deleted: number; rewritten: number }>;
}

type Requests = Pick<
  ErasureRepository,
  'get' | 'insert' | 'replace' | 'inStates' | 'isTombstoned' | 'tombstone'
>;

export const ERASED_MESSAGE =
  'This account’s data was erased at its owner’s request: it cannot be used with this programme again';
const OWN_REQUEST = 'Another programme admin must confirm your own request to erase your data';
const NO_REQUEST = 'No request to erase has that id';

/** The refusal every sign-in of an erased person gets (403, code `erased`). */
export function erasedError(): AppError {
  return AppError.coded('forbidden', 'erased', ERASED_MESSAGE);
}

/**
 * Erase my data: the person asks (one open request each), a programme admin other than them
 * confirms or declines, and the confirmed erasure runs table by table through the data map.
 * The tombstone (the object id's hash) is written before any row changes, so an old token is
 * refused from that moment; the person's keys are fixed in the request when confirmed, so a run
 * cut short (an outage) is finished by confirming again. Audited with a pseudonym, never a name.
 */
export class ErasureService {
  constructor(
    private readonly requests: Requests,
    private readonly ports: ErasurePorts,
    private readonly audit: AuditLog,
    private readonly now: () => Date,
    private readonly log: Logger,
  ) {}

  /** Is this object id erased (a tombstone)? Asked once per request, however many ask. */
  isErased(userId: string): Promise<boolean> {
    const id = hashObjectId(userId);
    return memoForRequest(`erased:${id}`, () => this.requests.isTombstoned(id));
  }

  async ask(caller: ErasureCaller, reason: string | undefined): Promise<MyErasure> {
    const id = hashObjectId(caller.userId);
    const existing = await this.requests.get(id);
    if (existing && (existing.value.state === 'pending' || existing.value.state === 'erasing'))
      return view(existing.value); // one open request: a second ask answers the first
    const record: ErasureRecord = {
      id,
      state: 'pending',
      askedAt: this.now().toISOString(),
      decidedAt: null,
      objectId: caller.userId.toLowerCase(),
      name: caller.name,
      reason: reason ?? '',
      declineReason: '',
      person: null,
    };
    if (existing) await this.replace(record, existing.etag);
    else await this.requests.insert(record);
    await this.record('data.erasure_requested', { userId: pseudonymOf(id), name: ERASED_NAME }, id);
    return view(record);
  }

  async mine(caller: ErasureCaller): Promise<MyErasure> {
    const found = await this.requests.get(hashObjectId(caller.userId));
    return found ? view(found.value) : { request: null };
  }

  async pending(): Promise<PendingErasure[]> {
    const open = await this.requests.inStates(['pending', 'erasing']);
    return open
      .map(({ value, etag }) => ({
        id: value.id,
        name: value.name,
        askedAt: value.askedAt,
        state: value.state,
        etag: httpEtag(etag),
      }))
      .sort((a, b) => a.askedAt.localeCompare(b.askedAt));
  }

  /** Replaces the request; a lost race is a 412 that carries nothing of the person. */
  private async replace(record: ErasureRecord, etag: string) {
    try {
      return await this.requests.replace(record, etag);
    } catch (error) {
      if (error instanceof AppError && error.reason === 'stale') throw changedMeanwhile();
      throw error;
    }
  }

  private async open(id: string, etag: string) {
    const found = await this.requests.get(id);
    if (!found) throw AppError.notFound(NO_REQUEST);
    if (found.etag !== etag) throw changedMeanwhile();
    if (found.value.state !== 'pending' && found.value.state !== 'erasing')
      throw AppError.coded('conflict', 'already_decided', 'This request was already decided');
    return found;
  }

  /** Confirms and runs the erasure; on a request cut short (`erasing`), finishes it. */
  async confirm(id: string, etag: string, admin: ErasureCaller): Promise<MyErasure> {
    if (hashObjectId(admin.userId) === id) throw AppError.forbidden(OWN_REQUEST);
    let found = await this.open(id, etag);
    if (found.value.state === 'pending') {
      const keys = await this.ports.resolve(found.value.objectId);
      const names = [found.value.name, ...(await this.ports.namesOf(keys))];
      const person: ErasedPerson = {
        ...keys,
        names: [...new Set(names.filter((n) => n.trim() !== ''))],
        pseudonym: pseudonymOf(id),
      };
      const erasing = { ...found.value, state: 'erasing' as const, person };
      found = await this.replace(erasing, found.etag);
    }
    const { value } = found;
    const at = this.now().toISOString();
    await this.requests.tombstone(id, at);
    rememberForRequest(`erased:${id}`, true);
    const counts: Record<string, { deleted: number; rewritten: number }> = {};
    for (const table of this.ports.tables()) {
      counts[table] = await this.ports.eraseTable(table, value.person!);
    }
    const done: ErasureRecord = {
      ...value,
      state: 'erased',
      decidedAt: at,
      objectId: '',
      name: '',
      reason: '',
      person: null,
    };
    await this.replace(done, found.etag);
    await this.record('data.erasure_confirmed', admin, id);
    this.log.info({ erasure: pseudonymOf(id), counts }, 'data erased');
    return view(done);
  }

  async decline(
    id: string,
    etag: string,
    reason: string,
    admin: ErasureCaller,
  ): Promise<MyErasure> {
    const found = await this.open(id, etag);
    if (found.value.state !== 'pending')
      throw AppError.coded('conflict', 'already_decided', 'This request is already being erased');
    const declined: ErasureRecord = {
      ...found.value,
      state: 'declined',
      decidedAt: this.now().toISOString(),
      declineReason: reason,
    };
    await this.replace(declined, found.etag);
    await this.record('data.erasure_declined', admin, id);
    return view(declined);
  }

  private async record(
    action: 'data.erasure_requested' | 'data.erasure_confirmed' | 'data.erasure_declined',
    actor: ErasureCaller,
    id: string,
  ): Promise<void> {
    await this.audit.record({
      action,
      actorId: actor.userId,
      actorName: actor.name,
      target: 'participant',
      targetId: pseudonymOf(id),
      targetLabel: ERASED_NAME,
      cohortId: null,
      changes: [],
      reason: null,
    });
  }
}

function changedMeanwhile(): AppError {
  return new AppError('stale', 'The request changed since you read it: read it again', {
    code: 'conflict',
  });
}

function view(r: ErasureRecord): MyErasure {
  return {
    request: {
      id: r.id,
      state: r.state,
      askedAt: r.askedAt,
      decidedAt: r.decidedAt,
      declineReason: r.declineReason || null,
    },
  };
}
