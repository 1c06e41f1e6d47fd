// Working hours as a calendar's form types them ("09:00–18:00, 19:00–21:00") and as the API holds them. Pure.
import type { Calendar } from '../../../api/contract.ts';
import { gatherByKey } from '../../../lib/field-errors.ts';

export type Interval = Calendar['week'][number][number];

export const WEEKDAYS = [0, 1, 2, 3, 4, 5, 6];
/** A new calendar's week: nine to six, Monday to Friday. */
export const defaultHours = (weekday: number): Interval[] => (weekday < 5 ? [{ start: '09:00', end: '18:00' }] : []);

export const formatIntervals = (intervals: Interval[]) =>
  intervals.map((interval) => `${interval.start}–${interval.end}`).join(', ');

/** "09:00-18:00, 19:00–21:00" as intervals; what does not parse is kept for the server to name. */
export function parseIntervals(text: string): Interval[] {
  return text
    .split(/[,;]/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [start = '', end = ''] = part.split(/\s*[-–—]\s*/);
      return { start: start.padStart(5, '0'), end: end.padStart(5, '0') };
    });
}

/** "week.2.0.start" lands on Wednesday's input, "exceptions.1.date" on the second holiday. */
export const calendarErrors = (errors: Record<string, string>) =>
  gatherByKey(Object.entries(errors), (path) => /^(week\.\d+|exceptions\.\d+)/.exec(path)?.[1] ?? path);

/** A date that differs from its weekday, as the form edits it. */
export interface ExceptionDraft {
  date: string;
  name: string;
  hours: string;
}
