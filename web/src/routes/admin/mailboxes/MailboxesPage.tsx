// Mailboxes of the e-mail channel: list, create, edit, and "check mail now" for IMAP ones.
import { Badge, Button, Group, Paper, Stack, Table, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { adminKeys, mailboxesQuery, pollMailbox } from '../../../api/admin.ts';
import type { Mailbox } from '../../../api/contract.ts';
import { RequireAbility } from '../../../components/Forbidden.tsx';
import { EmptyState, errorMessage, QueryStates } from '../../../components/states.tsx';
import { useDirectory } from '../../../lib/directory.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { MailboxForm } from './MailboxForm.tsx';

function Mailboxes() {
  const { t } = useTranslation();
  const dir = useDirectory();
  const queryClient = useQueryClient();
  const mailboxes = useQuery(mailboxesQuery);
  const [editing, setEditing] = useState<Mailbox | 'new' | null>(null);
  const poll = useMutation({
    mutationFn: (id: string) => pollMailbox(id),
    onSuccess: (r) =>
      notifications.show({
        color: 'green',
        message: t('admin.mailboxes.polled', { fetched: r.fetched, stored: r.stored }),
      }),
    onError: (err) =>
      notifications.show({ color: 'red', title: t('admin.mailboxes.pollFailed'), message: errorMessage(err, t) }),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: adminKeys.mailboxes }),
  });

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text c="dimmed" size="sm">
          {t('admin.mailboxes.intro')}
        </Text>
        <Button onClick={() => setEditing('new')}>{t('admin.mailboxes.new')}</Button>
      </Group>
      <QueryStates
        query={mailboxes}
        rows={3}
        isEmpty={(data) => data.length === 0}
        empty={<EmptyState title={t('admin.mailboxes.empty')} hint={t('admin.mailboxes.emptyHint')} />}
      >
        {(data) => (
          <Paper withBorder>
            <Table.ScrollContainer minWidth={680}>
              <Table
                verticalSpacing={6}
                fz="sm"
                aria-label={t('admin.section.mailboxes')}
                data-testid="mailboxes-table"
              >
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('admin.mailboxes.address')}</Table.Th>
                    <Table.Th>{t('admin.mailboxes.inbound')}</Table.Th>
                    <Table.Th visibleFrom="md">{t('appeal.unit')}</Table.Th>
                    <Table.Th>{t('admin.mailboxes.kind')}</Table.Th>
                    <Table.Th>{t('admin.state')}</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.map((m) => (
                    <Table.Tr key={m.id} data-mailbox={m.address}>
                      <Table.Td>
                        <Text size="sm" fw={500}>
                          {m.address}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {m.name}
                          {m.aliases.length ? ` · +${m.aliases.length}` : ''}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{t(`admin.mailboxes.inboundMode.${m.inbound}`)}</Text>
                        {m.inbound === 'imap' &&
                          (m.imapState.lastError ? (
                            <Tooltip label={m.imapState.lastError} multiline w={300}>
                              <Text size="xs" c="red">
                                {t('admin.mailboxes.lastError')}
                              </Text>
                            </Tooltip>
                          ) : (
                            <Text size="xs" c="dimmed">
                              {t('admin.mailboxes.lastPoll')} {formatDateTime(m.imapState.lastPollAt)}
                            </Text>
                          ))}
                      </Table.Td>
                      <Table.Td visibleFrom="md">{dir.unitName(m.unitId)}</Table.Td>
                      <Table.Td>{t(`kind.${m.kind}`)}</Table.Td>
                      <Table.Td>
                        <Group gap={4}>
                          {m.active ? (
                            <Badge variant="light" color="green" style={{ minWidth: 'max-content' }}>
                              {t('admin.activeYes')}
                            </Badge>
                          ) : (
                            <Badge variant="light" color="gray" style={{ minWidth: 'max-content' }}>
                              {t('admin.activeNo')}
                            </Badge>
                          )}
                          {m.autoAck && (
                            <Badge variant="outline" tt="none">
                              {t('admin.mailboxes.autoAckShort')}
                            </Badge>
                          )}
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4} wrap="nowrap">
                          {m.inbound === 'imap' && (
                            <Button
                              size="compact-xs"
                              variant="light"
                              loading={poll.isPending && poll.variables === m.id}
                              onClick={() => poll.mutate(m.id)}
                            >
                              {t('admin.mailboxes.poll')}
                            </Button>
                          )}
                          <Button
                            size="compact-xs"
                            variant="subtle"
                            onClick={() => setEditing(m)}
                            aria-label={`${t('admin.edit')}: ${m.address}`}
                          >
                            {t('admin.edit')}
                          </Button>
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
        )}
      </QueryStates>
      {editing && <MailboxForm mailbox={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}

export function MailboxesPage() {
  return (
    <RequireAbility ability="manageSettings">
      <Mailboxes />
    </RequireAbility>
  );
}
