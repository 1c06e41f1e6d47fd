// Creating an API token: its name and an optional expiry date; the secret the answer carries is shown once.
import { Alert, Button, Code, CopyButton, Group, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { adminKeys, createToken } from '../../../api/admin.ts';
import { formErrors, SaveError } from '../form.tsx';

export function NewToken({ onCreated }: { onCreated: (secret: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [expires, setExpires] = useState('');
  const create = useMutation({
    mutationFn: () =>
      createToken({
        name: name.trim(),
        // The end of the chosen day, in the user's time zone.
        ...(expires ? { expiresAt: new Date(`${expires}T23:59:59`).toISOString() } : {}),
      }),
    onSuccess: (token) => {
      void queryClient.invalidateQueries({ queryKey: adminKeys.tokens });
      setName('');
      setExpires('');
      onCreated(token.token);
    },
  });
  const errors = formErrors(create.error, t);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <Paper withBorder p="sm" component="form" onSubmit={submit} aria-label={t('admin.tokens.new')}>
      <Group align="flex-end" gap="sm">
        <TextInput
          label={t('admin.tokens.name')}
          placeholder={t('admin.tokens.namePlaceholder')}
          required
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          error={errors.name}
          style={{ flex: 1, minWidth: 200 }}
        />
        <TextInput
          label={t('admin.tokens.expires')}
          type="date"
          value={expires}
          onChange={(event) => setExpires(event.currentTarget.value)}
          error={errors.expiresAt}
        />
        <Button type="submit" loading={create.isPending}>
          {t('admin.tokens.create')}
        </Button>
      </Group>
      {create.isError && Object.keys(errors).length === 0 && <SaveError error={create.error} fields={errors} />}
    </Paper>
  );
}

/** A new token's secret, to copy now: the server never shows it again. */
export function TokenSecret({ secret, onClose }: { secret: string; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert
      color="green"
      title={t('admin.tokens.secretTitle')}
      withCloseButton
      onClose={onClose}
      data-testid="token-secret"
    >
      <Stack gap={6}>
        <Text size="sm">{t('admin.tokens.secretHint')}</Text>
        <Group gap="xs" wrap="nowrap">
          <Code style={{ wordBreak: 'break-all' }} data-testid="token-value">
            {secret}
          </Code>
          <CopyButton value={secret}>
            {({ copied, copy }) => (
              <Button size="compact-xs" variant="light" onClick={copy}>
                {copied ? t('admin.tokens.copied') : t('admin.tokens.copy')}
              </Button>
            )}
          </CopyButton>
        </Group>
      </Stack>
    </Alert>
  );
}
