/** The commands the bot understands in chat, in the order `help` lists them. */
export interface CommandInfo {
  command: string;
  description: string;
  /** Whether the command works yet; later capabilities switch these on. */
  available: boolean;
}

export const COMMANDS: CommandInfo[] = [
  {
    command: 'help',
    description: 'What I can do and how to reach your programme team',
    available: true,
  },
  {
    command: 'my pair',
    description: 'Who you are paired with and how your pairing is going',
    available: true,
  },
  {
    command: 'next meeting',
    description: 'When your next meeting is, or a nudge to plan it',
    available: true,
  },
  {
    command: 'log meeting',
    description: 'Record a meeting you held outside the plan',
    available: true,
  },
  { command: 'actions', description: 'The actions you agreed, with due dates', available: true },
  {
    command: 'reflect',
    description: 'Write a private reflection on your last meeting',
    available: true,
  },
  {
    command: 'pause',
    description: 'Pause your pairing privately, without giving a reason',
    available: true,
  },
  { command: 'resume', description: 'Pick your pairing up again after a pause', available: true },
  {
    command: 'end pairing',
    description: 'Ask to end your pairing, without blame',
    available: true,
  },
];

/** Lower-cases, trims and collapses spaces so "  My  Pair " matches "my pair". */
export function normaliseCommand(text: string): string {
  return text
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .trim()
    .replace(/\s+/g, ' ')
    .toLowerCase();
}

export function findCommand(text: string): CommandInfo | undefined {
  const normalised = normaliseCommand(text);
  return COMMANDS.find((c) => c.command === normalised);
}
