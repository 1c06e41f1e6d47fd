// A unit's form: its type, name, code, time zone, the unit above it, and (once it exists) whether it is active.
import { Select, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { createUnit, updateUnit } from '../../../api/admin.ts';
import type { Unit, UnitType } from '../../../api/contract.ts';
import { UNIT_TYPES } from '../../../api/enums.ts';
import { keys } from '../../../api/queries.ts';
import { textInputs } from '../../../lib/form-draft.ts';
import { ActiveSwitch, formErrors, FormFooter, FormModal, TIME_ZONES, useSaveAndClose } from '../form.tsx';
import { asTree } from '../tree.ts';

/** The unit and every unit below it: none of them may become its parent. */
function selfAndBelow(unit: Unit | null, units: Unit[]): Set<string> {
  const below = new Set<string>();
  if (unit) {
    for (const { item } of asTree(units, (candidate) => candidate.name)) {
      if (item.id === unit.id || (item.parentId && below.has(item.parentId))) {
        below.add(item.id);
      }
    }
  }
  return below;
}

export function UnitForm({ unit, units, onClose }: { unit: Unit | null; units: Unit[]; onClose: () => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(() => ({
    type: unit?.type ?? ('store' as UnitType),
    name: unit?.name ?? '',
    code: unit?.code ?? '',
    timeZone: unit?.timeZone ?? 'Europe/Moscow',
    parentId: unit?.parentId ?? null,
    active: unit?.active ?? true,
  }));
  const change = (patch: Partial<typeof draft>) => setDraft((current) => ({ ...current, ...patch }));
  const save = useSaveAndClose(keys.units, onClose);
  const errors = formErrors(save.error, t);
  const text = textInputs(draft, change, errors);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const { type, name, code, timeZone, parentId, active } = draft;
    const fields = { type, name: name.trim(), timeZone };
    save.mutate(() =>
      unit
        ? updateUnit(unit.id, { ...fields, code: code.trim() || null, parentId, active })
        : createUnit({ ...fields, ...(code.trim() ? { code: code.trim() } : {}), ...(parentId ? { parentId } : {}) }),
    );
  };
  const excluded = selfAndBelow(unit, units);
  const title = unit ? t('admin.units.edit') : t('admin.units.new');

  return (
    <FormModal title={title} onClose={onClose} onSubmit={submit}>
      <Select
        label={t('admin.units.type')}
        value={draft.type}
        onChange={(type) => type && change({ type: type as UnitType })}
        allowDeselect={false}
        data={UNIT_TYPES.map((unitType) => ({ value: unitType, label: t(`unitType.${unitType}`) }))}
        error={errors.type}
      />
      <TextInput label={t('admin.name')} required {...text('name')} />
      <TextInput label={t('admin.units.code')} {...text('code')} />
      <Select
        label={t('admin.timeZone')}
        searchable
        value={draft.timeZone}
        onChange={(timeZone) => timeZone && change({ timeZone })}
        allowDeselect={false}
        data={TIME_ZONES}
        error={errors.timeZone}
        nothingFoundMessage={t('common.nothingFound')}
      />
      <Select
        label={t('admin.units.parent')}
        placeholder={t('admin.units.noParent')}
        clearable
        searchable
        value={draft.parentId}
        onChange={(parentId) => change({ parentId })}
        data={units
          .filter((candidate) => !excluded.has(candidate.id))
          .map((candidate) => ({ value: candidate.id, label: candidate.name }))}
        error={errors.parentId}
        nothingFoundMessage={t('common.nothingFound')}
      />
      {unit && <ActiveSwitch checked={draft.active} onChange={(active) => change({ active })} />}
      <FormFooter save={save} errors={errors} onCancel={onClose} />
    </FormModal>
  );
}
