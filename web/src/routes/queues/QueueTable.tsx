// The queue's table. Column headers with a sort key toggle it; rows open on click or Enter.
import { Badge, Paper, Table, Text, UnstyledButton } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppealListItem, AppealSort } from '../../api/contract.ts';
import { abilities, useMe } from '../../auth/session.ts';
import { DueBadge, StatusBadge, WHOLE } from '../../components/badges.tsx';
import { useDirectory } from '../../lib/directory.ts';
import { formatDateTime } from '../../lib/format.ts';

type SortKey = 'number' | 'createdAt' | 'dueAt';

const KIND_COLOR = { incident: 'red', thanks: 'green', question: 'blue', wish: 'violet', review: 'gray' } as const;

export function QueueTable({
  appeals,
  sort,
  onSort,
  refreshing,
}: {
  appeals: AppealListItem[];
  sort: AppealSort;
  onSort: (sort: AppealSort) => void;
  refreshing: boolean;
}) {
  const { t } = useTranslation();
  const dir = useDirectory();
  // Unit staff may not read customers; the server sends them no names.
  const namesVisible = abilities(useMe().role).readDirectory;
  const navigate = useNavigate();
  const [cursor, setCursor] = useState(0);
  const rows = useRef<(HTMLTableRowElement | null)[]>([]);
  const open = (a: AppealListItem) => void navigate({ to: '/appeals/$appealId', params: { appealId: a.id } });

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      if (
        target.closest('input, textarea, select, [contenteditable="true"], [role="listbox"]') ||
        e.altKey ||
        e.ctrlKey ||
        e.metaKey
      ) {
        return;
      }
      if (e.key === 'j' || e.key === 'ArrowDown') {
        setCursor((c) => Math.min(c + 1, appeals.length - 1));
      } else if (e.key === 'k' || e.key === 'ArrowUp') {
        setCursor((c) => Math.max(c - 1, 0));
      } else if (e.key === 'Enter' && appeals[cursor] && !target.closest('button, a')) {
        open(appeals[cursor]);
      } else {
        return;
      }
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });
  useEffect(() => {
    // Braces matter: Chromium's scrollIntoView returns a promise, which React would take for a clean-up.
    rows.current[cursor]?.scrollIntoView({ block: 'nearest' });
  }, [cursor]);

  const header = (key: SortKey | null, label: string, visibleFrom?: 'md') => {
    if (!key) {
      return <Table.Th visibleFrom={visibleFrom}>{label}</Table.Th>;
    }
    const active = sort === key || sort === `-${key}`;
    const descending = sort === `-${key}`;
    return (
      <Table.Th aria-sort={active ? (descending ? 'descending' : 'ascending') : 'none'}>
        <UnstyledButton
          fw={700}
          fz="sm"
          onClick={() => onSort((active && descending ? key : `-${key}`) as AppealSort)}
          aria-label={t('queues.sortBy', { column: label })}
        >
          {label} {active ? (descending ? '↓' : '↑') : ''}
        </UnstyledButton>
      </Table.Th>
    );
  };

  return (
    <Paper withBorder style={{ opacity: refreshing ? 0.85 : 1 }}>
      <Table.ScrollContainer minWidth={720}>
        <Table
          highlightOnHover
          verticalSpacing={6}
          horizontalSpacing="xs"
          fz="sm"
          aria-label={t('queues.table')}
          data-testid="queue-table"
        >
          <Table.Thead>
            <Table.Tr>
              {header('number', '№')}
              {header(null, `${t('appeal.kind')} · ${t('appeal.channel')}`)}
              {header('createdAt', t('appeal.subject'))}
              {header(null, t('appeal.customer'))}
              {header(null, t('appeal.unit'), 'md')}
              {header(null, t('appeal.status'))}
              {header(null, t('appeal.owner'))}
              {header('dueAt', t('appeal.due'))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {appeals.map((a, i) => (
              <Table.Tr
                key={a.id}
                ref={(el) => {
                  rows.current[i] = el;
                }}
                onClick={() => {
                  setCursor(i);
                  open(a);
                }}
                style={{ cursor: 'pointer' }}
                bg={i === cursor ? 'blue.0' : undefined}
                aria-selected={i === cursor}
                data-appeal-number={a.number}
              >
                <Table.Td>
                  <Text fw={600} size="sm">
                    {a.number}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge variant="dot" tt="none" fw={500} style={WHOLE} color={KIND_COLOR[a.kind]}>
                    {t(`kind.${a.kind}`)}
                  </Badge>
                  <Text size="xs" c="dimmed" mt={2}>
                    {t(`channel.${a.channel}`)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" truncate maw={{ base: 180, lg: 230, xl: 320 }} title={a.subject}>
                    {a.subject}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {formatDateTime(a.createdAt)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {a.customerName ? (
                    <Text size="sm" truncate maw={{ base: 130, lg: 150 }} title={a.customerName}>
                      {a.customerName}
                    </Text>
                  ) : (
                    <Text span c="dimmed" size="sm">
                      {a.customerId && namesVisible ? t('customer.unnamed') : '—'}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td visibleFrom="md">
                  <Text size="sm" maw={140}>
                    {dir.unitName(a.unitId)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <StatusBadge status={a.status} />
                </Table.Td>
                <Table.Td>
                  {a.ownerId ? (
                    <Text size="sm">{dir.userName(a.ownerId)}</Text>
                  ) : (
                    <Text span c="dimmed" size="sm">
                      {t('appeal.unassigned')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <DueBadge sla={a.sla} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
