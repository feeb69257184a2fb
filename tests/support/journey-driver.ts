import type { RunningService } from '../../bot/src/app/service';
import {
  type TeamsUser,
  installActivity,
  invokeActivity,
  messageActivity,
  personalConversationId,
  postActivity,
  postInvoke,
} from './activities';
import { type FakeConnector, type ReceivedActivity, visibleText } from './fake-connector';
import { call } from './test-service';

/**
 * Drives the real service the way Teams and a person would: installs, typed commands, card
 * clicks (Action.Execute invokes), and the dev clock; reads what each person received from the
 * fake Bot Connector.
 */
export class JourneyDriver {
  constructor(
    private readonly service: RunningService,
    private readonly connector: FakeConnector,
  ) {}

  async install(user: TeamsUser): Promise<void> {
    const before = this.connector.received.length;
    expect(
      await postActivity(this.service.url, installActivity(this.connector.serviceUrl, user)),
    ).toBe(200);
    await this.connector.waitFor(before + 1); // the welcome card
  }

  async say(user: TeamsUser, text: string): Promise<string[]> {
    const before = this.inbox(user).length;
    expect(
      await postActivity(this.service.url, messageActivity(this.connector.serviceUrl, user, text)),
    ).toBe(200);
    await waitUntil(() => this.inbox(user).length > before);
    return this.inbox(user)
      .slice(before)
      .map((r) => visibleText(r.activity));
  }

  /** Clicks a card button; returns the card that replaces it, as visible text and JSON. */
  async click(user: TeamsUser, verb: string, data: Record<string, unknown>) {
    const response = await postInvoke(
      this.service.url,
      invokeActivity(this.connector.serviceUrl, user, verb, data),
    );
    expect(response.status).toBe(200);
    expect(response.body.statusCode).toBe(200);
    const card = response.body.value;
    return {
      card,
      text: visibleText({ type: 'message', attachments: [{ contentType: 'card', content: card }] }),
    };
  }

  async setClock(iso: string): Promise<void> {
    const response = await call(this.service.url, 'POST', '/api/dev/clock', { json: { now: iso } });
    expect(response.status).toBe(200);
  }

  async runJobs(): Promise<Record<string, number>> {
    const response = await call<Record<string, number>>(
      this.service.url,
      'POST',
      '/api/dev/run-jobs',
      {
        json: {},
      },
    );
    expect(response.status).toBe(200);
    return response.body;
  }

  /** Moves the clock and runs what is due. */
  async at(iso: string): Promise<void> {
    await this.setClock(iso);
    await this.runJobs();
  }

  inbox(user: TeamsUser): ReceivedActivity[] {
    return this.connector.received.filter((r) => r.conversationId === personalConversationId(user));
  }

  /** Visible text of every message the person received after the first `skip`. */
  textsSince(user: TeamsUser, skip: number): string[] {
    return this.inbox(user)
      .slice(skip)
      .map((r) => visibleText(r.activity));
  }

  /** The data of the first Action.Execute with `verb` in the person's latest card that has one. */
  actionData(user: TeamsUser, verb: string): Record<string, unknown> {
    const inbox = this.inbox(user);
    for (let i = inbox.length - 1; i >= 0; i--) {
      const found = findAction(
        inbox[i]!.activity.attachments?.map((a) => a.content),
        verb,
      );
      if (found) return found;
    }
    throw new Error(`no card with ${verb} in the inbox of ${user.name}`);
  }
}

function findAction(node: unknown, verb: string): Record<string, unknown> | undefined {
  if (Array.isArray(node)) {
    for (const item of node) {
      const found = findAction(item, verb);
      if (found) return found;
    }
  } else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (o.type === 'Action.Execute' && o.verb === verb)
      return (o.data ?? {}) as Record<string, unknown>;
    for (const value of Object.values(o)) {
      const found = findAction(value, verb);
      if (found) return found;
    }
  }
  return undefined;
}

async function waitUntil(check: () => boolean, timeoutMs = 60_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting for the bot');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
