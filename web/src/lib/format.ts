// Dates, times and sizes in the user's language.
import i18n from 'i18next';

const locale = () => (i18n.language === 'en' ? 'en-GB' : 'ru-RU');

// Making a formatter costs far more than using one, and a queue page formats hundreds of dates.
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) {
    return '—';
  }
  const lang = locale();
  let format = dateTimeFormats.get(lang);
  if (!format) {
    dateTimeFormats.set(lang, (format = new Intl.DateTimeFormat(lang, { dateStyle: 'short', timeStyle: 'short' })));
  }
  return format.format(new Date(iso));
}

export function formatRelative(iso: string, now = Date.now()): string {
  const minutes = Math.round((new Date(iso).getTime() - now) / 60_000);
  const rtf = new Intl.RelativeTimeFormat(locale(), { numeric: 'auto' });
  if (Math.abs(minutes) < 60) {
    return rtf.format(minutes, 'minute');
  }
  const hours = Math.round(minutes / 60);
  if (Math.abs(hours) < 48) {
    return rtf.format(hours, 'hour');
  }
  return rtf.format(Math.round(hours / 24), 'day');
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${new Intl.NumberFormat(locale(), { maximumFractionDigits: unit ? 1 : 0 }).format(value)} ${units[unit]}`;
}
