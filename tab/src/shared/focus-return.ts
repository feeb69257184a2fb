/**
 * What a change dialog leaves behind once it has gone. Fluent's focus manager (Tabster) hides the
 * rest of the page (`aria-hidden` on the page's top-level elements) while a modal dialog is
 * active. When a save closes the dialog and the view then redraws the row it came from, Tabster
 * can be left believing the dialog is still active, and the page stays hidden: a screen reader
 * would find nothing on it. So once the dialog has gone, and no other dialog is open, the page is
 * shown again, and focus, if it was left nowhere, goes back to where the dialog was opened from
 * (or the panel around it).
 */

const AROUND = '[role="tabpanel"], [role="region"], [data-testid$="-view"], main';

export interface FocusReturn {
  opener: HTMLElement | null;
  around: HTMLElement | null;
}

/** Notes, as a dialog opens, where focus should come back to. */
export function focusReturnFrom(active: Element | null): FocusReturn {
  const opener = active instanceof HTMLElement && active !== document.body ? active : null;
  return { opener, around: opener?.closest<HTMLElement>(AROUND) ?? null };
}

function dialogOpen(): boolean {
  return document.querySelector('[role="dialog"], [role="alertdialog"]') !== null;
}

/** The page's own top-level elements left hidden with no dialog open are shown again. */
export function showPageAgain(): void {
  if (dialogOpen()) return;
  for (const el of Array.from(document.body.children)) {
    if (el.getAttribute('aria-hidden') === 'true' && !el.hasAttribute('data-tabster-dummy')) {
      el.removeAttribute('aria-hidden');
    }
  }
}

/** After `delayMs` (the dialog's close): the page shown again, and focus back inside it. */
export function returnFocusLater(to: FocusReturn, delayMs: number): void {
  const settle = () => {
    showPageAgain();
    const active = document.activeElement;
    if (active && active !== document.body && active.isConnected) return;
    const el = [to.opener, to.around].find((e) => e?.isConnected);
    el?.focus({ preventScroll: true });
  };
  window.setTimeout(settle, delayMs);
  // Tabster updates what it hides a moment later; look again once the view has redrawn.
  window.setTimeout(showPageAgain, delayMs * 3);
}
