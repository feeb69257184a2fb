import manifest from '../../appPackage/manifest.json';
import { commandCatalogue } from '../../bot/src/app/bot-routes';

const COMMANDS = commandCatalogue();

describe('the manifest command list', () => {
  it('offers in personal chat exactly the commands the bot lists in help, in the same order', () => {
    const personal = manifest.bots[0]!.commandLists.find((list) =>
      list.scopes.includes('personal'),
    );
    expect(personal?.commands.map((c) => c.title)).toEqual(COMMANDS.map((c) => c.command));
  });
});
