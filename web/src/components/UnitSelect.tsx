// The unit an appeal (or what opens appeals, like a mailbox) belongs to: optional, searchable by name.
import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Unit } from '../api/contract.ts';

export function UnitSelect({
  units,
  value,
  onChange,
  error,
}: {
  units: Unit[];
  value: string | null;
  onChange: (unitId: string | null) => void;
  error: string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <Select
      label={t('appeal.unit')}
      placeholder={t('common.notSet')}
      clearable
      searchable
      value={value}
      onChange={onChange}
      data={units.map((unit) => ({ value: unit.id, label: unit.name }))}
      error={error}
      nothingFoundMessage={t('common.nothingFound')}
    />
  );
}
