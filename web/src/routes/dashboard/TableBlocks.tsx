// The dashboard's blocks drawn as tables: times to answer and resolve, submission errors, the rankings of units,
// agents and categories (a row opens its appeals), and the survey indices.
import { Alert, SimpleGrid, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Dashboard } from '../../api/contract.ts';
import { ChartCard, Sparkline } from './ChartCard.tsx';
import type { BlockProps } from './ChartBlocks.tsx';
import type { useDrill } from './useDrill.ts';

const MEASURES = ['firstResponse', 'resolution'] as const;
const RANKINGS = ['units', 'agents', 'categories'] as const;
const RANKING_ROWS = 15;

const hours = (minutes: number | null, unit: string) =>
  minutes === null ? '—' : `${(Math.round(minutes / 6) / 10).toLocaleString()} ${unit}`;

export function TimesBlock({ dashboard, exportQuery }: BlockProps) {
  const { t, i18n } = useTranslation('dashboard');
  const { times } = dashboard;
  return (
    <ChartCard block="times" title={t('times')} exportQuery={exportQuery}>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th />
            <Table.Th>{t('median')}</Table.Th>
            <Table.Th>{t('p90')}</Table.Th>
            <Table.Th>{t('count')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {MEASURES.map((measure) => (
            <Table.Tr key={measure}>
              <Table.Td>{t(measure)}</Table.Td>
              <Table.Td>{hours(times[measure].median, t('hours'))}</Table.Td>
              <Table.Td>{hours(times[measure].p90, t('hours'))}</Table.Td>
              <Table.Td>{times[measure].count.toLocaleString(i18n.language)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {times.resolution.sampled && (
        <Text size="xs" c="dimmed">
          {t('sampled')}
        </Text>
      )}
      {times.pendingAppeals > 0 && (
        <Text size="xs" c="dimmed">
          {t('pending', { count: times.pendingAppeals })}
        </Text>
      )}
    </ChartCard>
  );
}

export function SubmissionErrorsBlock({ dashboard, exportQuery }: BlockProps) {
  const { t } = useTranslation('dashboard');
  return (
    <ChartCard block="submissionErrors" title={t('submissionErrors')} exportQuery={exportQuery}>
      {dashboard.submissionErrors.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('noData')}
        </Text>
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('unit')}</Table.Th>
              <Table.Th>{t('rejections')}</Table.Th>
              <Table.Th>{t('submissions')}</Table.Th>
              <Table.Th>{t('errorRate')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {dashboard.submissionErrors.map((row) => (
              <Table.Tr key={row.unitId}>
                <Table.Td>{row.unitName}</Table.Td>
                <Table.Td>{row.rejections}</Table.Td>
                <Table.Td>{row.submissions}</Table.Td>
                <Table.Td>{row.errorRate === null ? '—' : `${row.errorRate} %`}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </ChartCard>
  );
}

type Ranking = (typeof RANKINGS)[number];
type RankingRow = Dashboard[Ranking][number];

function RankingTable({
  ranking,
  rows,
  onOpen,
}: {
  ranking: Ranking;
  rows: RankingRow[];
  /** Units and categories open their appeals; agents do not. */
  onOpen: ((row: RankingRow & { id: string }) => void) | null;
}) {
  const { t, i18n } = useTranslation('dashboard');
  const english = i18n.language === 'en';
  return (
    <Table striped>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('name')}</Table.Th>
          <Table.Th>{t('appeals')}</Table.Th>
          <Table.Th>{t('trend')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.slice(0, RANKING_ROWS).map((row) => (
          <Table.Tr
            key={row.id ?? 'none'}
            style={{ cursor: ranking === 'agents' || !row.id ? undefined : 'pointer' }}
            onClick={() => row.id !== null && onOpen?.({ ...row, id: row.id })}
          >
            <Table.Td>
              <Text size="sm" truncate maw={180}>
                {english ? row.nameEn : row.name}
              </Text>
            </Table.Td>
            <Table.Td>
              {row.appeals.toLocaleString(i18n.language)}
              {row.share !== null && (
                <Text span size="xs" c="dimmed">
                  {' '}
                  · {row.share} %
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              <Sparkline values={row.series} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export function RankingBlocks({
  dashboard,
  exportQuery,
  drills,
}: BlockProps & { drills: ReturnType<typeof useDrill> }) {
  const { t } = useTranslation('dashboard');
  const openers: Record<Ranking, ((row: { id: string }) => void) | null> = {
    units: (row) => drills.drill({ unitId: row.id }),
    agents: null,
    categories: (row) => drills.drill({ categoryId: drills.categoryTree(row.id) }),
  };
  return (
    <SimpleGrid cols={{ base: 1, xl: 3 }}>
      {RANKINGS.map((ranking) => (
        <ChartCard key={ranking} block={ranking} title={t(ranking)} exportQuery={exportQuery}>
          <RankingTable ranking={ranking} rows={dashboard[ranking]} onOpen={openers[ranking]} />
        </ChartCard>
      ))}
    </SimpleGrid>
  );
}

export function SatisfactionBlock({ dashboard }: { dashboard: Dashboard }) {
  const { t, i18n } = useTranslation('dashboard');
  const { available, indices } = dashboard.satisfaction;
  const figure = (value: number) => (Math.round(value * 100) / 100).toLocaleString(i18n.language);
  return (
    <Alert variant="light" title={t('satisfaction')}>
      {!available
        ? t('satisfactionUnavailable')
        : indices.every((index) => index.sampleSize === 0)
          ? t('noSurveys')
          : indices.map((index) => (
              <Text key={index.key} size="sm">
                {t(`index.${index.key}`)}: {index.value === null ? '—' : figure(index.value)} (n ={' '}
                {index.sampleSize.toLocaleString(i18n.language)})
              </Text>
            ))}
    </Alert>
  );
}
