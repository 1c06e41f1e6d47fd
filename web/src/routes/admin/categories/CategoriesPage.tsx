// The category taxonomy, one tree per appeal kind: create, rename, move between kinds, deactivate.
import {
  Badge,
  Button,
  Chip,
  Group,
  Modal,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { createCategory, updateCategory } from '../../../api/admin.ts';
import { categoriesQuery, keys } from '../../../api/queries.ts';
import type { AppealKind, Category } from '../../../api/contract.ts';
import { APPEAL_KINDS } from '../../../api/enums.ts';
import { RequireAbility } from '../../../components/Forbidden.tsx';
import { EmptyState, QueryStates } from '../../../components/states.tsx';
import { FormFooter, formErrors, useSaveAndClose } from '../form.tsx';
import { asTree } from '../tree.ts';

function CategoryForm({
  category,
  kind,
  categories,
  onClose,
}: {
  category: Category | null;
  kind: AppealKind;
  categories: Category[];
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [code, setCode] = useState(category?.code ?? '');
  const [nameRu, setNameRu] = useState(category?.nameRu ?? '');
  const [nameEn, setNameEn] = useState(category?.nameEn ?? '');
  const [kinds, setKinds] = useState<AppealKind[]>(category?.kinds ?? [kind]);
  const [parentId, setParentId] = useState<string | null>(category?.parentId ?? null);
  const [position, setPosition] = useState<number>(category?.position ?? 0);
  const [active, setActive] = useState(category?.active ?? true);
  const save = useSaveAndClose(keys.categories, onClose);
  const errors = formErrors(save.error, t);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const fields = { nameRu: nameRu.trim(), nameEn: nameEn.trim(), kinds, position };
    save.mutate(() =>
      category
        ? updateCategory(category.id, { ...fields, active })
        : createCategory({ ...fields, code: code.trim(), ...(parentId ? { parentId } : {}) }),
    );
  };
  const title = category ? t('admin.categories.edit') : t('admin.categories.new');
  const label = (c: Category) => (i18n.language === 'en' ? c.nameEn : c.nameRu);

  return (
    <Modal opened onClose={onClose} title={title}>
      <Stack component="form" gap="sm" onSubmit={submit} aria-label={title}>
        <TextInput
          label={t('admin.categories.code')}
          description={t('admin.categories.codeHint')}
          required={!category}
          disabled={!!category}
          value={code}
          onChange={(e) => setCode(e.currentTarget.value)}
          error={errors.code}
        />
        <TextInput
          label={t('admin.categories.nameRu')}
          required
          value={nameRu}
          onChange={(e) => setNameRu(e.currentTarget.value)}
          error={errors.nameRu}
        />
        <TextInput
          label={t('admin.categories.nameEn')}
          required
          value={nameEn}
          onChange={(e) => setNameEn(e.currentTarget.value)}
          error={errors.nameEn}
        />
        <Stack gap={4}>
          <Text size="sm" fw={500} id="category-kinds">
            {t('admin.categories.kinds')}
          </Text>
          <Chip.Group multiple value={kinds} onChange={(values) => setKinds(values as AppealKind[])}>
            <Group gap={6} role="group" aria-labelledby="category-kinds">
              {APPEAL_KINDS.map((k) => (
                <Chip key={k} value={k} size="sm">
                  {t(`kind.${k}`)}
                </Chip>
              ))}
            </Group>
          </Chip.Group>
          {errors.kinds && (
            <Text size="xs" c="red">
              {errors.kinds}
            </Text>
          )}
        </Stack>
        <Select
          label={t('admin.categories.parent')}
          placeholder={t('admin.categories.noParent')}
          clearable
          searchable
          disabled={!!category}
          value={parentId}
          onChange={setParentId}
          error={errors.parentId}
          nothingFoundMessage={t('common.nothingFound')}
          data={categories.filter((c) => c.id !== category?.id).map((c) => ({ value: c.id, label: label(c) }))}
        />
        <NumberInput
          label={t('admin.categories.position')}
          min={0}
          max={100000}
          value={position}
          onChange={(v) => setPosition(Number(v) || 0)}
          error={errors.position}
        />
        {category && (
          <Switch label={t('admin.active')} checked={active} onChange={(e) => setActive(e.currentTarget.checked)} />
        )}
        <FormFooter save={save} errors={errors} onCancel={onClose} />
      </Stack>
    </Modal>
  );
}

function Categories() {
  const { t, i18n } = useTranslation();
  const categories = useQuery(categoriesQuery);
  const [kind, setKind] = useState<AppealKind>('incident');
  const [editing, setEditing] = useState<Category | 'new' | null>(null);
  const ofKind = (categories.data ?? []).filter((c) => c.kinds.includes(kind));
  const label = (c: Category) => (i18n.language === 'en' ? c.nameEn : c.nameRu);

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <SegmentedControl
          value={kind}
          onChange={(v) => setKind(v as AppealKind)}
          aria-label={t('appeal.kind')}
          data={APPEAL_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
        />
        <Button onClick={() => setEditing('new')}>{t('admin.categories.new')}</Button>
      </Group>
      <QueryStates
        query={categories}
        rows={6}
        isEmpty={() => ofKind.length === 0}
        empty={<EmptyState title={t('admin.categories.empty')} />}
      >
        {() => (
          <Paper withBorder>
            <Table.ScrollContainer minWidth={600}>
              <Table
                verticalSpacing={5}
                fz="sm"
                highlightOnHover
                aria-label={t('admin.section.categories')}
                data-testid="categories-table"
              >
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('admin.name')}</Table.Th>
                    <Table.Th>{t('admin.categories.code')}</Table.Th>
                    <Table.Th visibleFrom="md">{t('admin.categories.kinds')}</Table.Th>
                    <Table.Th>{t('admin.state')}</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {asTree(ofKind, (c) => `${String(c.position).padStart(6, '0')}${label(c)}`).map(
                    ({ item: c, depth }) => (
                      <Table.Tr key={c.id} c={c.active ? undefined : 'dimmed'}>
                        <Table.Td style={{ paddingLeft: 8 + depth * 20 }}>
                          {depth > 0 && (
                            <Text span c="dimmed" aria-hidden>
                              └{' '}
                            </Text>
                          )}
                          {label(c)}
                        </Table.Td>
                        <Table.Td>
                          <Text size="xs" ff="monospace">
                            {c.code}
                          </Text>
                        </Table.Td>
                        <Table.Td visibleFrom="md">{c.kinds.map((k) => t(`kind.${k}`)).join(', ')}</Table.Td>
                        <Table.Td>
                          {c.active ? (
                            <Badge variant="light" color="green" style={{ minWidth: 'max-content' }}>
                              {t('admin.activeYes')}
                            </Badge>
                          ) : (
                            <Badge variant="light" color="gray" style={{ minWidth: 'max-content' }}>
                              {t('admin.activeNo')}
                            </Badge>
                          )}
                        </Table.Td>
                        <Table.Td>
                          <Button
                            size="compact-xs"
                            variant="subtle"
                            onClick={() => setEditing(c)}
                            aria-label={`${t('admin.edit')}: ${label(c)}`}
                          >
                            {t('admin.edit')}
                          </Button>
                        </Table.Td>
                      </Table.Tr>
                    ),
                  )}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
        )}
      </QueryStates>
      {editing && (
        <CategoryForm
          category={editing === 'new' ? null : editing}
          kind={kind}
          categories={categories.data ?? []}
          onClose={() => setEditing(null)}
        />
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
