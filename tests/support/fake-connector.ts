import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local HTTP fake of the Bot Connector REST API v3 (the Teams service URL). The bot's replies
 * and proactive messages arrive here, so tests assert what a person would actually receive.
 *
 * With no options it accepts every send, as it always has. Options turn on what Teams does to a
 * fan-out: its rate limits (429 + Retry-After), 5xx faults, users who blocked the bot (403),
 * deleted conversations (404 until created again), latency. Every request is recorded with the
 * status it was answered, and `stats()` (or GET /_stats) sums them up.
 */

// ---------------------------------------------------------------------------------------------
// Types

export interface ChannelAccount {
  id: string;
  name?: string;
  aadObjectId?: string;
  [key: string]: unknown;
}

export interface FakeActivity {
  type: string;
  text?: string;
  attachments?: { contentType: string; content: Record<string, unknown> }[];
  [key: string]: unknown;
}

/** A message that reached a conversation (what a person sees as a new message). */
export interface ReceivedActivity {
  conversationId: string;
  /** Set for replies (POST /v3/conversations/{id}/activities/{replyToId}). */
  replyToId?: string;
  activity: FakeActivity;
  /** The id the fake answered with. */
  activityId: string;
  /** `activity.recipient.id`, else the single member of the conversation. */
  recipientId?: string;
  /** Arrival time (ms since epoch, from the fake's clock). */
  at: number;
  operation: 'send' | 'reply' | 'create';
}

/** An activity updated in place (PUT /v3/conversations/{id}/activities/{activityId}). */
export interface UpdatedActivity {
  conversationId: string;
  activityId: string;
  activity: FakeActivity;
  at: number;
}

export type Operation =
  | 'create'
  | 'send'
  | 'reply'
  | 'update'
  | 'delete'
  | 'members'
  | 'member'
  | 'pagedmembers'
  | 'unknown';

/** One request to the connector API, as it arrived and as it was answered. */
export interface RecordedRequest {
  seq: number;
  method: string;
  path: string;
  operation: Operation;
  conversationId?: string;
  /** The id given to a new activity, or the target of an update or delete. */
  activityId?: string;
  /** For a reply: the activity replied to. */
  replyToId?: string;
  memberId?: string;
  recipientId?: string;
  tenantId?: string;
  /** The activity sent, replied, updated, or posted with a create. */
  activity?: FakeActivity;
  body?: unknown;
  /** Arrival and answer times (ms since epoch, from the fake's clock). */
  at: number;
  respondedAt?: number;
  /** 0 while in flight. */
  status: number;
  errorCode?: string;
  retryAfterSeconds?: number;
  /** For a 429: which limit, e.g. `global` or `conversation:7/1000ms`. */
  limitedBy?: string;
  /** For an injected answer: where it came from. */
  fault?: 'hook' | 'queued' | 'schedule' | 'random';
  /** True when a new message became visible (also for a 5xx that was delivered anyway). */
  delivered: boolean;
}

export interface RateLimitWindow {
  limit: number;
  windowMs: number;
}

/** Teams: per bot per conversation 7/1 s, 8/2 s, 60/30 s, 1800/3600 s. */
export const TEAMS_PER_CONVERSATION_LIMITS: readonly RateLimitWindow[] = Object.freeze([
  { limit: 7, windowMs: 1_000 },
  { limit: 8, windowMs: 2_000 },
  { limit: 60, windowMs: 30_000 },
  { limit: 1_800, windowMs: 3_600_000 },
]);

/** Teams: 50 requests per second per app per tenant. */
export const TEAMS_GLOBAL_PER_SECOND = 50;

export interface RateLimitOptions {
  /** Requests per second per tenant, over all operations. Default 50; false turns it off. */
  globalPerSecond?: number | false;
  /** Sliding windows per conversation, for message writes. Default Teams'; false turns off. */
  perConversation?: readonly RateLimitWindow[] | false;
}

export interface FaultOptions {
  /** Probability (0..1) that an eligible request answers a 5xx, drawn from the seeded RNG. */
  serverErrorRate?: number;
  /** Statuses a random fault picks from (seeded). Default [500, 502, 503]. */
  serverErrorStatuses?: number[];
  /** Deterministic faults: eligible attempt number (1-based, counted after rate limiting) → status. */
  schedule?: Record<number, number>;
  /** Probability (0..1) that an injected 5xx was delivered anyway: a retry then duplicates. */
  deliveredAnywayRate?: number;
  /** Operations faults apply to. Default ['send', 'reply']. */
  operations?: Operation[];
}

export interface HookAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Sees every API request before the fake decides; return an answer to take over. */
export type OnRequestHook = (
  request: Readonly<RecordedRequest>,
) => void | HookAnswer | Promise<void | HookAnswer>;

export interface FakeConnectorOptions {
  /** Default 127.0.0.1 and a free port. */
  host?: string;
  port?: number;
  /** Seed of the RNG behind random faults and latency. Default 1, so runs repeat. */
  seed?: number;
  /** Clock for timestamps and rate-limit windows. Default Date.now. */
  now?: () => number;
  /** Teams throttling. Off unless given: `true` or `{}` gives Teams' limits. */
  rateLimits?: boolean | RateLimitOptions;
  faults?: FaultOptions;
  /** User ids (29:…, or AAD object ids) or conversation ids whose writes answer 403. */
  blocked?: string[];
  /**
   * The error a blocked write answers (status 403). Default: code `ConversationBlockedByUser`,
   * subCode `MessageWritesBlocked`. botbuilder 4.23 exposes it as `err.code` and `err.details`.
   */
  blockedError?: { code: string; message: string; subCode?: string };
  /** Conversation ids answering 404 ConversationNotFound until created again. */
  deletedConversations?: string[];
  /** Latency added to every API answer: fixed, or uniform in [min, max] (seeded). */
  latencyMs?: number | { min: number; max: number };
  /** When true, sends to conversations never created (or added) answer 404. Default false. */
  strictConversations?: boolean;
  /** Id of a 1:1 conversation; default `a:personal-<member id without 29:>` (-v2, -v3 …). */
  conversationIdFor?: (member: ChannelAccount, tenantId: string, generation: number) => string;
  onRequest?: OnRequestHook;
}

export interface ConversationStats {
  attempts: number;
  delivered: number;
  throttled: number;
  failed: number;
  blocked: number;
  notFound: number;
  updates: number;
}

export interface FakeConnectorStats {
  requests: number;
  byStatus: Record<string, number>;
  byOperation: Record<string, number>;
  byErrorCode: Record<string, number>;
  /** 429s, and how many of them each limit caused. */
  throttled: number;
  throttledBy: Record<string, number>;
  injectedFaults: number;
  /** New messages that became visible (send, reply, create with an activity). */
  delivered: number;
  updates: number;
  deletes: number;
  conversationsCreated: number;
  /** Deliveries whose content had already reached the same conversation. */
  duplicates: number;
  /** From the first request's arrival to the last answer. */
  durationMs: number;
  sendsPerSecond: number;
  requestsPerSecond: number;
  /** Most deliveries in any sliding second. */
  peakSendsPerSecond: number;
  maxInFlight: number;
  perConversation: Record<string, ConversationStats>;
  /** Deliveries per recipient id (or conversation id when the recipient is unknown). */
  perRecipient: Record<string, number>;
}

export interface FakeConnector {
  serviceUrl: string;
  /** New messages, in arrival order: sends, replies and activities posted with a create. */
  received: ReceivedActivity[];
  /** Every API request, with the status it got. */
  requests: RecordedRequest[];
  updates: UpdatedActivity[];
  /** Resolves when `count` activities have arrived in total (or rejects after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedActivity[]>;
  /** Forgets what was received and requested (stats start again); conversations stay. */
  clear(): void;
  /** Back to a fresh fake: conversations, blocks, windows, RNG; options replaced if given. */
  reset(options?: Omit<FakeConnectorOptions, 'host' | 'port'>): void;
  /** Merges options into the running fake (limits, faults, latency, hook, blocked, deleted). */
  configure(options: Omit<FakeConnectorOptions, 'host' | 'port'>): void;
  stats(): FakeConnectorStats;
  /** Messages that reached a conversation id, a recipient id (29:…), or an AAD object id. */
  deliveredTo(recipientOrConversation: string): ReceivedActivity[];
  /** Latest content of an activity (after updates); undefined if unknown or deleted. */
  current(activityId: string): FakeActivity | undefined;
  /** Groups of identical messages delivered more than once to one conversation. */
  duplicates(): { conversationId: string; count: number; activity: FakeActivity }[];
  /** Registers a conversation with members (for GET members, or strict mode). Returns its id. */
  addConversation(conversation: {
    id?: string;
    members: ChannelAccount[];
    tenantId?: string;
    isGroup?: boolean;
  }): string;
  /** The current 1:1 conversation id for a member, if one was created or added. */
  conversationOf(memberId: string, tenantId?: string): string | undefined;
  block(userOrConversationId: string): void;
  unblock(userOrConversationId: string): void;
  /** The person deleted the chat: 404 ConversationNotFound until POST /v3/conversations. */
  markDeleted(conversationId: string): void;
  /** The next `count` eligible requests (optionally to one conversation) answer `status`. */
  failNext(
    count: number,
    status: number,
    options?: { conversationId?: string; deliveredAnyway?: boolean },
  ): void;
  stop(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Implementation

interface ConversationState {
  id: string;
  tenantId?: string;
  isGroup: boolean;
  members: ChannelAccount[];
  deleted: boolean;
  /** `${tenant}|${memberId}` of the 1:1 chat this is. */
  ownerKey?: string;
  activities: Map<string, { activity: FakeActivity; deleted: boolean }>;
}

interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

interface QueuedFault {
  remaining: number;
  status: number;
  conversationId?: string;
  deliveredAnyway?: boolean;
}

type MutableOptions = Omit<FakeConnectorOptions, 'host' | 'port'>;

const DEFAULT_SEED = 1;
const WRITES: ReadonlySet<Operation> = new Set(['send', 'reply', 'update', 'delete']);

/** mulberry32: small, fast, seeded; good enough to pick faults. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Timestamps of accepted requests, for sliding-window limits. */
class SlidingLog {
  private times: number[] = [];
  private start = 0;

  constructor(private readonly horizonMs: number) {}

  /** Milliseconds until one more request fits `limit` per `windowMs` at time `t`; 0 if now. */
  waitMs(t: number, limit: number, windowMs: number): number {
    this.prune(t);
    const from = this.firstAfter(t - windowMs);
    const count = this.times.length - from;
    if (count < limit) return 0;
    const leaving = this.times[from + count - limit]!;
    return Math.max(1, leaving + windowMs - t);
  }

  add(t: number): void {
    const last = this.times[this.times.length - 1];
    this.times.push(last !== undefined && last > t ? last : t);
  }

  private firstAfter(t: number): number {
    let lo = this.start;
    let hi = this.times.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.times[mid]! > t) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  private prune(t: number): void {
    while (this.start < this.times.length && this.times[this.start]! <= t - this.horizonMs) {
      this.start++;
    }
    if (this.start > 1024 && this.start * 2 > this.times.length) {
      this.times = this.times.slice(this.start);
      this.start = 0;
    }
  }
}

function error(status: number, code: string, message: string, extra: object = {}): Answer {
  return { status, body: { error: { code, message, ...extra } } };
}

const notFoundConversation = (id: string) =>
  error(404, 'ConversationNotFound', `Conversation not found: ${id}`);

/** What Teams answers a write to someone who blocked or uninstalled the bot. */
export const BLOCKED_ERROR = Object.freeze({
  code: 'ConversationBlockedByUser',
  message: 'User blocked the conversation with the bot.',
  subCode: 'MessageWritesBlocked',
});

function defaultConversationId(member: ChannelAccount, _tenantId: string, generation: number) {
  const base = `a:personal-${member.id.replace(/^\d+:/, '')}`;
  return generation === 0 ? base : `${base}-v${generation + 1}`;
}

/** The visible content of an activity, for spotting duplicates. */
function contentKey(activity: FakeActivity): string {
  return JSON.stringify([activity.type, activity.text ?? null, activity.attachments ?? null]);
}

function routeOf(
  method: string,
  pathname: string,
): {
  operation: Operation;
  conversationId?: string;
  activityId?: string;
  memberId?: string;
} {
  const parts = pathname.split('/').filter(Boolean);
  if (parts[0] !== 'v3' || parts[1] !== 'conversations') return { operation: 'unknown' };
  if (parts.length === 2) return { operation: method === 'POST' ? 'create' : 'unknown' };
  const conversationId = decodeURIComponent(parts[2]!);
  const rest = parts.slice(3);
  const id = rest[1] !== undefined ? decodeURIComponent(rest[1]) : undefined;
  if (rest[0] === 'activities' && rest.length === 1 && method === 'POST') {
    return { operation: 'send', conversationId };
  }
  if (rest[0] === 'activities' && rest.length === 2) {
    const operation =
      method === 'POST'
        ? 'reply'
        : method === 'PUT'
          ? 'update'
          : method === 'DELETE'
            ? 'delete'
            : 'unknown';
    return { operation, conversationId, activityId: id };
  }
  if (rest[0] === 'members' && method === 'GET') {
    if (rest.length === 1) return { operation: 'members', conversationId };
    if (rest.length === 2) return { operation: 'member', conversationId, memberId: id };
  }
  if (rest[0] === 'pagedmembers' && rest.length === 1 && method === 'GET') {
    return { operation: 'pagedmembers', conversationId };
  }
  return { operation: 'unknown', conversationId };
}

function tenantOf(value: unknown): string | undefined {
  const v = value as {
    tenantId?: string;
    conversation?: { tenantId?: string };
    channelData?: { tenant?: { id?: string } };
  };
  return v?.tenantId ?? v?.conversation?.tenantId ?? v?.channelData?.tenant?.id ?? undefined;
}

export async function startFakeConnector(
  initialOptions: FakeConnectorOptions = {},
): Promise<FakeConnector> {
  const { host = '127.0.0.1', port = 0, ...startOptions } = initialOptions;
  let options: MutableOptions = { ...startOptions };

  const received: ReceivedActivity[] = [];
  const requests: RecordedRequest[] = [];
  const updates: UpdatedActivity[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];

  // State that survives clear(), reset by reset().
  let conversations = new Map<string, ConversationState>();
  let memberConversations = new Map<string, string>(); // `${tenant}|${memberId}` → id
  let activityHome = new Map<string, string>(); // activity id → conversation id
  let blocked = new Set<string>();
  let globalLogs = new Map<string, SlidingLog>();
  let conversationLogs = new Map<string, SlidingLog>();
  let queuedFaults: QueuedFault[] = [];
  let faultAttempts = 0;
  let faultRandom = seededRandom(DEFAULT_SEED);
  let latencyRandom = seededRandom(DEFAULT_SEED ^ 0x9e3779b9);
  let nextActivity = 1;
  let nextSeq = 1;
  let nextGroup = 1;
  let inFlight = 0;
  let maxInFlight = 0;
  const timers = new Set<NodeJS.Timeout>();

  const now = () => (options.now ?? Date.now)();
  const blockedAnswer = (): Answer => ({
    status: 403,
    body: { error: { ...(options.blockedError ?? BLOCKED_ERROR) } },
  });

  function applyState(next: MutableOptions): void {
    for (const id of next.blocked ?? []) blocked.add(id);
    for (const id of next.deletedConversations ?? []) conversationState(id).deleted = true;
  }

  function reseed(): void {
    const seed = options.seed ?? DEFAULT_SEED;
    faultRandom = seededRandom(seed);
    latencyRandom = seededRandom(seed ^ 0x9e3779b9);
  }

  function resetState(): void {
    conversations = new Map();
    memberConversations = new Map();
    activityHome = new Map();
    blocked = new Set();
    globalLogs = new Map();
    conversationLogs = new Map();
    queuedFaults = [];
    faultAttempts = 0;
    reseed();
  }

  function conversationState(id: string, tenantId?: string): ConversationState {
    let conversation = conversations.get(id);
    if (!conversation) {
      conversation = {
        id,
        tenantId,
        isGroup: false,
        members: [],
        deleted: false,
        activities: new Map(),
      };
      conversations.set(id, conversation);
    }
    if (!conversation.tenantId && tenantId) conversation.tenantId = tenantId;
    return conversation;
  }

  function addMember(conversation: ConversationState, member: ChannelAccount): void {
    const known = conversation.members.find((m) => m.id === member.id);
    if (known) Object.assign(known, member);
    else conversation.members.push({ ...member });
  }

  function limits(): { global: number | false; perConversation: readonly RateLimitWindow[] } {
    const setting = options.rateLimits;
    if (!setting) return { global: false, perConversation: [] };
    const given = setting === true ? {} : setting;
    return {
      global: given.globalPerSecond ?? TEAMS_GLOBAL_PER_SECOND,
      perConversation:
        given.perConversation === false
          ? []
          : (given.perConversation ?? TEAMS_PER_CONVERSATION_LIMITS),
    };
  }

  /** Sliding-window throttling; an accepted request is counted, a refused one is not. */
  function throttle(rec: RecordedRequest, t: number): Answer | undefined {
    const { global, perConversation } = limits();
    const tenant = rec.tenantId ?? '';
    let globalLog: SlidingLog | undefined;
    let conversationLog: SlidingLog | undefined;
    let wait = 0;
    let limitedBy: string | undefined;
    if (global !== false && global > 0) {
      globalLog = globalLogs.get(tenant) ?? new SlidingLog(1_000);
      globalLogs.set(tenant, globalLog);
      const w = globalLog.waitMs(t, global, 1_000);
      if (w > wait) [wait, limitedBy] = [w, 'global'];
    }
    if (perConversation.length && rec.conversationId && WRITES.has(rec.operation)) {
      const horizon = Math.max(...perConversation.map((l) => l.windowMs));
      conversationLog = conversationLogs.get(rec.conversationId) ?? new SlidingLog(horizon);
      conversationLogs.set(rec.conversationId, conversationLog);
      for (const l of perConversation) {
        const w = conversationLog.waitMs(t, l.limit, l.windowMs);
        if (w > wait) [wait, limitedBy] = [w, `conversation:${l.limit}/${l.windowMs}ms`];
      }
    }
    if (wait > 0) {
      const seconds = Math.max(1, Math.ceil(wait / 1000));
      rec.retryAfterSeconds = seconds;
      rec.limitedBy = limitedBy;
      return {
        ...error(
          429,
          'TooManyRequests',
          `Too many requests (${limitedBy}); retry after ${seconds} s.`,
        ),
        headers: { 'retry-after': String(seconds) },
      };
    }
    globalLog?.add(t);
    conversationLog?.add(t);
    return undefined;
  }

  /** An injected 5xx for this request, if any; draws from the seeded RNG in arrival order. */
  function fault(rec: RecordedRequest): { status: number; deliveredAnyway: boolean } | undefined {
    const f = options.faults;
    const eligible = f?.operations ?? ['send', 'reply'];
    if (!eligible.includes(rec.operation)) return undefined;
    const attempt = ++faultAttempts;
    const queued = queuedFaults.find(
      (q) => !q.conversationId || q.conversationId === rec.conversationId,
    );
    if (queued) {
      if (--queued.remaining <= 0) queuedFaults.splice(queuedFaults.indexOf(queued), 1);
      rec.fault = 'queued';
      return { status: queued.status, deliveredAnyway: queued.deliveredAnyway ?? false };
    }
    let status: number | undefined;
    if (f?.schedule?.[attempt] !== undefined) {
      status = f.schedule[attempt];
      rec.fault = 'schedule';
    } else if (f?.serverErrorRate && faultRandom() < f.serverErrorRate) {
      const statuses = f.serverErrorStatuses?.length ? f.serverErrorStatuses : [500, 502, 503];
      status = statuses[Math.floor(faultRandom() * statuses.length)]!;
      rec.fault = 'random';
    }
    if (status === undefined) return undefined;
    const deliveredAnyway = !!f?.deliveredAnywayRate && faultRandom() < f.deliveredAnywayRate;
    return { status, deliveredAnyway };
  }

  function isBlocked(conversation: ConversationState, activity?: FakeActivity): boolean {
    if (blocked.size === 0) return false;
    if (blocked.has(conversation.id)) return true;
    const recipient = activity?.recipient as ChannelAccount | undefined;
    if (recipient && (blocked.has(recipient.id) || blocked.has(recipient.aadObjectId ?? ''))) {
      return true;
    }
    return (
      !conversation.isGroup &&
      conversation.members.some((m) => blocked.has(m.id) || blocked.has(m.aadObjectId ?? ''))
    );
  }

  function deliver(
    conversation: ConversationState,
    rec: RecordedRequest,
    activity: FakeActivity,
  ): string {
    const activityId = `activity-${nextActivity++}`;
    conversation.activities.set(activityId, { activity, deleted: false });
    activityHome.set(activityId, conversation.id);
    const recipient = activity.recipient as ChannelAccount | undefined;
    const recipientId =
      recipient?.id ??
      (conversation.members.length === 1 ? conversation.members[0]!.id : undefined);
    rec.delivered = true;
    rec.activityId ??= activityId;
    rec.recipientId = recipientId;
    received.push({
      conversationId: conversation.id,
      replyToId: rec.replyToId,
      activity,
      activityId,
      recipientId,
      at: rec.at,
      operation: rec.operation as ReceivedActivity['operation'],
    });
    for (const w of waiters.filter((w) => received.length >= w.count)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
    return activityId;
  }

  function create(rec: RecordedRequest, body: Record<string, unknown>): Answer {
    const activity = body.activity as FakeActivity | undefined;
    const members = (Array.isArray(body.members) ? body.members : []) as ChannelAccount[];
    const tenant = rec.tenantId ?? '';
    const channel = (body.channelData as { channel?: { id?: string } } | undefined)?.channel?.id;
    if (channel) {
      // A new thread in a channel: its id is the channel plus the root message id.
      if (!activity) return error(400, 'BadArgument', 'A channel post needs an activity.');
      const root = `activity-${nextActivity}`;
      const conversation = conversationState(`${channel};messageid=${root}`, tenant);
      conversation.isGroup = true;
      const activityId = deliver(conversation, rec, activity);
      rec.conversationId = conversation.id;
      return { status: 201, body: { id: conversation.id, activityId } };
    }
    if (body.isGroup) {
      return error(400, 'BadArgument', 'Bots cannot create group chats; use a channel or 1:1.');
    }
    const member = members[0];
    if (members.length !== 1 || typeof member?.id !== 'string') {
      return error(400, 'BadArgument', 'A 1:1 conversation needs exactly one member with an id.');
    }
    rec.memberId = member.id;
    if (blocked.has(member.id) || blocked.has(member.aadObjectId ?? '')) {
      return blockedAnswer();
    }
    const key = `${tenant}|${member.id}`;
    let id = memberConversations.get(key);
    let created = false;
    if (!id || conversations.get(id)?.deleted) {
      const idFor = options.conversationIdFor ?? defaultConversationId;
      for (let generation = 0; ; generation++) {
        const candidate = idFor(member, tenant, generation);
        const existing = conversations.get(candidate);
        if (!existing) created = true;
        if (!existing || (!existing.deleted && (existing.ownerKey ?? key) === key)) {
          id = candidate;
          break;
        }
      }
      memberConversations.set(key, id);
    }
    const conversation = conversationState(id, tenant || undefined);
    conversation.ownerKey = key;
    addMember(conversation, member);
    rec.conversationId = id;
    const status = created ? 201 : 200;
    if (!activity) return { status, body: { id } };
    if (isBlocked(conversation, activity)) return blockedAnswer();
    rec.activity = activity;
    const activityId = deliver(conversation, rec, activity);
    return { status, body: { id, activityId } };
  }

  /** Decides the answer. Synchronous, so state changes follow arrival order. */
  function decide(rec: RecordedRequest, body: unknown, t: number): Answer {
    if (rec.operation === 'unknown') {
      return error(404, 'NotFound', `${rec.method} ${rec.path}`);
    }
    const throttled = throttle(rec, t);
    if (throttled) return throttled;
    const injected = fault(rec);
    if (injected) {
      const target = rec.conversationId ? conversations.get(rec.conversationId) : undefined;
      const reachable = target
        ? !target.deleted && !isBlocked(target, rec.activity)
        : !options.strictConversations;
      const isNew = rec.operation === 'send' || rec.operation === 'reply';
      if (injected.deliveredAnyway && isNew && rec.activity && reachable) {
        deliver(conversationState(rec.conversationId!, rec.tenantId), rec, rec.activity);
      }
      const codes: Record<number, string> = {
        500: 'InternalServerError',
        502: 'BadGateway',
        503: 'ServiceUnavailable',
        504: 'GatewayTimeout',
      };
      return error(injected.status, codes[injected.status] ?? 'ServiceError', 'Injected fault.');
    }
    if (rec.operation === 'create') {
      if (!body || typeof body !== 'object') return error(400, 'BadArgument', 'Body required.');
      return create(rec, body as Record<string, unknown>);
    }

    const id = rec.conversationId!;
    let conversation = conversations.get(id);
    if (!conversation) {
      const learns =
        !options.strictConversations && (rec.operation === 'send' || rec.operation === 'reply');
      if (!learns) return notFoundConversation(id);
      conversation = conversationState(id, rec.tenantId);
    }
    if (conversation.deleted) return notFoundConversation(id);

    switch (rec.operation) {
      case 'send':
      case 'reply': {
        if (!rec.activity) return error(400, 'BadArgument', 'An activity is required.');
        if (isBlocked(conversation, rec.activity)) return blockedAnswer();
        const activityId = deliver(conversation, rec, rec.activity);
        return { status: 200, body: { id: activityId } };
      }
      case 'update': {
        const known = conversation.activities.get(rec.activityId!);
        if (!known || known.deleted) {
          return error(404, 'ActivityNotFound', `Activity not found: ${rec.activityId}`);
        }
        if (!rec.activity) return error(400, 'BadArgument', 'An activity is required.');
        if (isBlocked(conversation, rec.activity)) return blockedAnswer();
        known.activity = rec.activity;
        updates.push({
          conversationId: id,
          activityId: rec.activityId!,
          activity: rec.activity,
          at: t,
        });
        return { status: 200, body: { id: rec.activityId } };
      }
      case 'delete': {
        const known = conversation.activities.get(rec.activityId!);
        if (!known || known.deleted) {
          return error(404, 'ActivityNotFound', `Activity not found: ${rec.activityId}`);
        }
        known.deleted = true;
        return { status: 200 };
      }
      case 'members':
        return { status: 200, body: conversation.members };
      case 'pagedmembers':
        return { status: 200, body: { members: conversation.members } };
      case 'member': {
        const member = conversation.members.find(
          (m) => m.id === rec.memberId || m.aadObjectId === rec.memberId,
        );
        return member
          ? { status: 200, body: member }
          : error(404, 'MemberNotFoundInConversation', `Member not found: ${rec.memberId}`);
      }
      default:
        return error(404, 'NotFound', `${rec.method} ${rec.path}`);
    }
  }

  function latency(): number {
    const l = options.latencyMs;
    if (l === undefined) return 0;
    if (typeof l === 'number') return l;
    return l.min + latencyRandom() * (l.max - l.min);
  }

  function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });
  }

  function stats(): FakeConnectorStats {
    const count = (map: Record<string, number>, key: string) => (map[key] = (map[key] ?? 0) + 1);
    const byStatus: Record<string, number> = {};
    const byOperation: Record<string, number> = {};
    const byErrorCode: Record<string, number> = {};
    const throttledBy: Record<string, number> = {};
    const perConversation: Record<string, ConversationStats> = {};
    const perRecipient: Record<string, number> = {};
    let injectedFaults = 0;
    let first = Infinity;
    let last = -Infinity;
    const forConversation = (id: string) =>
      (perConversation[id] ??= {
        attempts: 0,
        delivered: 0,
        throttled: 0,
        failed: 0,
        blocked: 0,
        notFound: 0,
        updates: 0,
      });
    for (const r of requests) {
      first = Math.min(first, r.at);
      last = Math.max(last, r.respondedAt ?? r.at);
      if (r.status) count(byStatus, String(r.status));
      count(byOperation, r.operation);
      if (r.errorCode) count(byErrorCode, r.errorCode);
      if (r.limitedBy) count(throttledBy, r.limitedBy);
      if (r.fault) injectedFaults++;
      const messageWrite =
        r.operation === 'send' ||
        r.operation === 'reply' ||
        (r.operation === 'create' && r.activity);
      if (!r.conversationId || !(messageWrite || r.operation === 'update')) continue;
      const c = forConversation(r.conversationId);
      if (r.operation === 'update') {
        if (r.status === 200) c.updates++;
        continue;
      }
      c.attempts++;
      if (r.status === 429) c.throttled++;
      else if (r.status >= 500) c.failed++;
      else if (r.status === 403) c.blocked++;
      else if (r.status === 404) c.notFound++;
    }
    const seen = new Set<string>();
    let duplicates = 0;
    for (const r of received) {
      forConversation(r.conversationId).delivered++;
      count(perRecipient, r.recipientId ?? r.conversationId);
      const key = `${r.conversationId}\n${contentKey(r.activity)}`;
      if (seen.has(key)) duplicates++;
      seen.add(key);
    }
    const times = received.map((r) => r.at).sort((a, b) => a - b);
    let peak = 0;
    for (let i = 0, j = 0; i < times.length; i++) {
      while (times[j]! <= times[i]! - 1000) j++;
      peak = Math.max(peak, i - j + 1);
    }
    const durationMs = requests.length ? Math.max(1, last - first) : 0;
    const perSecond = (n: number) => (durationMs ? (n * 1000) / durationMs : 0);
    return {
      requests: requests.length,
      byStatus,
      byOperation,
      byErrorCode,
      throttled: byStatus['429'] ?? 0,
      throttledBy,
      injectedFaults,
      delivered: received.length,
      updates: updates.length,
      deletes: requests.filter((r) => r.operation === 'delete' && r.status === 200).length,
      conversationsCreated: requests.filter((r) => r.operation === 'create' && r.status === 201)
        .length,
      duplicates,
      durationMs,
      sendsPerSecond: perSecond(received.length),
      requestsPerSecond: perSecond(requests.length),
      peakSendsPerSecond: peak,
      maxInFlight,
      perConversation,
      perRecipient,
    };
  }

  function clear(): void {
    received.length = 0;
    requests.length = 0;
    updates.length = 0;
    maxInFlight = inFlight;
  }

  function configure(next: MutableOptions): void {
    options = { ...options, ...next };
    if (next.seed !== undefined) reseed();
    if ('rateLimits' in next) {
      // New limits start from empty windows.
      globalLogs = new Map();
      conversationLogs = new Map();
    }
    applyState(next);
  }

  function reset(next?: MutableOptions): void {
    clear();
    if (next) options = { ...next };
    resetState();
    applyState(options);
  }

  function send(res: http.ServerResponse, answer: Answer): void {
    const headers: Record<string, string> = { ...answer.headers };
    if (answer.body === undefined) {
      res.writeHead(answer.status, headers);
      res.end();
      return;
    }
    headers['content-type'] = 'application/json; charset=utf-8';
    res.writeHead(answer.status, headers);
    res.end(JSON.stringify(answer.body));
  }

  async function admin(method: string, pathname: string, body: unknown): Promise<Answer> {
    if (method === 'GET' && pathname === '/_stats') return { status: 200, body: stats() };
    // Cheap enough to ask while a benchmark runs: `_stats` passes over every request, and that
    // pause bunches the requests that wait behind it into one window (a 429 of our own making).
    if (method === 'GET' && pathname === '/_progress') {
      return { status: 200, body: { delivered: received.length, requests: requests.length } };
    }
    if (method === 'GET' && pathname === '/_requests') return { status: 200, body: requests };
    if (method === 'GET' && pathname === '/_received') return { status: 200, body: received };
    if (method === 'POST' && pathname === '/_reset') {
      reset(body && typeof body === 'object' ? (body as MutableOptions) : undefined);
      return { status: 200, body: { ok: true } };
    }
    if (method === 'POST' && pathname === '/_configure' && body && typeof body === 'object') {
      configure(body as MutableOptions);
      return { status: 200, body: { ok: true } };
    }
    return error(404, 'NotFound', `${method} ${pathname}`);
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse, text: string) {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://localhost');
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      send(res, error(400, 'BadSyntax', 'The body is not JSON.'));
      return;
    }
    if (url.pathname.startsWith('/_')) {
      send(res, await admin(method, url.pathname, body));
      return;
    }

    const t = now();
    const { activityId: target, ...route } = routeOf(method, url.pathname);
    const targets = route.operation === 'update' || route.operation === 'delete';
    const carriesActivity = ['send', 'reply', 'update'].includes(route.operation);
    const activity = (
      carriesActivity ? body : (body as { activity?: unknown } | undefined)?.activity
    ) as FakeActivity | undefined;
    const rec: RecordedRequest = {
      seq: nextSeq++,
      method,
      path: url.pathname,
      ...route,
      activityId: targets ? target : undefined,
      replyToId: route.operation === 'reply' ? target : undefined,
      tenantId:
        tenantOf(route.operation === 'create' ? body : activity) ??
        (route.conversationId ? conversations.get(route.conversationId)?.tenantId : undefined),
      activity: activity && typeof activity === 'object' ? activity : undefined,
      body,
      at: t,
      status: 0,
      delivered: false,
    };
    requests.push(rec);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      let answer: Answer;
      try {
        const hooked = options.onRequest ? await options.onRequest(rec) : undefined;
        if (hooked) rec.fault = 'hook';
        answer = hooked ?? decide(rec, body, t);
      } catch (e) {
        answer = error(500, 'FakeConnectorError', String(e));
      }
      rec.status = answer.status;
      const code = (answer.body as { error?: { code?: string } } | undefined)?.error?.code;
      if (code) rec.errorCode = code;
      const delay = latency();
      if (delay > 0) await sleep(delay);
      rec.respondedAt = now();
      send(res, answer);
    } finally {
      inFlight--;
    }
  }

  resetState();
  applyState(options);

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      handle(req, res, Buffer.concat(chunks).toString('utf8')).catch((e: unknown) => {
        if (!res.headersSent) send(res, error(500, 'FakeConnectorError', String(e)));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const address = server.address() as AddressInfo;

  return {
    serviceUrl: `http://${host}:${address.port}/`,
    received,
    requests,
    updates,
    waitFor(count, timeoutMs = 60_000) {
      if (received.length >= count) return Promise.resolve(received);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`expected ${count} activities, got ${received.length}`)),
          timeoutMs,
        );
        waiters.push({
          count,
          resolve: () => {
            clearTimeout(timer);
            resolve(received);
          },
        });
      });
    },
    clear,
    reset,
    configure,
    stats,
    deliveredTo(x) {
      return received.filter((r) => {
        if (r.conversationId === x || r.recipientId === x) return true;
        if ((r.activity.recipient as ChannelAccount | undefined)?.aadObjectId === x) return true;
        const conversation = conversations.get(r.conversationId);
        return (
          !!conversation &&
          !conversation.isGroup &&
          conversation.members.some((m) => m.id === x || m.aadObjectId === x)
        );
      });
    },
    current(activityId) {
      const home = activityHome.get(activityId);
      const known = home ? conversations.get(home)?.activities.get(activityId) : undefined;
      return known && !known.deleted ? known.activity : undefined;
    },
    duplicates() {
      const groups = new Map<
        string,
        { conversationId: string; count: number; activity: FakeActivity }
      >();
      for (const r of received) {
        const key = `${r.conversationId}\n${contentKey(r.activity)}`;
        const group = groups.get(key) ?? {
          conversationId: r.conversationId,
          count: 0,
          activity: r.activity,
        };
        group.count++;
        groups.set(key, group);
      }
      return [...groups.values()].filter((g) => g.count > 1);
    },
    addConversation({ id, members, tenantId, isGroup = false }) {
      const first = members[0];
      const key = first && !isGroup ? `${tenantId ?? ''}|${first.id}` : undefined;
      const conversationId =
        id ??
        (first && !isGroup
          ? (options.conversationIdFor ?? defaultConversationId)(first, tenantId ?? '', 0)
          : `19:fake-group-${nextGroup++}@thread.v2`);
      const conversation = conversationState(conversationId, tenantId);
      conversation.isGroup = isGroup;
      for (const m of members) addMember(conversation, m);
      if (key) {
        conversation.ownerKey = key;
        memberConversations.set(key, conversationId);
      }
      return conversationId;
    },
    conversationOf(memberId, tenantId) {
      if (tenantId !== undefined) return memberConversations.get(`${tenantId}|${memberId}`);
      for (const [key, id] of memberConversations) {
        if (key.slice(key.indexOf('|') + 1) === memberId) return id;
      }
      return undefined;
    },
    block: (id) => void blocked.add(id),
    unblock: (id) => void blocked.delete(id),
    markDeleted: (id) => void (conversationState(id).deleted = true),
    failNext(count, status, extra = {}) {
      queuedFaults.push({ remaining: count, status, ...extra });
    },
    async stop() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

/** The text a person would read in an activity: its text plus every TextBlock in its cards. */
export function visibleText(activity: ReceivedActivity['activity']): string {
  const parts: string[] = [];
  if (activity.text) parts.push(activity.text);
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.type === 'TextBlock' && typeof o.text === 'string') parts.push(o.text);
      if (typeof o.title === 'string') parts.push(o.title);
      if (typeof o.value === 'string' && o.type !== 'imBack') parts.push(o.value);
      Object.values(o).forEach(walk);
    }
  };
  walk(activity.attachments?.map((a) => a.content));
  return parts.join('\n');
}
