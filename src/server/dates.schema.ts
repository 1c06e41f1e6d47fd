// Instants and days a request may name. PostgreSQL stores timestamps from 4713 BC to 294276 AD and JavaScript
// dates reach 275760 AD, but an appeal, a purchase or a report period lies between 1900 and 9999: anything
// outside is a typing error (0000-01-01 would be stored as 1 BC), refused with a 400 naming the field.
import { z } from 'zod';

export const EARLIEST_DAY = '1900-01-01';
export const LATEST_DAY = '9999-12-31';

const inRange = (text: string) => {
  const time = Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text);
  return (
    Number.isFinite(time) &&
    time >= Date.parse(`${EARLIEST_DAY}T00:00:00Z`) &&
    time < Date.parse(`${LATEST_DAY}T23:59:59.999Z`) + 1
  );
};
const outOfRange = {
  message: `The date must lie between ${EARLIEST_DAY} and ${LATEST_DAY}`,
  params: { code: 'date_out_of_range' },
};

/** An ISO 8601 instant with its offset (2026-03-01T09:30:00+03:00), between 1900 and 9999. */
export const instant = () => z.iso.datetime({ offset: true }).refine(inRange, outOfRange);

/** An ISO 8601 day (2026-03-01), between 1900 and 9999. */
export const day = () => z.iso.date().refine(inRange, outOfRange);
