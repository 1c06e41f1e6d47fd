// Units as a tree (store under its region, region under the company): create, edit, deactivate.
import { Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { allUnitsQuery } from '../../../api/admin.ts';
import type { Unit } from '../../../api/contract.ts';
import { DataTable } from '../../../components/DataTable.tsx';
import { RequireAbility } from '../../../components/Forbidden.tsx';
import { EmptyState } from '../../../components/states.tsx';
import { ActiveBadge, EditButton, ListHeader, TreeName, treeIndent, useEditing } from '../list.tsx';
import { asTree } from '../tree.ts';
import { UnitForm } from './UnitForm.tsx';

function Units() {
  const { t } = useTranslation();
  const units = useQuery(allUnitsQuery);
  const { editing, edit, create, close } = useEditing<Unit>();

  return (
    <Stack gap="sm">
      <ListHeader intro={t('admin.units.intro')} newLabel={t('admin.units.new')} onNew={create} />
      <DataTable
        query={units}
        rows={(data) => asTree(data, (unit) => unit.name)}
        rowKey={({ item }) => item.id}
        columns={[
          {
            header: t('admin.name'),
            cellProps: ({ depth }) => treeIndent(depth),
            cell: ({ item, depth }) => (
              <TreeName depth={depth}>
                <Text span fw={depth === 0 ? 600 : 400}>
                  {item.name}
                </Text>
              </TreeName>
            ),
          },
          { header: t('admin.units.type'), cell: ({ item }) => t(`unitType.${item.type}`) },
          { header: t('admin.units.code'), cell: ({ item }) => item.code ?? '—' },
          { header: t('admin.timeZone'), wide: true, cell: ({ item }) => item.timeZone },
          { header: t('admin.state'), cell: ({ item }) => <ActiveBadge active={item.active} /> },
        ]}
        actions={({ item }) => <EditButton name={item.name} onClick={() => edit(item)} />}
        empty={<EmptyState title={t('admin.units.empty')} hint={t('admin.units.emptyHint')} />}
        label={t('admin.section.units')}
        testId="units-table"
        skeletonRows={5}
        highlightOnHover
      />
      {editing !== undefined && <UnitForm unit={editing} units={units.data ?? []} onClose={close} />}
    </Stack>
  );
}

export function UnitsPage() {
  return (
    <RequireAbility ability="manageUnits">
      <Units />
    </RequireAbility>
  );
}
