// A category's form: its code (set once), Russian and English names, the appeal kinds it serves, the category above
// it (set once), its place among its siblings, and whether it is active.
import { Chip, Group, NumberInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { createCategory, updateCategory } from '../../../api/admin.ts';
import type { AppealKind, Category } from '../../../api/contract.ts';
import { APPEAL_KINDS } from '../../../api/enums.ts';
import { keys } from '../../../api/queries.ts';
import { nameOfCategory } from '../../../lib/directory.ts';
import { textInputs } from '../../../lib/form-draft.ts';
import { ActiveSwitch, formErrors, FormFooter, FormModal, useSaveAndClose } from '../form.tsx';

function KindChips({
  kinds,
  onChange,
  error,
}: {
  kinds: AppealKind[];
  onChange: (kinds: AppealKind[]) => void;
  error: string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500} id="category-kinds">
        {t('admin.categories.kinds')}
      </Text>
      <Chip.Group multiple value={kinds} onChange={(values) => onChange(values as AppealKind[])}>
        <Group gap={6} role="group" aria-labelledby="category-kinds">
          {APPEAL_KINDS.map((kind) => (
            <Chip key={kind} value={kind} size="sm">
              {t(`kind.${kind}`)}
            </Chip>
          ))}
        </Group>
      </Chip.Group>
      {error && (
        <Text size="xs" c="red">
          {error}
        </Text>
      )}
    </Stack>
  );
}

/** The category as it is, or a new one of the kind on screen. */
const draftOf = (category: Category | null, kind: AppealKind) => ({
  code: category?.code ?? '',
  nameRu: category?.nameRu ?? '',
  nameEn: category?.nameEn ?? '',
  kinds: category?.kinds ?? [kind],
  parentId: category?.parentId ?? null,
  position: category?.position ?? 0,
  active: category?.active ?? true,
});
type CategoryDraft = ReturnType<typeof draftOf>;

export function CategoryForm({
  category,
  kind,
  categories,
  onClose,
}: {
  category: Category | null;
  /** The kind the list shows: a new category serves it. */
  kind: AppealKind;
  categories: Category[];
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [draft, setDraft] = useState(() => draftOf(category, kind));
  const change = (patch: Partial<CategoryDraft>) => setDraft((current) => ({ ...current, ...patch }));
  const save = useSaveAndClose(keys.categories, onClose);
  const errors = formErrors(save.error, t);
  const text = textInputs(draft, change, errors);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const { code, nameRu, nameEn, kinds, parentId, position, active } = draft;
    const fields = { nameRu: nameRu.trim(), nameEn: nameEn.trim(), kinds, position };
    save.mutate(() =>
      category
        ? updateCategory(category.id, { ...fields, active })
        : createCategory({ ...fields, code: code.trim(), ...(parentId ? { parentId } : {}) }),
    );
  };
  const title = category ? t('admin.categories.edit') : t('admin.categories.new');
  const parents = categories.filter((candidate) => candidate.id !== category?.id);

  return (
    <FormModal title={title} onClose={onClose} onSubmit={submit}>
      <TextInput
        label={t('admin.categories.code')}
        description={t('admin.categories.codeHint')}
        required={!category}
        disabled={!!category}
        {...text('code')}
      />
      <TextInput label={t('admin.categories.nameRu')} required {...text('nameRu')} />
      <TextInput label={t('admin.categories.nameEn')} required {...text('nameEn')} />
      <KindChips kinds={draft.kinds} onChange={(kinds) => change({ kinds })} error={errors.kinds} />
      <Select
        label={t('admin.categories.parent')}
        placeholder={t('admin.categories.noParent')}
        clearable
        searchable
        disabled={!!category}
        value={draft.parentId}
        onChange={(parentId) => change({ parentId })}
        error={errors.parentId}
        nothingFoundMessage={t('common.nothingFound')}
        data={parents.map((parent) => ({ value: parent.id, label: nameOfCategory(parent, i18n.language) }))}
      />
      <NumberInput
        label={t('admin.categories.position')}
        min={0}
        max={100000}
        value={draft.position}
        onChange={(position) => change({ position: Number(position) || 0 })}
        error={errors.position}
      />
      {category && <ActiveSwitch checked={draft.active} onChange={(active) => change({ active })} />}
      <FormFooter save={save} errors={errors} onCancel={onClose} />
    </FormModal>
  );
}
