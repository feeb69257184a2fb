/** The commands the bot understands in chat, in the order `help` lists them. */
export interface CommandInfo {
  command: string;
  description: string;
}

export const COMMANDS: CommandInfo[] = [
  {
    command: 'help',
    description: 'What I can do and how to reach your programme team',
  },
  {
    command: 'my pair',
    description: 'Who you are paired with and how your pairing is going',
  },
  {
    command: 'next meeting',
    description: 'When your next meeting is, or a nudge to plan it',
  },
  {
    command: 'log meeting',
    description: 'Record a meeting you held outside the plan',
  },
  { command: 'actions', description: 'The actions you agreed, with due dates' },
  {
    command: 'reflect',
    description: 'Write a private reflection on your last meeting',
  },
  {
    command: 'pause',
    description: 'Pause your pairing privately, without giving a reason',
  },
  { command: 'resume', description: 'Pick your pairing up again after a pause' },
  {
    command: 'end pairing',
    description: 'Ask to end your pairing, without blame',
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
