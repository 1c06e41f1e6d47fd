// The category taxonomy, one tree per appeal kind: create, rename, move between kinds, deactivate.
import { Button, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppealKind, Category } from '../../../api/contract.ts';
import { APPEAL_KINDS } from '../../../api/enums.ts';
import { categoriesQuery } from '../../../api/queries.ts';
import { DataTable } from '../../../components/DataTable.tsx';
import { RequireAbility } from '../../../components/Forbidden.tsx';
import { EmptyState } from '../../../components/states.tsx';
import { nameOfCategory } from '../../../lib/directory.ts';
import { ActiveBadge, EditButton, TreeName, treeIndent, useEditing } from '../list.tsx';
import { asTree } from '../tree.ts';
import { CategoryForm } from './CategoryForm.tsx';

function Categories() {
  const { t, i18n } = useTranslation();
  const categories = useQuery(categoriesQuery);
  const [kind, setKind] = useState<AppealKind>('incident');
  const { editing, edit, create, close } = useEditing<Category>();
  const label = (category: Category) => nameOfCategory(category, i18n.language);
  // Siblings in their set order, then by name.
  const orderKey = (category: Category) => `${String(category.position).padStart(6, '0')}${label(category)}`;

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <SegmentedControl
          value={kind}
          onChange={(value) => setKind(value as AppealKind)}
          aria-label={t('appeal.kind')}
          data={APPEAL_KINDS.map((appealKind) => ({ value: appealKind, label: t(`kind.${appealKind}`) }))}
        />
        <Button onClick={create}>{t('admin.categories.new')}</Button>
      </Group>
      <DataTable
        query={categories}
        rows={(data) =>
          asTree(
            data.filter((category) => category.kinds.includes(kind)),
            orderKey,
          )
        }
        rowKey={({ item }) => item.id}
        rowProps={({ item }) => ({ c: item.active ? undefined : 'dimmed' })}
        columns={[
          {
            header: t('admin.name'),
            cellProps: ({ depth }) => treeIndent(depth),
            cell: ({ item, depth }) => <TreeName depth={depth}>{label(item)}</TreeName>,
          },
          {
            header: t('admin.categories.code'),
            cell: ({ item }) => (
              <Text size="xs" ff="monospace">
                {item.code}
              </Text>
            ),
          },
          {
            header: t('admin.categories.kinds'),
            wide: true,
            cell: ({ item }) => item.kinds.map((itemKind) => t(`kind.${itemKind}`)).join(', '),
          },
          { header: t('admin.state'), cell: ({ item }) => <ActiveBadge active={item.active} /> },
        ]}
        actions={({ item }) => <EditButton name={label(item)} onClick={() => edit(item)} />}
        empty={<EmptyState title={t('admin.categories.empty')} />}
        label={t('admin.section.categories')}
        testId="categories-table"
        minWidth={600}
        skeletonRows={6}
        highlightOnHover
        verticalSpacing={5}
      />
      {editing !== undefined && (
        <CategoryForm category={editing} kind={kind} categories={categories.data ?? []} onClose={close} />
      )}
    </Stack>
  );
}

export function CategoriesPage() {
  return (
    <RequireAbility ability="manageCategories">
      <Categories />
    </RequireAbility>
  );
}
