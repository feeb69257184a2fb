/**
 * Drives the Microsoft 365 Agents Playground (`@microsoft/m365agentsplayground` 0.2.x) from
 * tests: start it as a child process pointed at a bot, open its chat UI in headless Chromium,
 * type like a user and read what the bot rendered.
 *
 * What the package does (found by reading its bundled `dist/index.js` and running it):
 *
 * - It listens with `server.listen(port)`, no host, so on every interface, and has no option for
 *   it: we preload `bot/scripts/listen-host.mjs` (`node --import`), which gives a listen without
 *   a host 127.0.0.1, as `npm run dev` does.
 * - `cli.js` parses yargs options (`start` is implied): `-e/--app-endpoint` bot URL,
 *   `-p/--port` (default 56150; when that port is taken it silently moves to a random one,
 *   and `-p 0` always takes a random one), `-c/--channel-id` (msteams, directline, webchat,
 *   emulator, agents; msteams by default), `--conversation-id` (personal chat id, built-in
 *   config only), `--service-url`, `--delivery-mode`, `--disable-telemetry`. Option names
 *   starting with `--` are lower-cased, so pass values as separate arguments.
 * - Environment: `TEAMSAPPTESTER_BROWSER=none` stops it opening a browser;
 *   `M365_AGENTS_PLAYGROUND_LOGFILE` (default `./devTools/m365agentsplayground.log`) and
 *   `M365_AGENTS_PLAYGROUND_CONFIG_PATH` (default `./.m365agentsplayground.yml`, then the
 *   legacy `./.teamsapptesttool.yml`, then a built-in config); `BOT_ENDPOINT`,
 *   `TEAMSAPPTESTER_PORT` are fallbacks for `-e` and `-p`.
 * - When stdout is not a TTY it prints exactly one line, `Listening on <port>`, and sends all
 *   its other console output (including config errors, after which it exits 1) to the log
 *   file only. We read the port from that line, so the port is always the real one.
 * - Routes: `/` the React UI, `/_debug/ping` answers `pong`, `/_connector/v3/...` a fake Bot
 *   Connector (send/update/delete activities, members, paged members, single member, team
 *   details, create conversation), `/_internal/v1/config` the resolved mock tenant, chats
 *   and users as JSON. The serviceUrl in every activity is `http://localhost:<port>/_connector`.
 * - Each time a page connects (and each time a chat is selected in the UI) it sends the bot
 *   `installationUpdate` (action `add`) then `conversationUpdate` with membersAdded
 *   `[currentUser, bot]` (personal chat) or `[bot]` (group chat, channel). So every
 *   `openPlayground` is a fresh "install" in the same personal conversation id (stable for
 *   the server's life; a new uuid per start unless the config or `--conversation-id` fixes
 *   it), and the page starts with an empty chat: history is not replayed. Bot messages sent
 *   while no page is open are buffered and shown to the next page; every open page gets
 *   every bot message.
 * - The fake connector accepts `continueConversationAsync` sends to a stored reference (shown
 *   at once), `TeamsInfo.getMember` / `getPagedMembers` (personal chat: only the current
 *   user; group chat and team: everyone), and `createConversationAsync` (201, but a chat with
 *   another user is never shown: the UI is only ever the current user).
 *
 * UI facts (v0.2.28, Fluent UI v9 + Adaptive Cards JS renderer), used by the selectors below:
 * - The compose box is a Lexical editor `[data-lexical-editor="true"][role="textbox"]` (not a
 *   textarea as in older versions), visible about 1-3 s after load; the send button is
 *   `button[aria-label="Send Message"]`. In a channel the box says "Start a new post" and the
 *   button is "Post".
 * - In chats every bot message (text or card) is rendered inside `.fai-OutputCard`; user
 *   messages are not. Message headers carry `aria-label="Message author"` with the bot name.
 *   Channel replies lack that class (see `botMessages`), and the newest thread is on top.
 * - Adaptive Cards render in `.ac-adaptiveCard`. Inputs get generated ids (`__ac-<uuid>`), so
 *   a card input's own `id` is NOT in the DOM: find inputs by their `label` (a real
 *   `<label for>`) or placeholder (also the input's aria-label). Action buttons are
 *   `button[aria-label=<title>]`. Compact ChoiceSets are Fluent comboboxes whose options
 *   appear in a popup with role `option`.
 * - `Action.Execute` replaces the card in place and adds a "Your response was sent to the
 *   app" notice; `Action.Submit` sends a message activity whose `value` holds the inputs.
 * - Chats in the left rail are `role="treeitem"` buttons named "Personal Chat", "Group Chat",
 *   "My Team - General", "My Team - <channel>" (the names come from the config file).
 * - In a group chat or channel only messages that @-mention the bot reach it (as in Teams);
 *   typing "@" opens a picker whose entries are `role="menuitem"` with the bot's name.
 * - The log panel (right) says "Connected." once the Playground reached the bot's endpoint
 *   and "(!) Warning: Cannot connect to your app" after ~15 s when it could not.
 * - The page asks a CDN for fonts; there is no network here, so we abort every request that
 *   is not to localhost and leave those failures out of `consoleErrors`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, type Locator, type Page, chromium } from 'playwright-core';
import { stringify } from 'yaml';
import type {
  PlaygroundConfig,
  PlaygroundUser,
} from '../../bot/src/features/dev/playground-config';
import { CHROMIUM_ARGS } from './browser';
import { browserPath } from './find-browser';

// ---------------------------------------------------------------------------------------------
// Mock tenant configuration (.m365agentsplayground.yml, schema version 0.1.1)
// ---------------------------------------------------------------------------------------------

export type {
  PlaygroundConfig,
  PlaygroundUser,
} from '../../bot/src/features/dev/playground-config';

/** Writes a config object as YAML; checks the rules whose failure the Playground only logs. */
export function writePlaygroundConfig(config: PlaygroundConfig, file: string): string {
  if (config.users.length !== 5) {
    throw new Error(
      `the Playground needs exactly 5 users besides currentUser, got ${config.users.length}`,
    );
  }
  if (config.team.channels.length > 1) {
    throw new Error('the Playground supports at most one channel besides General');
  }
  const ids = [config.currentUser, ...config.users].map((u) => u.id);
  if (new Set(ids).size !== ids.length) throw new Error('Playground user ids must be unique');
  writeFileSync(file, stringify(config), 'utf8');
  return file;
}

/** What `GET /_internal/v1/config` returns: the config as the Playground resolved it. */
export interface PlaygroundResolvedConfig {
  config: {
    tenantId: string;
    bot: { id: string; name: string };
    currentUser: PlaygroundUser;
    users: PlaygroundUser[];
    personalChat: { id: string; name: string };
    groupChats: { id: string; name: string; members: string[] }[];
    teams: {
      id: string;
      name: string;
      aadGroupId: string;
      channels: { id: string; name: string; channelType: string }[];
      members: string[];
    }[];
  };
  internalConfig: { locale: string; localTimezone: string; channelId: string };
}

// ---------------------------------------------------------------------------------------------
// The Playground server process
// ---------------------------------------------------------------------------------------------

export type PlaygroundChannel = 'msteams' | 'directline' | 'webchat' | 'emulator' | 'agents';

export interface StartPlaygroundOptions {
  /** The bot's messaging endpoint, e.g. `http://127.0.0.1:3978/api/messages`. */
  botEndpoint: string;
  /** Port for the UI and fake connector; 0 (default) lets the Playground pick a free one. */
  port?: number;
  /** A `.m365agentsplayground.yml` to use; must exist. */
  configFile?: string;
  /** Or a config object, written to a temporary YAML file. */
  config?: PlaygroundConfig;
  /**
   * Working directory. Default: a fresh temporary directory, so the built-in mock tenant is
   * used unless `configFile`/`config` is given. With a `cwd` and neither of those, the
   * Playground reads `<cwd>/.m365agentsplayground.yml` when it exists.
   */
  cwd?: string;
  channelId?: PlaygroundChannel;
  /** Personal chat conversation id; honoured only with the built-in config. */
  conversationId?: string;
  /** How long to wait for the UI to answer. Default 30 s. */
  startTimeoutMs?: number;
  /** Extra environment for the child. */
  env?: Record<string, string>;
}

export interface PlaygroundServer {
  /** The UI, e.g. `http://localhost:43383`. */
  url: string;
  port: number;
  /** What the Playground puts in `activity.serviceUrl`. */
  serviceUrl: string;
  pid: number;
  logFile: string;
  /** stdout, stderr and the Playground's log file, for failure messages. */
  output(): string;
  /** The mock tenant, chats and users as the Playground resolved them. */
  fetchConfig(): Promise<PlaygroundResolvedConfig>;
  /** Kills the Playground's whole process group and waits for it; safe to call twice. */
  stop(): Promise<void>;
}

/** Process groups still running, killed when this process exits even if a test forgot. */
const liveGroups = new Map<number, string>(); // process group id -> temporary directory
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const [pgid, dir] of liveGroups) {
      signalGroup(pgid, 'SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false; // ESRCH: the group is gone
  }
}

/** Preloaded into the Playground so that it listens on 127.0.0.1 only, as `npm run dev` does. */
export const PLAYGROUND_LOOPBACK = pathToFileURL(
  path.resolve(__dirname, '../../bot/scripts/listen-host.mjs'),
).href;

function playgroundCli(): string {
  return require.resolve('@microsoft/m365agentsplayground/cli.js');
}

const LISTENING = /Listening on (\d+)/;

export async function startPlayground(options: StartPlaygroundOptions): Promise<PlaygroundServer> {
  const timeoutMs = options.startTimeoutMs ?? 90_000;
  let configPath: string | undefined;
  if (options.configFile !== undefined) {
    configPath = path.resolve(options.configFile);
    // The Playground silently falls back to its built-in users when the file is missing.
    if (!existsSync(configPath)) throw new Error(`Playground config not found: ${configPath}`);
  }
  const workDir = mkdtempSync(path.join(tmpdir(), 'agents-playground-'));
  const logFile = path.join(workDir, 'playground.log');
  if (options.config !== undefined && configPath === undefined) {
    try {
      configPath = writePlaygroundConfig(options.config, path.join(workDir, 'playground.yml'));
    } catch (err) {
      rmSync(workDir, { recursive: true, force: true });
      throw err;
    }
  }

  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of [
    'M365_AGENTS_PLAYGROUND_CONFIG_PATH',
    'TEAMS_APP_TEST_TOOL_CONFIG_PATH',
    'M365_AGENTS_PLAYGROUND_SERVICE_URL',
    'M365_AGENTS_PLAYGROUND_CONVERSATION_ID',
    'TEAMSAPPTESTER_PORT',
    'TEAMSAPPTESTER_LOGFILE',
    'BOT_ENDPOINT',
  ]) {
    delete env[name];
  }
  Object.assign(env, {
    TEAMSAPPTESTER_BROWSER: 'none',
    M365_AGENTS_PLAYGROUND_LOGFILE: logFile,
    NODE_OPTIONS: '',
    ...(configPath ? { M365_AGENTS_PLAYGROUND_CONFIG_PATH: configPath } : {}),
    ...options.env,
  });

  const args = [
    // It listens on every interface by itself; this keeps it on 127.0.0.1 (see the file).
    '--import',
    PLAYGROUND_LOOPBACK,
    playgroundCli(),
    '--app-endpoint',
    options.botEndpoint,
    '--port',
    String(options.port ?? 0),
    '--disable-telemetry',
  ];
  if (options.channelId) args.push('--channel-id', options.channelId);
  if (options.conversationId) args.push('--conversation-id', options.conversationId);

  // detached: the child leads its own process group, so stop() can kill it and anything it
  // spawned with one kill(-pgid) and no orphans are left behind.
  const child = spawn(process.execPath, args, {
    cwd: options.cwd ?? workDir,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid;
  if (pid === undefined) {
    rmSync(workDir, { recursive: true, force: true });
    throw new Error('could not spawn the Agents Playground');
  }
  installExitHook();
  liveGroups.set(pid, workDir);

  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout = (stdout + chunk.toString()).slice(-20_000);
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-20_000);
  });
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });

  const output = (): string => {
    let log = '';
    try {
      log = readFileSync(logFile, 'utf8');
    } catch {
      // no log yet
    }
    return `--- stdout\n${stdout}\n--- stderr\n${stderr}\n--- ${logFile}\n${log.slice(-10_000)}`;
  };

  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    if (child.exitCode === null && child.signalCode === null) {
      signalGroup(pid, 'SIGTERM');
      const killTimer = setTimeout(() => signalGroup(pid, 'SIGKILL'), 5_000);
      await exited;
      clearTimeout(killTimer);
    }
    // Anything the Playground spawned that ignored SIGTERM.
    if (signalGroup(pid, 0)) signalGroup(pid, 'SIGKILL');
    liveGroups.delete(pid);
    rmSync(workDir, { recursive: true, force: true });
  };

  try {
    const port = await waitForListeningPort(child, () => stdout, timeoutMs);
    const url = `http://localhost:${port}`;
    await waitForHttp([`${url}/_debug/ping`, `${url}/`], timeoutMs, child);
    return {
      url,
      port,
      serviceUrl: `${url}/_connector`,
      pid,
      logFile,
      output,
      async fetchConfig() {
        const res = await fetch(`${url}/_internal/v1/config`);
        if (!res.ok) throw new Error(`GET /_internal/v1/config answered ${res.status}`);
        return (await res.json()) as PlaygroundResolvedConfig;
      },
      stop,
    };
  } catch (err) {
    const out = output();
    await stop();
    throw new Error(`${(err as Error).message}\n${out}`, { cause: err });
  }
}

function waitForListeningPort(
  child: ChildProcess,
  stdout: () => string,
  timeoutMs: number,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const done = (fn: () => void): void => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
      fn();
    };
    const onData = (): void => {
      const match = LISTENING.exec(stdout());
      if (match?.[1]) {
        const port = Number(match[1]);
        done(() => resolve(port));
      }
    };
    const onExit = (code: number | null, signal: string | null): void => {
      // Let the last stdout chunk and the log file land before reporting.
      setTimeout(
        () =>
          done(() =>
            reject(
              new Error(`the Agents Playground exited early (code ${code}, signal ${signal})`),
            ),
          ),
        100,
      );
    };
    const timer = setTimeout(
      () =>
        done(() =>
          reject(new Error(`the Agents Playground did not listen within ${timeoutMs} ms`)),
        ),
      timeoutMs,
    );
    child.stdout?.on('data', onData);
    child.once('exit', onExit);
    onData();
  });
}

async function waitForHttp(urls: string[], timeoutMs: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (const url of urls) {
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`the Agents Playground exited (code ${child.exitCode})`);
      }
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
        if (res.ok) break;
      } catch {
        // not up yet
      }
      if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
      await sleep(100);
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// ---------------------------------------------------------------------------------------------
// The browser
// ---------------------------------------------------------------------------------------------

export interface OpenPlaygroundOptions {
  /** Wait this long for the compose box after load. Default 30 s. */
  timeoutMs?: number;
  /** Default timeout for Playwright actions on the page. Default 15 s. */
  actionTimeoutMs?: number;
  viewport?: { width: number; height: number };
  executablePath?: string;
}

export interface PlaygroundPage {
  page: Page;
  browser: Browser;
  /** The mock bot's display name from the Playground's config ("Test Bot" by default). */
  botName: string | undefined;
  /** Console errors and uncaught page errors, minus the blocked CDN requests. */
  consoleErrors: string[];
  /** Local requests that failed or answered 4xx/5xx. */
  failedRequests: string[];
  close(): Promise<void>;
}

function isLocal(url: URL): boolean {
  return ['localhost', '127.0.0.1', '[::1]', '::1'].includes(url.hostname);
}

function isExternal(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && !isLocal(url);
  } catch {
    return false;
  }
}

/**
 * Opens the Playground UI in headless Chromium and waits until the compose box is usable.
 * Start the bot first: on connect the Playground waits for the bot's endpoint (about 15 s
 * when it is down, then it logs a "Cannot connect" warning and this throws).
 * Playwright's `launch` gives the browser a fresh temporary profile (`--user-data-dir`) each
 * time. Opening the page makes the Playground send the bot an install (see the top of file).
 */
export async function openPlayground(
  url: string,
  options: OpenPlaygroundOptions = {},
): Promise<PlaygroundPage> {
  const browser = await chromium.launch({
    executablePath: options.executablePath ?? browserPath(),
    args: CHROMIUM_ARGS,
    headless: true,
  });
  try {
    const context = await browser.newContext({
      viewport: options.viewport ?? { width: 1400, height: 900 },
    });
    const page = await context.newPage();
    page.setDefaultTimeout(options.actionTimeoutMs ?? 60_000);
    const consoleErrors: string[] = [];
    const failedRequests: string[] = [];

    // No network here: fail CDN fonts and animations at once instead of waiting on DNS.
    await page.route(
      (u) => !isLocal(u) && u.protocol !== 'data:' && u.protocol !== 'blob:',
      (r) => r.abort('blockedbyclient'),
    );
    page.on('console', (msg) => {
      if (msg.type() !== 'error') return;
      const where = msg.location().url;
      const text = msg.text();
      if (isExternal(where) || /https?:\/\/(?!localhost|127\.0\.0\.1)[^\s/]+/.test(text)) return;
      if (/net::ERR_BLOCKED_BY_CLIENT/.test(text)) return;
      consoleErrors.push(where ? `${text} (${where})` : text);
    });
    page.on('pageerror', (err) => consoleErrors.push(`pageerror: ${err.message}`));
    page.on('requestfailed', (req) => {
      if (!isExternal(req.url())) failedRequests.push(`${req.url()} ${req.failure()?.errorText}`);
    });
    page.on('response', (res) => {
      if (res.status() >= 400 && !isExternal(res.url())) {
        failedRequests.push(`${res.url()} ${res.status()}`);
      }
    });

    await page.goto(url);
    await composer(page).waitFor({ state: 'visible', timeout: options.timeoutMs ?? 90_000 });
    // On connect the Playground checks the bot's endpoint, logging "Connected." (then the
    // install activities follow) or, after ~15 s, "Cannot connect to your app".
    const connected = page.getByText('Connected.', { exact: true });
    const unreachable = page.getByText('Cannot connect to your app');
    await connected
      .or(unreachable)
      .first()
      .waitFor({ state: 'attached', timeout: options.timeoutMs ?? 90_000 });
    if ((await connected.count()) === 0) {
      throw new Error(
        `the Agents Playground at ${url} could not reach the bot: start the bot before openPlayground`,
      );
    }
    const botName = await fetchBotName(url);
    if (botName) botNames.set(page, botName);
    return {
      page,
      browser,
      botName,
      consoleErrors,
      failedRequests,
      close: () => browser.close(),
    };
  } catch (err) {
    await browser.close();
    throw err;
  }
}

// ---------------------------------------------------------------------------------------------
// Page helpers
// ---------------------------------------------------------------------------------------------

/** The compose box: a Lexical editor in 0.2.x, a textarea in older Playground versions. */
export function composer(page: Page): Locator {
  return page
    .locator('[data-lexical-editor="true"][contenteditable="true"]')
    .or(page.locator('textarea[placeholder^="Type a message"]'))
    .first();
}

/** Bot display names per page, read from the Playground's config when the page opened. */
const botNames = new WeakMap<Page, string>();

async function fetchBotName(url: string): Promise<string | undefined> {
  try {
    const res = await fetch(new URL('/_internal/v1/config', url));
    if (!res.ok) return undefined;
    return ((await res.json()) as PlaygroundResolvedConfig).config.bot.name;
  } catch {
    return undefined;
  }
}

function xpathLiteral(text: string): string {
  if (!text.includes('"')) return `"${text}"`;
  if (!text.includes("'")) return `'${text}'`;
  return `concat(${text
    .split('"')
    .map((part) => `"${part}"`)
    .join(`, '"', `)})`;
}

/**
 * Every bot message body, text or card, in DOM order. In chats that is oldest first (a card
 * updated in place keeps its place); in a channel the newest thread is at the top.
 *
 * Chats render bot messages in `.fai-OutputCard`. Channel replies have no such class: there
 * the body is the element after the header row that holds the bot's avatar
 * (`span[role=img][aria-label=<bot name>]`), which also matches the chat layout. The bot
 * name comes from `openPlayground`; for a page opened otherwise only chats are covered.
 */
export function botMessages(page: Page): Locator {
  const chat = page.locator('.fai-OutputCard');
  const name = botNames.get(page);
  if (!name) return chat;
  const avatar = `//span[@role="img" and @aria-label=${xpathLiteral(name)}]`;
  return chat.or(page.locator(`xpath=${avatar}/parent::div/following-sibling::div[1]`));
}

/** Every rendered Adaptive Card, oldest first. */
export function adaptiveCards(page: Page): Locator {
  return page.locator('.ac-adaptiveCard');
}

export interface SendMessageOptions {
  /**
   * @-mention the bot before the text: `true` for the Playground's bot, or a display name.
   * In a group chat or channel the Playground, like Teams, only delivers messages that
   * mention the bot; the bot then gets `<at>Name</at> text` plus a mention entity (use
   * `TurnContext.removeRecipientMention`).
   */
  mention?: boolean | string;
  timeoutMs?: number;
}

/** Types `text` as the current user and sends it (waits for the compose box first). */
export async function sendMessage(
  page: Page,
  text: string,
  options: SendMessageOptions = {},
): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 90_000;
  const box = composer(page);
  await box.waitFor({ state: 'visible', timeout: timeoutMs });
  await box.click();
  const mention = options.mention === true ? botNames.get(page) : options.mention || undefined;
  if (options.mention === true && !mention) {
    throw new Error('mention: true needs a page from openPlayground; pass the bot name instead');
  }
  if (mention) {
    await box.fill('');
    // "@" opens a picker of the chat's bots (role menuitem); picking one inserts a mention.
    await page.keyboard.type('@');
    await page
      .getByRole('menuitem')
      .filter({ hasText: mention })
      .first()
      .click({ timeout: timeoutMs });
    await page.keyboard.type(` ${text}`);
  } else {
    await box.fill(text);
  }
  const send = page
    .locator('button[aria-label="Send Message"]')
    .or(page.getByRole('button', { name: 'Post', exact: true }))
    .first();
  if (await send.isVisible()) await send.click();
  else await box.press('Enter');
  // The box empties once the Playground has taken the message.
  await waitUntil(
    async () => (await box.innerText()).trim() === '',
    timeoutMs,
    'the compose box to clear',
  );
}

/**
 * Waits for a bot message (text or Adaptive Card) containing `text` (a case-insensitive
 * substring, or a RegExp) and returns it.
 */
export async function waitForText(
  page: Page,
  text: string | RegExp,
  timeoutMs = 60_000,
): Promise<Locator> {
  const message = botMessages(page).filter({ hasText: text }).last();
  try {
    await message.waitFor({ state: 'visible', timeout: timeoutMs });
  } catch {
    const seen = await botMessages(page).allInnerTexts();
    throw new Error(
      `no bot message containing ${String(text)} within ${timeoutMs} ms; bot messages:\n` +
        seen.map((t, i) => `  [${i}] ${t.replace(/\s+/g, ' ').trim()}`).join('\n'),
    );
  }
  return message;
}

/** The text of the last bot message in DOM order, whitespace collapsed; '' if none. */
export async function lastBotMessageText(page: Page): Promise<string> {
  const all = botMessages(page);
  if ((await all.count()) === 0) return '';
  return (await all.last().innerText()).replace(/\s+/g, ' ').trim();
}

/** Clicks the action button titled `title` on the newest card that has one. */
export async function clickCardAction(
  page: Page,
  title: string,
  timeoutMs = 60_000,
): Promise<void> {
  const button = adaptiveCards(page).getByRole('button', { name: title, exact: true }).last();
  await button.click({ timeout: timeoutMs });
}

/**
 * Finds an input on the newest card that has it, by its label (exact, then as a substring, so
 * a required input's "Label *" matches) or its placeholder. Card input ids are not in the DOM.
 */
export async function cardInput(
  page: Page,
  labelOrPlaceholder: string,
  timeoutMs = 60_000,
): Promise<Locator> {
  const cards = adaptiveCards(page);
  const candidates = [
    cards.getByLabel(labelOrPlaceholder, { exact: true }),
    cards.getByPlaceholder(labelOrPlaceholder, { exact: true }),
    cards.getByLabel(labelOrPlaceholder),
  ];
  let found: Locator | undefined;
  await waitUntil(
    async () => {
      for (const candidate of candidates) {
        if ((await candidate.count()) > 0) {
          found = candidate.last();
          return true;
        }
      }
      return false;
    },
    timeoutMs,
    `a card input labelled "${labelOrPlaceholder}"`,
  );
  return found!;
}

/** Fills an Input.Text / Input.Number / Input.Date on the newest card that has it. */
export async function fillCardInput(
  page: Page,
  labelOrPlaceholder: string,
  value: string,
  timeoutMs = 60_000,
): Promise<void> {
  const input = await cardInput(page, labelOrPlaceholder, timeoutMs);
  await input.fill(value);
}

/**
 * Picks `choiceTitle` in an Input.ChoiceSet: a compact set (a combobox found by its label), or
 * an expanded one (radio buttons or checkboxes named by the choice titles).
 */
export async function selectCardChoice(
  page: Page,
  label: string,
  choiceTitle: string,
  timeoutMs = 60_000,
): Promise<void> {
  const cards = adaptiveCards(page);
  const combo = cards.getByRole('combobox', { name: label }).last();
  const option = cards
    .getByRole('radio', { name: choiceTitle, exact: true })
    .or(cards.getByRole('checkbox', { name: choiceTitle, exact: true }))
    .last();
  await combo.or(option).first().waitFor({ state: 'visible', timeout: timeoutMs });
  if ((await combo.count()) > 0) {
    await combo.click();
    await page
      .getByRole('option', { name: choiceTitle, exact: true })
      .click({ timeout: timeoutMs });
  } else {
    await option.check({ timeout: timeoutMs });
  }
}

/** Switches chat: "Personal Chat", "Group Chat", "My Team - General", "My Team - <channel>". */
export async function openChat(page: Page, name: string, timeoutMs = 60_000): Promise<void> {
  await page.getByRole('treeitem', { name, exact: true }).click({ timeout: timeoutMs });
  await composer(page).waitFor({ state: 'visible', timeout: timeoutMs });
}

async function waitUntil(
  check: () => Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await sleep(100);
  }
}
