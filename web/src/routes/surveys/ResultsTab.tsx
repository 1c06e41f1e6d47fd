// The indices table: one row per unit, staff member, month…, every index with its n and 95 % interval; CSV download.
import { Anchor, Group, SegmentedControl, Stack, Table, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorState, TableSkeleton } from '../../components/states.tsx';
import { csvUrl, fetchIndices, type IndexRow, type IndicesFilter, type Result, surveyKeys } from './api.ts';

const GROUPS = ['unit', 'staff', 'month', 'category', 'channel', 'all'] as const;

/** A share as a percentage, a score as it is; the interval in brackets and the sample size below. */
function Cell({ r, percent = false, digits = 1 }: { r: Result; percent?: boolean; digits?: number }) {
  const f = (x: number) => (percent ? `${(x * 100).toFixed(digits)} %` : x.toFixed(digits));
  if (r.value === null) {
    return <Table.Td c="dimmed">—</Table.Td>;
  }
  return (
    <Table.Td>
      <Text size="sm" fw={500}>
        {f(r.value)}
      </Text>
      <Text size="xs" c="dimmed">
        {r.ci ? `[${f(r.ci.low)}; ${f(r.ci.high)}] ` : ''}n={r.n}
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
            onChange={(groupBy) => setFilter({ ...filter, groupBy })}
            data={GROUPS.map((g) => ({ value: g, label: t(`surveys.by.${g}`) }))}
          />
        </Stack>
        <TextInput
          type="date"
          label={t('surveys.from')}
          value={filter.from ?? ''}
          onChange={(e) => setFilter({ ...filter, from: e.currentTarget.value || undefined })}
        />
        <TextInput
          type="date"
          label={t('surveys.to')}
          value={filter.to ?? ''}
          onChange={(e) => setFilter({ ...filter, to: e.currentTarget.value || undefined })}
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
                ).map((c) => (
                  <Table.Th key={c}>{t(`surveys.col.${c}`)}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {report.data.items.map((row) => (
                <Table.Tr key={row.key ?? 'none'}>
                  <Table.Td>{row.label ?? row.key ?? t('surveys.none')}</Table.Td>
                  <Cell r={row.csat.satisfied} percent />
                  <Cell r={row.nps} digits={0} />
                  <Cell r={ces(row)} digits={2} />
                  <Cell r={row.staffDissatisfaction} percent />
                  <Cell r={row.officeDissatisfaction} percent />
                  <Cell r={row.emotionalLoyalty} digits={0} />
                  <Cell r={row.responseRate} percent />
                  <Cell r={row.exactConversion} percent />
                  <Cell r={row.visitorCoverage} percent digits={2} />
                  <Cell r={row.forceMajeureLevel} percent />
                  <Cell r={row.emailCaptureRate} percent />
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
