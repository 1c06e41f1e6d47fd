// API tokens: a user's own (an administrator sees everyone's). The secret is shown once, at creation.
import {
  Alert,
  Badge,
  Button,
  Code,
  CopyButton,
  Group,
  Modal,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { adminKeys, createToken, revokeToken, tokensQuery } from '../../../api/admin.ts';
import type { ApiToken } from '../../../api/contract.ts';
import { usersQuery } from '../../../api/queries.ts';
import { abilities, useMe } from '../../../auth/session.ts';
import { EmptyState, QueryStates } from '../../../components/states.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { formErrors, SaveError } from '../form.tsx';

function NewToken({ onCreated }: { onCreated: (secret: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [expires, setExpires] = useState('');
  const create = useMutation({
    mutationFn: () =>
      createToken({
        name: name.trim(),
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
  const submit = (e: FormEvent) => {
    e.preventDefault();
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
          onChange={(e) => setName(e.currentTarget.value)}
          error={errors.name}
          style={{ flex: 1, minWidth: 200 }}
        />
        <TextInput
          label={t('admin.tokens.expires')}
          type="date"
          value={expires}
          onChange={(e) => setExpires(e.currentTarget.value)}
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

export function TokensPage() {
  const { t } = useTranslation();
  const me = useMe();
  const seesAll = abilities(me.role).manageAnyToken;
  const queryClient = useQueryClient();
  const tokens = useQuery(tokensQuery);
  const users = useQuery(usersQuery(seesAll));
  const userName = new Map((users.data ?? []).map((u) => [u.id, u.name]));
  const [secret, setSecret] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const revoke = useMutation({
    mutationFn: (id: string) => revokeToken(id),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: adminKeys.tokens });
      setRevoking(null);
    },
  });

  return (
    <Stack gap="sm">
      <Text c="dimmed" size="sm">
        {seesAll ? t('admin.tokens.introAll') : t('admin.tokens.intro')}
      </Text>
      <NewToken onCreated={setSecret} />
      {secret && (
        <Alert
          color="green"
          title={t('admin.tokens.secretTitle')}
          withCloseButton
          onClose={() => setSecret(null)}
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
      )}
      <QueryStates
        query={tokens}
        rows={3}
        isEmpty={(data) => data.length === 0}
        empty={<EmptyState title={t('admin.tokens.empty')} hint={t('admin.tokens.emptyHint')} />}
      >
        {(data) => (
          <Paper withBorder>
            <Table.ScrollContainer minWidth={640}>
              <Table verticalSpacing={6} fz="sm" aria-label={t('admin.section.tokens')} data-testid="tokens-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('admin.tokens.name')}</Table.Th>
                    <Table.Th>{t('admin.tokens.prefix')}</Table.Th>
                    {seesAll && <Table.Th>{t('admin.tokens.owner')}</Table.Th>}
                    <Table.Th visibleFrom="md">{t('admin.tokens.created')}</Table.Th>
                    <Table.Th visibleFrom="md">{t('admin.tokens.lastUsed')}</Table.Th>
                    <Table.Th>{t('admin.state')}</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.map((k) => (
                    <Table.Tr key={k.id} data-token-name={k.name}>
                      <Table.Td fw={500}>{k.name}</Table.Td>
                      <Table.Td>
                        <Code>{k.prefix}…</Code>
                      </Table.Td>
                      {seesAll && <Table.Td>{k.userId === me.id ? me.name : (userName.get(k.userId) ?? '…')}</Table.Td>}
                      <Table.Td visibleFrom="md">{formatDateTime(k.createdAt)}</Table.Td>
                      <Table.Td visibleFrom="md">{formatDateTime(k.lastUsedAt)}</Table.Td>
                      <Table.Td>
                        {k.revokedAt ? (
                          <Badge color="gray" variant="light">
                            {t('admin.tokens.revoked')}
                          </Badge>
                        ) : k.expiresAt && new Date(k.expiresAt) < new Date() ? (
                          <Badge color="orange" variant="light">
                            {t('admin.tokens.expired')}
                          </Badge>
                        ) : (
                          <Badge color="green" variant="light" style={{ minWidth: 'max-content' }}>
                            {t('admin.activeYes')}
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td>
                        {!k.revokedAt && (
                          <Button
                            size="compact-xs"
                            color="red"
                            variant="subtle"
                            onClick={() => setRevoking(k)}
                            aria-label={`${t('admin.tokens.revoke')}: ${k.name}`}
                          >
                            {t('admin.tokens.revoke')}
                          </Button>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
        )}
      </QueryStates>
      <Modal opened={revoking !== null} onClose={() => setRevoking(null)} title={t('admin.tokens.revokeTitle')}>
        <Stack gap="md">
          <Text size="sm">{t('admin.tokens.revokeHint', { name: revoking?.name ?? '' })}</Text>
          {revoke.isError && <SaveError error={revoke.error} fields={{}} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRevoking(null)}>
              {t('common.cancel')}
            </Button>
            <Button color="red" loading={revoke.isPending} onClick={() => revoking && revoke.mutate(revoking.id)}>
              {t('admin.tokens.revoke')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
