/**
 * Process entry (App Service runs `node bot/dist/main.js`). Everything it does is wired in app/.
 */
import { runProcess } from './app/main';

runProcess().catch((error: unknown) => {
  process.stderr.write(
    `Failed to start: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
