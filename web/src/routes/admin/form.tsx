// What every admin form shares: the server's field errors under their inputs, and the error no field owns.
import { Alert, Button, Group } from '@mantine/core';
import { type QueryKey, useMutation, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { errorMessage } from '../../components/states.tsx';
import { fieldErrors, gatherByKey } from '../../lib/field-errors.ts';

/** Field errors keyed by the form's input: "aliases.2" lands on "aliases", "imap.host" stays "imap.host". */
export const formErrors = (error: unknown, translate: TFunction): Record<string, string> =>
  gatherByKey(Object.entries(fieldErrors(error, translate)), (path) => path.replace(/\.\d+(?=\.|$)/g, ''));

/** The refusal as a whole, shown when no input carries it (or to sum up what the inputs say). */
export function SaveError({ error, fields }: { error: unknown; fields: Record<string, string> }) {
  const { t } = useTranslation();
  if (!error) {
    return null;
  }
  const named = Object.keys(fields).length;
  return (
    <Alert color="red" role="alert" data-testid="save-error">
      {named && error instanceof ApiError && error.status < 500
        ? t('admin.fixFields', { count: named })
        : errorMessage(error, t)}
    </Alert>
  );
}

/** Column widths of the admin forms' grids: full on a phone, a share of the row from "sm" up. */
export const SPAN = {
  half: { base: 12, sm: 6 },
  third: { base: 12, sm: 4 },
  quarter: { base: 6, sm: 3 },
} as const;

export const TIME_ZONES: string[] = (() => {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [
      'Europe/Moscow',
      'Europe/Kaliningrad',
      'Europe/Samara',
      'Asia/Yekaterinburg',
      'Asia/Novosibirsk',
      'Asia/Vladivostok',
      'UTC',
    ];
  }
})();

/**
 * A form's save, given the request to send (a create or an update: their bodies differ); then the list it changed
 * is fetched again and the form closes.
 */
export function useSaveAndClose(queryKey: QueryKey, onClose: () => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (send: () => Promise<unknown>) => send(),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey });
      onClose();
    },
  });
}

/** The foot of a form: what the server refused, then Cancel and Save. */
export function FormFooter({
  save,
  errors,
  onCancel,
}: {
  save: { error: unknown; isPending: boolean };
  errors: Record<string, string>;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <SaveError error={save.error} fields={errors} />
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" loading={save.isPending}>
          {t('common.save')}
        </Button>
      </Group>
    </>
  );
}
