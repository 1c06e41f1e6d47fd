// The indices table: one row per unit, staff member, month…, every index with its n and 95 % interval; CSV download.
import { Anchor, Group, SegmentedControl, Stack, Table, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorState, TableSkeleton } from '../../components/states.tsx';
import type { IndexRow } from '../../api/contract.ts';
import { csvUrl, fetchIndices, surveyKeys, type IndicesFilter } from './api.ts';

/** One index of a row: its value, sample size and 95 % interval. */
type Result = IndexRow['responseRate'];

const GROUPS = ['unit', 'staff', 'month', 'category', 'channel', 'all'] as const;
type Group = (typeof GROUPS)[number];

/** A share as a percentage, a score as it is; the interval in brackets and the sample size below. */
function Cell({ result, percent = false, digits = 1 }: { result: Result; percent?: boolean; digits?: number }) {
  const format = (value: number) => (percent ? `${(value * 100).toFixed(digits)} %` : value.toFixed(digits));
  if (result.value === null) {
    return <Table.Td c="dimmed">—</Table.Td>;
  }
  return (
    <Table.Td>
      <Text size="sm" fw={500}>
        {format(result.value)}
      </Text>
      <Text size="xs" c="dimmed">
        {result.ci ? `[${format(result.ci.low)}; ${format(result.ci.high)}] ` : ''}n={result.n}
      </Text>
    </Table.Td>
  );
}

const ces = (row: IndexRow) => (row.ces.mean1to7.n >= row.ces.mean1to5.n ? row.ces.mean1to7 : row.ces.mean1to5);

/** The table's columns after the group: each index, how it reads (a share or a score) and its precision. */
const COLUMNS: { column: string; result: (row: IndexRow) => Result; percent?: boolean; digits?: number }[] = [
  { column: 'csat', result: (row) => row.csat.satisfied, percent: true },
  { column: 'nps', result: (row) => row.nps, digits: 0 },
  { column: 'ces', result: ces, digits: 2 },
  { column: 'staff', result: (row) => row.staffDissatisfaction, percent: true },
  { column: 'office', result: (row) => row.officeDissatisfaction, percent: true },
  { column: 'loyalty', result: (row) => row.emotionalLoyalty, digits: 0 },
  { column: 'response', result: (row) => row.responseRate, percent: true },
  { column: 'conversion', result: (row) => row.exactConversion, percent: true },
  { column: 'coverage', result: (row) => row.visitorCoverage, percent: true, digits: 2 },
  { column: 'fm', result: (row) => row.forceMajeureLevel, percent: true },
  { column: 'email', result: (row) => row.emailCaptureRate, percent: true },
];

function IndicesTable({ rows }: { rows: IndexRow[] }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={1100} scrollAreaProps={{ viewportProps: { tabIndex: 0 } }}>
      <Table striped withTableBorder stickyHeader>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('surveys.group')}</Table.Th>
            {COLUMNS.map(({ column }) => (
              <Table.Th key={column}>{t(`surveys.col.${column}`)}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.key ?? 'none'}>
              <Table.Td>{row.label ?? row.key ?? t('surveys.none')}</Table.Td>
              {COLUMNS.map(({ column, result, percent, digits }) => (
                <Cell key={column} result={result(row)} percent={percent} digits={digits} />
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function IndicesFilters({ filter, onChange }: { filter: IndicesFilter; onChange: (filter: IndicesFilter) => void }) {
  const { t } = useTranslation();
  return (
    <Group align="flex-end" wrap="wrap">
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          {t('surveys.groupBy')}
        </Text>
        <SegmentedControl
          value={filter.groupBy}
          onChange={(groupBy) => onChange({ ...filter, groupBy: groupBy as Group })}
          data={GROUPS.map((group) => ({ value: group, label: t(`surveys.by.${group}`) }))}
        />
      </Stack>
      <TextInput
        type="date"
        label={t('surveys.from')}
        value={filter.from ?? ''}
        onChange={(event) => onChange({ ...filter, from: event.currentTarget.value || undefined })}
      />
      <TextInput
        type="date"
        label={t('surveys.to')}
        value={filter.to ?? ''}
        onChange={(event) => onChange({ ...filter, to: event.currentTarget.value || undefined })}
      />
      <Anchor href={csvUrl(filter)} download>
        {t('surveys.csv')}
      </Anchor>
    </Group>
  );
}

export function ResultsTab() {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<IndicesFilter>({ groupBy: 'unit' });
  const report = useQuery({ queryKey: [...surveyKeys.all, 'indices', filter], queryFn: () => fetchIndices(filter) });
  return (
    <Stack>
      <IndicesFilters filter={filter} onChange={setFilter} />
      {report.data && (
        <Text size="xs" c="dimmed">
          {t('surveys.k', { k: report.data.correctionCoefficient })} · {t('surveys.ciHint')}
        </Text>
      )}
      {report.isPending ? (
        <TableSkeleton />
      ) : report.isError ? (
        <ErrorState error={report.error} />
      ) : report.data.items.length === 0 ? (
        <EmptyState title={t('surveys.empty')} />
      ) : (
        <IndicesTable rows={report.data.items} />
      )}
    </Stack>
  );
}
