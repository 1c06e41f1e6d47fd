// What every admin form shares: the server's field errors under their inputs, and the error no field owns.
import { Alert, Button, Group, Modal, Stack, Switch, type MantineSize } from '@mantine/core';
import { type QueryKey, useMutation, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import type { FormEvent, ReactNode } from 'react';
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

/** Cancel and Save, at the foot of a form. */
export function FormButtons({
  onCancel,
  saving,
  cancelWhileSaving = true,
}: {
  onCancel: () => void;
  saving: boolean;
  /** Whether Cancel stays usable while the save is on its way. */
  cancelWhileSaving?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onCancel} disabled={saving && !cancelWhileSaving}>
        {t('common.cancel')}
      </Button>
      <Button type="submit" loading={saving}>
        {t('common.save')}
      </Button>
    </Group>
  );
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
  return (
    <>
      <SaveError error={save.error} fields={errors} />
      <FormButtons onCancel={onCancel} saving={save.isPending} />
    </>
  );
}

/** An admin form in its dialog: the title names the dialog and the form. */
export function FormModal({
  title,
  onClose,
  onSubmit,
  size,
  testId,
  children,
}: {
  title: string;
  onClose: () => void;
  onSubmit: (event: FormEvent) => void;
  size?: MantineSize;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <Modal opened onClose={onClose} title={title} size={size}>
      <Stack component="form" gap="sm" onSubmit={onSubmit} aria-label={title} data-testid={testId}>
        {children}
      </Stack>
    </Modal>
  );
}

/** Whether a thing that exists is in use; a new one always is, so the switch shows only when editing. */
export function ActiveSwitch({
  checked,
  onChange,
  label,
}: {
  checked: boolean;
  onChange: (active: boolean) => void;
  label?: string;
}) {
  const { t } = useTranslation();
  return (
    <Switch
      label={label ?? t('admin.active')}
      checked={checked}
      onChange={(event) => onChange(event.currentTarget.checked)}
    />
  );
}
