// The queue's table. Column headers with a sort key toggle it; rows open on click or Enter.
import { Paper, Table, UnstyledButton } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { AppealListItem, AppealSort } from '../../api/contract.ts';
import { QueueRow } from './QueueRow.tsx';
import { useQueueKeyboard } from './useQueueKeyboard.ts';

type SortKey = 'number' | 'createdAt' | 'dueAt';

/** A column header that sorts by its key: descending first, then ascending. */
function SortHeader({
  sortKey,
  label,
  sort,
  onSort,
}: {
  sortKey: SortKey;
  label: string;
  sort: AppealSort;
  onSort: (sort: AppealSort) => void;
}) {
  const { t } = useTranslation();
  const active = sort === sortKey || sort === `-${sortKey}`;
  const descending = sort === `-${sortKey}`;
  return (
    <Table.Th aria-sort={active ? (descending ? 'descending' : 'ascending') : 'none'}>
      <UnstyledButton
        fw={700}
        fz="sm"
        onClick={() => onSort(active && descending ? sortKey : `-${sortKey}`)}
        aria-label={t('queues.sortBy', { column: label })}
      >
        {label} {active ? (descending ? '↓' : '↑') : ''}
      </UnstyledButton>
    </Table.Th>
  );
}

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
  const navigate = useNavigate();
  const open = (appeal: AppealListItem) => void navigate({ to: '/appeals/$appealId', params: { appealId: appeal.id } });
  const { cursor, setCursor, rowRef } = useQueueKeyboard(appeals, open);
  const sorting = { sort, onSort };

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
              <SortHeader sortKey="number" label="№" {...sorting} />
              <Table.Th>{`${t('appeal.kind')} · ${t('appeal.channel')}`}</Table.Th>
              <SortHeader sortKey="createdAt" label={t('appeal.subject')} {...sorting} />
              <Table.Th>{t('appeal.customer')}</Table.Th>
              <Table.Th visibleFrom="md">{t('appeal.unit')}</Table.Th>
              <Table.Th>{t('appeal.status')}</Table.Th>
              <Table.Th>{t('appeal.owner')}</Table.Th>
              <SortHeader sortKey="dueAt" label={t('appeal.due')} {...sorting} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {appeals.map((appeal, index) => (
              <QueueRow
                key={appeal.id}
                appeal={appeal}
                selected={index === cursor}
                rowRef={rowRef(index)}
                onOpen={() => {
                  setCursor(index);
                  open(appeal);
                }}
              />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
