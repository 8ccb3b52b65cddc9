/**
 * The notice rule form's pure parts: times of day as the server keeps them (minutes since
 * local midnight) and the list of numbers as the person types it.
 */

/** "HH:MM" for minutes since midnight; 1440 (the end of the day) is "24:00". */
export function clockOf(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** Minutes since midnight of an "HH:MM" from a time field, or undefined. */
export function minutesOf(clock: string): number | undefined {
  const match = /^(\d{1,2}):(\d{2})$/.exec(clock.trim());
  if (!match) return undefined;
  const h = Number(match[1]);
  const m = Number(match[2]);
  if (h > 23 || m > 59) return undefined;
  return h * 60 + m;
}

/** Numbers typed with commas, semicolons or new lines between them; blanks dropped, spaces inside kept out. */
export function numbersOf(text: string): string[] {
  return text
    .split(/[,;\n]/)
    .map((n) => n.replace(/\s+/g, ''))
    .filter((n) => n.length > 0);
}

/** The person's offset from UTC in minutes (east positive), as the server wants it. */
export function utcOffsetNow(date = new Date()): number {
  return -date.getTimezoneOffset();
}
