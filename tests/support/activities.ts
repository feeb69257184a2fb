import { randomUUID } from 'node:crypto';

/** Builds Teams-shaped activities, as the Bot Connector would post them to /api/messages. */

export const TENANT = '66666666-7777-4888-9999-000000000000';
export const BOT = { id: '28:reverse-mentoring-bot', name: 'Reverse Mentoring' };

export interface TeamsUser {
  aadObjectId: string;
  name: string;
  /** IANA zone the Teams client reports; Europe/London when not given. */
  timeZone?: string;
}

export function personalConversationId(user: TeamsUser): string {
  return `a:personal-${user.aadObjectId}`;
}

function base(serviceUrl: string, user: TeamsUser) {
  return {
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl,
    timestamp: new Date().toISOString(),
    localTimezone: user.timeZone ?? 'Europe/London',
    from: { id: `29:${user.aadObjectId}`, name: user.name, aadObjectId: user.aadObjectId },
    recipient: BOT,
    conversation: {
      id: personalConversationId(user),
      conversationType: 'personal',
      tenantId: TENANT,
    },
    channelData: { tenant: { id: TENANT } },
  };
}

export function installActivity(serviceUrl: string, user: TeamsUser) {
  return { ...base(serviceUrl, user), type: 'conversationUpdate', membersAdded: [{ id: BOT.id }] };
}

export function messageActivity(serviceUrl: string, user: TeamsUser, text: string) {
  return { ...base(serviceUrl, user), type: 'message', text, textFormat: 'plain', locale: 'en-GB' };
}

export async function postActivity(serviceBaseUrl: string, activity: object): Promise<number> {
  const response = await fetch(`${serviceBaseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
  });
  await response.text();
  return response.status;
}

/** The bot added to a team: Teams posts a conversationUpdate in the team's General channel. */
export function teamInstallActivity(serviceUrl: string, installer: TeamsUser) {
  const conversationId = '19:general-channel@thread.tacv2';
  return {
    ...base(serviceUrl, installer),
    type: 'conversationUpdate',
    membersAdded: [{ id: BOT.id }],
    conversation: {
      id: conversationId,
      conversationType: 'channel',
      tenantId: TENANT,
      isGroup: true,
    },
    channelData: {
      tenant: { id: TENANT },
      team: { id: conversationId, name: 'Mentoring programme' },
      eventType: 'teamMemberAdded',
    },
  };
}

/** A Universal Action (Action.Execute) click, as Teams sends it: an adaptiveCard/action invoke. */
export function invokeActivity(
  serviceUrl: string,
  user: TeamsUser,
  verb: string,
  data: Record<string, unknown>,
  replyToId?: string,
) {
  return {
    ...base(serviceUrl, user),
    type: 'invoke',
    name: 'adaptiveCard/action',
    replyToId,
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  };
}

/** Posts an invoke and returns the card Teams would show in place of the clicked one. */
export async function postInvoke(
  serviceBaseUrl: string,
  activity: object,
): Promise<{
  status: number;
  body: { statusCode: number; type: string; value: Record<string, unknown> };
}> {
  const response = await fetch(`${serviceBaseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : {} };
}
