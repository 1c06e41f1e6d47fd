// API tokens: a user's own (an administrator sees everyone's). The secret is shown once, at creation.
import { Badge, Button, Code, Group, Modal, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { adminKeys, revokeToken, tokensQuery } from '../../../api/admin.ts';
import type { ApiToken } from '../../../api/contract.ts';
import { usersQuery } from '../../../api/queries.ts';
import { abilities, useMe } from '../../../auth/session.ts';
import { DataTable, type Column } from '../../../components/DataTable.tsx';
import { EmptyState } from '../../../components/states.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { SaveError } from '../form.tsx';
import { ActiveBadge } from '../list.tsx';
import { NewToken, TokenSecret } from './NewToken.tsx';

function TokenState({ token }: { token: ApiToken }) {
  const { t } = useTranslation();
  if (token.revokedAt) {
    return (
      <Badge color="gray" variant="light">
        {t('admin.tokens.revoked')}
      </Badge>
    );
  }
  if (token.expiresAt && new Date(token.expiresAt) < new Date()) {
    return (
      <Badge color="orange" variant="light">
        {t('admin.tokens.expired')}
      </Badge>
    );
  }
  return <ActiveBadge active />;
}

/** Asks before revoking a token: whatever uses it stops working at once. */
function RevokeDialog({ token, onClose }: { token: ApiToken | null; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const revoke = useMutation({
    mutationFn: (id: string) => revokeToken(id),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: adminKeys.tokens });
      onClose();
    },
  });
  return (
    <Modal opened={token !== null} onClose={onClose} title={t('admin.tokens.revokeTitle')}>
      <Stack gap="md">
        <Text size="sm">{t('admin.tokens.revokeHint', { name: token?.name ?? '' })}</Text>
        {revoke.isError && <SaveError error={revoke.error} fields={{}} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button color="red" loading={revoke.isPending} onClick={() => token && revoke.mutate(token.id)}>
            {t('admin.tokens.revoke')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** The tokens' columns; the owner's only for an administrator, who sees everyone's tokens. */
function useTokenColumns(seesAll: boolean): Column<ApiToken>[] {
  const { t } = useTranslation();
  const me = useMe();
  const users = useQuery(usersQuery(seesAll));
  const userName = new Map((users.data ?? []).map((user) => [user.id, user.name]));
  const owner: Column<ApiToken> = {
    header: t('admin.tokens.owner'),
    cell: (token) => (token.userId === me.id ? me.name : (userName.get(token.userId) ?? '…')),
  };
  return [
    { header: t('admin.tokens.name'), cellProps: () => ({ fw: 500 }), cell: (token) => token.name },
    { header: t('admin.tokens.prefix'), cell: (token) => <Code>{token.prefix}…</Code> },
    ...(seesAll ? [owner] : []),
    { header: t('admin.tokens.created'), wide: true, cell: (token) => formatDateTime(token.createdAt) },
    { header: t('admin.tokens.lastUsed'), wide: true, cell: (token) => formatDateTime(token.lastUsedAt) },
    { header: t('admin.state'), cell: (token) => <TokenState token={token} /> },
  ];
}

export function TokensPage() {
  const { t } = useTranslation();
  const seesAll = abilities(useMe().role).manageAnyToken;
  const tokens = useQuery(tokensQuery);
  const columns = useTokenColumns(seesAll);
  const [secret, setSecret] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);

  return (
    <Stack gap="sm">
      <Text c="dimmed" size="sm">
        {seesAll ? t('admin.tokens.introAll') : t('admin.tokens.intro')}
      </Text>
      <NewToken onCreated={setSecret} />
      {secret && <TokenSecret secret={secret} onClose={() => setSecret(null)} />}
      <DataTable
        query={tokens}
        rows={(data) => data}
        rowKey={(token) => token.id}
        rowProps={(token) => ({ 'data-token-name': token.name })}
        columns={columns}
        actions={(token) =>
          !token.revokedAt && (
            <Button
              size="compact-xs"
              color="red"
              variant="subtle"
              onClick={() => setRevoking(token)}
              aria-label={`${t('admin.tokens.revoke')}: ${token.name}`}
            >
              {t('admin.tokens.revoke')}
            </Button>
          )
        }
        empty={<EmptyState title={t('admin.tokens.empty')} hint={t('admin.tokens.emptyHint')} />}
        label={t('admin.section.tokens')}
        testId="tokens-table"
        skeletonRows={3}
      />
      <RevokeDialog token={revoking} onClose={() => setRevoking(null)} />
    </Stack>
  );
}
