// The dashboard's filters: the period and its grain, a unit, a channel, a kind, a category. They live in the URL.
import { Group, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Dashboard } from '../../api/contract.ts';
import { APPEAL_KINDS, CHANNELS } from '../../api/enums.ts';
import { useDirectory } from '../../lib/directory.ts';
import type { DashboardSearch, Grain } from './search.ts';

const GRAINS: Grain[] = ['month', 'week', 'day'];

type FilterProps = {
  search: DashboardSearch;
  /** The filters of the dashboard on screen: the period the server chose when the URL names none. */
  shown: Dashboard['filters'] | undefined;
  onChange: (patch: DashboardSearch) => void;
};

/** The period's first and last days, and the grain of its buckets. */
function PeriodFilters({ search, shown, onChange }: FilterProps) {
  const { t } = useTranslation('dashboard');
  return (
    <>
      <TextInput
        type="date"
        label={t('from')}
        value={search.from ?? shown?.from ?? ''}
        onChange={(event) => onChange({ from: event.currentTarget.value || undefined })}
        w={160}
      />
      <TextInput
        type="date"
        label={t('to')}
        value={search.to ?? shown?.to ?? ''}
        onChange={(event) => onChange({ to: event.currentTarget.value || undefined })}
        w={160}
      />
      <Stack gap={2}>
        <Text size="sm" fw={500}>
          {t('grain')}
        </Text>
        <SegmentedControl
          size="xs"
          value={search.grain ?? 'month'}
          onChange={(grain) => onChange({ grain: grain as Grain })}
          data={GRAINS.map((grain) => ({ value: grain, label: t(grain) }))}
        />
      </Stack>
    </>
  );
}

export function DashboardFilters({ search, shown, onChange }: FilterProps) {
  const { t } = useTranslation('dashboard');
  const { t: common } = useTranslation();
  const directory = useDirectory();

  return (
    <Group gap="xs" align="flex-end" wrap="wrap">
      <PeriodFilters search={search} shown={shown} onChange={onChange} />
      <Select
        label={t('unit')}
        placeholder={t('any')}
        clearable
        searchable
        w={220}
        value={search.unitId ?? null}
        data={directory.units.map((unit) => ({ value: unit.id, label: unit.name }))}
        onChange={(unitId) => onChange({ unitId: unitId ?? undefined })}
      />
      <Select
        label={t('channel')}
        placeholder={t('any')}
        clearable
        w={170}
        value={search.channel ?? null}
        data={CHANNELS.map((channel) => ({ value: channel, label: common(`channel.${channel}`) }))}
        onChange={(channel) => onChange({ channel: channel ?? undefined })}
      />
      <Select
        label={t('kind')}
        placeholder={t('any')}
        clearable
        w={150}
        value={search.kind ?? null}
        data={APPEAL_KINDS.map((kind) => ({ value: kind, label: common(`kind.${kind}`) }))}
        onChange={(kind) => onChange({ kind: kind ?? undefined })}
      />
      <Select
        label={t('category')}
        placeholder={t('any')}
        clearable
        searchable
        w={240}
        value={search.categoryId ?? null}
        data={directory.categories.map((category) => ({ value: category.id, label: directory.categoryName(category) }))}
        onChange={(categoryId) => onChange({ categoryId: categoryId ?? undefined })}
      />
    </Group>
  );
}
