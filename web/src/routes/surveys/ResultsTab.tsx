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

export function ResultsTab() {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<IndicesFilter>({ groupBy: 'unit' });
  const report = useQuery({ queryKey: [...surveyKeys.all, 'indices', filter], queryFn: () => fetchIndices(filter) });
  return (
    <Stack>
      <Group align="flex-end" wrap="wrap">
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t('surveys.groupBy')}
          </Text>
          <SegmentedControl
            value={filter.groupBy}
            onChange={(groupBy) => setFilter({ ...filter, groupBy: groupBy as Group })}
            data={GROUPS.map((group) => ({ value: group, label: t(`surveys.by.${group}`) }))}
          />
        </Stack>
        <TextInput
          type="date"
          label={t('surveys.from')}
          value={filter.from ?? ''}
          onChange={(event) => setFilter({ ...filter, from: event.currentTarget.value || undefined })}
        />
        <TextInput
          type="date"
          label={t('surveys.to')}
          value={filter.to ?? ''}
          onChange={(event) => setFilter({ ...filter, to: event.currentTarget.value || undefined })}
        />
        <Anchor href={csvUrl(filter)} download>
          {t('surveys.csv')}
        </Anchor>
      </Group>
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
        <Table.ScrollContainer minWidth={1100}>
          <Table striped withTableBorder stickyHeader>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('surveys.group')}</Table.Th>
                {(
                  [
                    'csat',
                    'nps',
                    'ces',
                    'staff',
                    'office',
                    'loyalty',
                    'response',
                    'conversion',
                    'coverage',
                    'fm',
                    'email',
                  ] as const
                ).map((column) => (
                  <Table.Th key={column}>{t(`surveys.col.${column}`)}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {report.data.items.map((row) => (
                <Table.Tr key={row.key ?? 'none'}>
                  <Table.Td>{row.label ?? row.key ?? t('surveys.none')}</Table.Td>
                  <Cell result={row.csat.satisfied} percent />
                  <Cell result={row.nps} digits={0} />
                  <Cell result={ces(row)} digits={2} />
                  <Cell result={row.staffDissatisfaction} percent />
                  <Cell result={row.officeDissatisfaction} percent />
                  <Cell result={row.emotionalLoyalty} digits={0} />
                  <Cell result={row.responseRate} percent />
                  <Cell result={row.exactConversion} percent />
                  <Cell result={row.visitorCoverage} percent digits={2} />
                  <Cell result={row.forceMajeureLevel} percent />
                  <Cell result={row.emailCaptureRate} percent />
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
