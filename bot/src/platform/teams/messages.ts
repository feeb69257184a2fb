import { excerpt } from '../../contracts/text';

/** Short plain-text replies, in one place so their tone stays consistent. */
export const MESSAGES = {
  nothingToDo: 'I did not catch that. Type "help" to see what I can do.',
  outOfTurn:
    'I could not tell what this button should do: the card may be from an older version. Nothing was changed. Type "help" to see what I can do.',
  composerInChat: 'I have sent you the announcement composer in our one-to-one chat.',
  openChatFirst:
    'Open a one-to-one chat with me first (search for Reverse mentoring in Teams chat), then say "announce" there.',
  coordinatorsOnly:
    'Announcements are sent by your programme team. If you have something to share with your cohort, ask them.',
  unknown: (text: string) =>
    `Sorry, I don't know "${excerpt(text)}" yet. Here is what I can help with:`,
  comingSoon: (command: string) =>
    `"${command}" is coming soon. Type "help" to see what works today.`,
  notSignedIn:
    'I could not tell who you are. Please message me from Microsoft Teams with your work account.',
  noPair:
    "You're not paired with anyone yet. Your programme team will introduce you when pairs are matched.",
  tryAgainShortly:
    "Sorry, I can't reach the programme's records just now. Nothing is lost: please try again in a few minutes.",
  apology: (reference: string) =>
    `Sorry, something went wrong on my side. Please try again; if it keeps happening, tell your programme team and quote reference ${reference}.`,
};
