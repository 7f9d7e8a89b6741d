// A message the next screen shows once, such as "visit saved" when the visit form closes and the
// elder's profile opens: the form is gone by then, so it cannot say so itself.

let pending: string | null = null;

export function flashNext(message: string): void {
  pending = message;
}

/** The message left for this screen, if any; it is shown once. */
export function takeFlash(): string | null {
  const message = pending;
  pending = null;
  return message;
}
