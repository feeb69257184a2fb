import type { TableStore } from '../storage/table-store';
import { encodeKey, getRow, optStr, str, upsertRow } from '../storage/versioned';

/**
 * Conversation references: what the bot needs to message someone later.
 * Personal chats: PartitionKey `user:<entra object id>`, RowKey `personal`.
 * Team channels and group chats: PartitionKey `conversation`, RowKey the encoded conversation id.
 */

export interface StoredConversation {
  /** Entra object id of the person, for personal chats. */
  userId?: string;
  tenantId: string;
  serviceUrl: string;
  conversationId: string;
  conversationType: 'personal' | 'groupChat' | 'channel';
  /** IANA time zone Teams reported on the latest activity, e.g. Europe/London. */
  timeZone?: string;
  /** The full ConversationReference as Bot Framework returned it, as JSON. */
  referenceJson: string;
  updatedAt: string;
}

type Row = Record<string, unknown>;

function keysOf(c: Pick<StoredConversation, 'userId' | 'conversationType' | 'conversationId'>) {
  if (c.conversationType === 'personal' && c.userId) {
    return { partitionKey: `user:${encodeKey(c.userId.toLowerCase())}`, rowKey: 'personal' };
  }
  return { partitionKey: 'conversation', rowKey: encodeKey(c.conversationId) };
}

function fromEntity(row: Row): StoredConversation {
  return {
    userId: optStr(row, 'userId'),
    tenantId: str(row, 'tenantId'),
    serviceUrl: str(row, 'serviceUrl'),
    conversationId: str(row, 'conversationId'),
    conversationType: str(row, 'conversationType') as StoredConversation['conversationType'],
    timeZone: optStr(row, 'timeZone'),
    referenceJson: str(row, 'referenceJson'),
    updatedAt: str(row, 'updatedAt'),
  };
}

export class ConversationRepository {
  constructor(private readonly store: TableStore) {}

  private get table() {
    return this.store.table('conversations');
  }

  /** Saves the latest reference; the newest activity always wins, so no ETag is needed. */
  async save(conversation: StoredConversation): Promise<void> {
    await upsertRow(this.table, {
      ...keysOf(conversation),
      userId: conversation.userId ?? '',
      tenantId: conversation.tenantId,
      serviceUrl: conversation.serviceUrl,
      conversationId: conversation.conversationId,
      conversationType: conversation.conversationType,
      timeZone: conversation.timeZone ?? '',
      referenceJson: conversation.referenceJson,
      updatedAt: conversation.updatedAt,
    });
  }

  async getPersonal(userId: string): Promise<StoredConversation | undefined> {
    const { partitionKey, rowKey } = keysOf({
      userId,
      conversationType: 'personal',
      conversationId: '',
    });
    const row = await getRow(this.table, partitionKey, rowKey);
    return row ? fromEntity(row) : undefined;
  }

  async getConversation(conversationId: string): Promise<StoredConversation | undefined> {
    const { partitionKey, rowKey } = keysOf({ conversationType: 'channel', conversationId });
    const row = await getRow(this.table, partitionKey, rowKey);
    return row ? fromEntity(row) : undefined;
  }
}
