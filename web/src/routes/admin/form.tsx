// What every admin form shares: the server's field errors under their inputs, and the error no field owns.
import { Alert } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { errorMessage } from '../../components/states.tsx';
import { fieldErrors } from '../../lib/field-errors.ts';

/** Field errors keyed by the form's input: "aliases.2" lands on "aliases", "imap.host" stays "imap.host". */
export function formErrors(error: unknown, t: TFunction): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(fieldErrors(error, t))) {
    const key = path.replace(/\.\d+(?=\.|$)/g, '');
    out[key] = out[key] ? `${out[key]} ${message}` : message;
  }
  return out;
}

/** The refusal as a whole, shown when no input carries it (or to sum up what the inputs say). */
export function SaveError({ error, fields }: { error: unknown; fields: Record<string, string> }) {
  const { t } = useTranslation();
  if (!error) return null;
  const named = Object.keys(fields).length;
  return (
    <Alert color="red" role="alert" data-testid="save-error">
      {named && error instanceof ApiError && error.status < 500 ? t('admin.fixFields', { count: named }) : errorMessage(error, t)}
    </Alert>
  );
}

export const TIME_ZONES: string[] = (() => {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['Europe/Moscow', 'Europe/Kaliningrad', 'Europe/Samara', 'Asia/Yekaterinburg', 'Asia/Novosibirsk', 'Asia/Vladivostok', 'UTC'];
  }
})();
